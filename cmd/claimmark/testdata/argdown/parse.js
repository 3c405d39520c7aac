// Parses an Argdown file with @argdown/core and prints, as JSON, its
// parser errors, its statements (title, text, tags) and its relations.
const { ArgdownApplication, ParserPlugin, ModelPlugin } = require("@argdown/core");
const fs = require("fs");
const app = new ArgdownApplication();
app.addPlugin(new ParserPlugin(), "parse-input");
app.addPlugin(new ModelPlugin(), "build-model");
const input = fs.readFileSync(process.argv[2], "utf8");
const res = app.run({ process: ["parse-input", "build-model"], input, throwExceptions: false, logExceptions: false });
console.log(JSON.stringify({
  errors: [...(res.parserErrors || []), ...(res.lexerErrors || [])].map(e => e.message),
  exceptions: (res.exceptions || []).map(e => String(e)),
  statements: Object.values(res.statements || {}).map(s => ({
    title: s.title,
    text: (s.members || []).map(m => m.text).filter(Boolean)[0] || "",
    tags: s.tags || [],
  })),
  relations: (res.relations || []).map(r => ({ from: r.from.title, to: r.to.title, type: r.relationType })),
}));
