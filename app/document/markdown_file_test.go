package document_test

import (
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/document"
)

// readme is what a project's README looks like: headings of both kinds,
// emphasis, links by both ways, code, lists, a quote, an HTML comment and
// a badge.
const readme = "# claimmark  \n" +
	"\n" +
	"[![build](https://example.org/badge.svg)](https://example.org/ci) <!-- badge -->\n" +
	"\n" +
	"claimmark helps you **reduce** an argument to its _claims_, read\n" +
	"the [docs](https://example.org/docs \"Docs\") or the [guide][g].\n" +
	"\n" +
	"Install\n" +
	"-------\n" +
	"\n" +
	"1. Install Go 1.26.\n" +
	"2. Run `make run`, then open\n" +
	"   <http://127.0.0.1:8000>.\n" +
	"\n" +
	"```sh\n" +
	"make test\n" +
	"\n" +
	"make bench\n" +
	"```\n" +
	"\n" +
	"* Tag a passage as *claim*, *evidence* or *prediction*;\n" +
	"* export it &mdash; as JSON.\n" +
	"  - nested, with a \\*literal\\* star\n" +
	"\n" +
	"> Read closely.  \n" +
	"> Then read again.\n" +
	"\n" +
	"---\n" +
	"\n" +
	"    indented code\n" +
	"\n" +
	"[g]: https://example.org/guide\n"

func TestTextOfMarkdownReadme(t *testing.T) {
	got, err := document.TextOfMarkdown([]byte(readme))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"claimmark",
		"build",
		"claimmark helps you reduce an argument to its claims, read the docs or the guide.",
		"Install",
		"1. Install Go 1.26.",
		"2. Run make run, then open http://127.0.0.1:8000.",
		"make test",
		"make bench",
		"• Tag a passage as claim, evidence or prediction;",
		"• export it — as JSON.",
		"• nested, with a *literal* star",
		"Read closely.\nThen read again.",
		"indented code",
	}
	if blocks := strings.Split(got, "\n\n"); strings.Join(blocks, "|") != strings.Join(want, "|") {
		t.Errorf("blocks:\n%q\nwant\n%q", blocks, want)
	}
	d, err := document.FromFile("README.md", []byte(readme))
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "claimmark" || d.Blocks[0].Text != "claimmark" {
		t.Errorf("title %q, first block %q: the title keeps no #", d.Title, d.Blocks[0].Text)
	}
	if d.Blocks[3].Kind != document.Heading || d.Blocks[4].Kind != document.Paragraph {
		t.Errorf("Install is %v and the list item after it %v", d.Blocks[3].Kind, d.Blocks[4].Kind)
	}
	again, _ := document.FromFile("README.md", []byte(readme))
	if again.SHA256 != d.SHA256 {
		t.Error("the same file opens as two texts")
	}
	// A .txt file keeps its markup: it is not read as Markdown.
	if d, _ := document.FromFile("README.txt", []byte(readme)); !strings.Contains(d.Text, "**reduce**") {
		t.Error("a .txt file lost its asterisks")
	}
	if _, err := document.TextOfMarkdown([]byte("<!-- only a comment -->\n\n[a]: /b\n")); err != document.ErrEmpty {
		t.Errorf("a file with no text: %v, want ErrEmpty", err)
	}
}
