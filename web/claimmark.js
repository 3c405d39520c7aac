// claimmark's JavaScript: loops that would otherwise cross from Go into
// JavaScript once per item, for the thousands of ranges or rows of a long
// text. Everything else is Go.

// The theme the reader chose on this device, set before the page paints
// so that a dark page never flashes light (the wasm comes later).
try {
  const theme = localStorage.getItem("claimmark/theme");
  if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
} catch (e) {}

// The first screen of the text open last, kept by the app (keepScreen),
// shown as soon as the page is parsed: the page as served holds the
// default text, and the wasm that opens the reader's text comes later and
// renders the page anew.
document.addEventListener("DOMContentLoaded", () => {
  try {
    const s = JSON.parse(localStorage.getItem("claimmark/screen"));
    const article = document.getElementById("document");
    if (!s || !Array.isArray(s.blocks) || !article || article.dataset.sha256 === s.doc) return;
    article.replaceChildren(...s.blocks.map(([tag, text], i) => {
      const e = document.createElement(tag === "h1" || tag === "h2" ? tag : "p");
      e.dataset.block = i;
      e.textContent = text;
      return e;
    }));
    article.dataset.sha256 = s.doc;
  } catch (e) {}
});

// claimmarkTextNodes is the text node of each block, for the painter, in
// one crossing.
function claimmarkTextNodes(blocks) {
  return Array.from(blocks, b => b.firstChild);
}

// claimmarkPaint paints many highlights in one crossing.
// nodes: the text node of each block; spans: an Int32Array of
// [block, start, block, end] per range, offsets in UTF-16 units; tags: a
// Uint8Array with the index in highlights of each range's highlight.
// Returns the ranges, in order.
function claimmarkPaint(nodes, spans, tags, highlights) {
  const ranges = new Array(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const r = document.createRange();
    r.setStart(nodes[spans[4 * i]], spans[4 * i + 1]);
    r.setEnd(nodes[spans[4 * i + 2]], spans[4 * i + 3]);
    highlights[tags[i]].add(r);
    ranges[i] = r;
  }
  return ranges;
}

// IndexedDB, for package idb: the loops that would otherwise cross from
// Go into JavaScript several times for each annotation. The layout is in
// the comment of package store: a document's annotations are its batch
// rows (its pack, up to claimmarkBatchLines "id\trecord" lines a row, in
// document order) and the rows of the changes written since.

const claimmarkBatchLines = 1000;

// claimmarkLine is a row as a "id\trecord" line, or null for a row that
// cannot be one (edited by hand or by another program).
function claimmarkLine(r) {
  if (r && typeof r.id === "string" && typeof r.record === "string" &&
      !/[\x00-\x1f\x7f]/.test(r.id) && !r.record.includes("\n")) {
    return r.id + "\t" + r.record;
  }
  return null;
}

// claimmarkBatch is a batch row's lines, or null for one that cannot be
// read as lines.
function claimmarkBatch(b) {
  return b && typeof b.lines === "string" ? b.lines : null;
}

// claimmarkKeeps says whether a stored annotation, as [id, modified,
// record], stays rather than be replaced by change c: it was modified
// later (another tab's older edit comes in after it), unless c puts back
// an annotation it deleted.
function claimmarkKeeps(old, c) {
  return old !== undefined && !(old[2] === "" && c[2] !== "") && old[1] > c[1];
}

// claimmarkFields is the head of a record: [id, tag, start, end, created,
// modified], or null. Read by a pattern rather than JSON.parse, which
// reads the quote and context after them too.
const claimmarkHead = /^\["((?:[^"\\]|\\.)*)","([a-z]*)",(-?\d+),(-?\d+),(-?\d+),(-?\d+)[,\]]/;
function claimmarkFields(record) {
  const m = claimmarkHead.exec(record);
  if (!m) return null;
  let id = m[1];
  if (id.includes("\\")) {
    try { id = JSON.parse('"' + id + '"'); } catch { return null; }
  }
  return [id, m[2], +m[3], +m[4], +m[5], +m[6]];
}

// claimmarkWrite writes one change in tx. puts holds "id\tmodified\trecord"
// lines, deletes one id a line; the document's change number goes up. A
// change of a few annotations, all modified after everything in the
// document's pack, writes one row each, unless the stored row was
// modified later; a deletion leaves its row with an empty record. Any
// other change packs the document anew with the change in it.
function claimmarkWrite(tx, doc, puts, deletes, at, rowsUpTo) {
  const meta = tx.objectStore("meta"), rows = tx.objectStore("annotations");
  const changes = [];
  for (const line of puts ? puts.split("\n") : []) {
    const a = line.indexOf("\t"), b = line.indexOf("\t", a + 1);
    changes.push([line.slice(0, a), Number(line.slice(a + 1, b)), line.slice(b + 1)]);
  }
  for (const id of deletes ? deletes.split("\n") : []) changes.push([id, at, ""]);
  // Both asked at once: a transaction's requests succeed in order.
  let newest = -Infinity;
  meta.get("packed/" + doc).onsuccess = (e) => {
    if (typeof e.target.result === "number") newest = e.target.result;
  };
  meta.get("seq/" + doc).onsuccess = (e) => {
    const written = (e.target.result || 0) + 1;
    meta.put(written, "seq/" + doc);
    if (changes.length > rowsUpTo || changes.some((c) => c[1] <= newest)) {
      claimmarkPack(tx, doc, written, changes);
      return;
    }
    for (const c of changes) {
      rows.get([doc, c[0]]).onsuccess = (e) => {
        const r = e.target.result;
        if (!claimmarkKeeps(r && [r.id, r.modified, r.record], c)) {
          rows.put({doc, id: c[0], modified: c[1], written, record: c[2]});
        }
      };
    }
  };
}

// claimmarkPack writes a document's annotations anew as its pack: what
// its batch rows and rows hold, with changes applied, in document order
// (annotation.Compare: by start, the longer first, by creation, by id),
// so that reading it needs no sort. Its rows are deleted, and with them
// the rows of deleted annotations; a row or batch row that cannot be
// read is moved aside, as a page that opens the document would.
function claimmarkPack(tx, doc, seq, changes) {
  const rows = tx.objectStore("annotations"), batches = tx.objectStore("batches");
  const range = IDBKeyRange.bound([doc], [doc, []]);
  const state = new Map(); // id → [id, modified or undefined, record]
  const aside = (store, key, value) => tx.objectStore("aside").add({
    store, key, value: JSON.stringify(value) ?? String(value),
    reason: "the stored row is not an annotation record", found: Date.now(),
  });
  batches.getAll(range).onsuccess = (e) => {
    for (const b of e.target.result) {
      const lines = claimmarkBatch(b);
      if (lines === null) {
        aside("batches", JSON.stringify(b.part), b);
        continue;
      }
      for (const line of lines ? lines.split("\n") : []) {
        // A line without its tab goes on, as a record no page can read.
        const t = line.indexOf("\t"), id = t < 0 ? line : line.slice(0, t);
        state.set(id, [id, undefined, t < 0 ? "?" : line.slice(t + 1)]);
      }
    }
    rows.getAll(range).onsuccess = (e) => {
      for (const r of e.target.result) {
        if (claimmarkLine(r) === null) aside("annotations", String(r.id), r);
        else state.set(r.id, [r.id, r.modified, r.record]);
      }
      for (const c of changes) {
        const old = state.get(c[0]);
        if (old && old[1] === undefined) old[1] = claimmarkFields(old[2])?.[5];
        if (!claimmarkKeeps(old, c)) state.set(c[0], c);
      }
      const packed = [];
      let newest = -Infinity;
      for (const [id, , record] of state.values()) {
        if (record === "") continue;
        // A record that cannot be read goes in first, as it is, for the
        // page that opens the document to set aside.
        const f = claimmarkFields(record) ?? [id, "", -1, 0, 0, 0];
        packed.push({line: id + "\t" + record, f});
        if (typeof f[5] === "number") newest = Math.max(newest, f[5]);
      }
      const cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;
      packed.sort(({f: a}, {f: b}) => cmp(a[2], b[2]) || cmp(b[3], a[3]) || cmp(a[4], b[4]) || cmp(a[0], b[0]));
      rows.delete(range);
      batches.delete(range);
      for (let i = 0; i < packed.length; i += claimmarkBatchLines) {
        const lines = packed.slice(i, i + claimmarkBatchLines).map((p) => p.line).join("\n");
        batches.put({doc, part: i / claimmarkBatchLines, seq, lines});
      }
      if (packed.length) tx.objectStore("meta").put(newest, "packed/" + doc);
      else tx.objectStore("meta").delete("packed/" + doc);
    };
  };
}

// claimmarkForget clears the current document if it is doc.
function claimmarkForget(meta, doc) {
  meta.get("current").onsuccess = (e) => {
    if (e.target.result === doc) meta.delete("current");
  };
}

// claimmarkRead reads a document's annotations: its batch rows' lines,
// then its rows'. A row or batch row that cannot be read is returned
// apart, as [store, key, value].
function claimmarkRead(db, doc) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(["batches", "annotations"], "readonly");
    const range = IDBKeyRange.bound([doc], [doc, []]);
    const out = {lines: "", batched: 0, rows: 0, bad: []};
    const bad = (store, key, r) => out.bad.push([store, key, JSON.stringify(r) ?? String(r)]);
    const parts = [];
    tx.objectStore("batches").getAll(range).onsuccess = (e) => {
      for (const b of e.target.result) {
        const lines = claimmarkBatch(b);
        if (lines === null) {
          bad("batches", JSON.stringify(b.part), b);
        } else if (lines !== "") {
          parts.push(lines);
          out.batched++;
          for (let i = lines.indexOf("\n"); i >= 0; i = lines.indexOf("\n", i + 1)) out.batched++;
        }
      }
    };
    tx.objectStore("annotations").getAll(range).onsuccess = (e) => {
      for (const r of e.target.result) {
        const line = claimmarkLine(r);
        if (line === null) bad("annotations", String(r && r.id), r);
        else parts.push(line), out.rows++;
      }
    };
    tx.oncomplete = () => {
      out.lines = parts.join("\n");
      resolve(out);
    };
    tx.onabort = () => reject(tx.error);
  });
}

// claimmarkRepack packs a document's annotations as they are.
function claimmarkRepack(db, doc) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(["meta", "batches", "annotations", "aside"], "readwrite");
    tx.objectStore("meta").get("seq/" + doc).onsuccess = (e) => claimmarkPack(tx, doc, e.target.result || 0, []);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
}

// claimmarkSetAside moves what a page could not read into the aside
// store: a batch row is deleted; an annotation's row becomes a deletion,
// so that neither it nor a line of the pack under it is read again.
function claimmarkSetAside(tx, doc, bad) {
  for (const [store, key, value, reason, found] of bad) {
    tx.objectStore("aside").add({store, key, value, reason, found});
    if (store === "annotations") {
      tx.objectStore("annotations").put({doc, id: key, modified: 0, written: 0, record: ""});
    } else if (store === "batches") {
      try { tx.objectStore("batches").delete([doc, JSON.parse(key)]); } catch {}
    }
  }
}

// claimmarkGeneration resolves to the database's generation: the name
// kept under "generation" in meta, which fresh becomes when it has none
// (a database just made, or made by an earlier version). One transaction,
// so that two tabs opening it at once agree.
function claimmarkGeneration(db, fresh) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction("meta", "readwrite"), meta = tx.objectStore("meta");
    let generation = fresh;
    meta.get("generation").onsuccess = (e) => {
      if (typeof e.target.result === "string") generation = e.target.result;
      else meta.put(fresh, "generation");
    };
    tx.oncomplete = () => resolve(generation);
    tx.onabort = () => reject(tx.error);
  });
}

// The argument map as a file of its own: the SVG as drawn, with the
// styles it needs in it (the page's rules stay behind).
const claimmarkMapStyle = `
[data-relation] { stroke: #2f3e46; stroke-width: 1.5; fill: none; }
[data-relation="undermines"] { stroke-dasharray: 6 4; }
[data-relation="follows-from"] { stroke-dasharray: 1 3; stroke-linecap: round; stroke-width: 2; }
marker path { fill: #2f3e46; }
[data-node] rect { fill: #fff; stroke: #2f3e46; stroke-width: 1.5; }
[data-node="claim"] rect { fill: #fbe7b5; stroke: #9a6700; }
[data-node="evidence"] rect { fill: #d5e8fb; stroke: #0b5cad; stroke-dasharray: 3 2; }
[data-node="prediction"] rect { fill: #e7defb; stroke: #6639ba; stroke-dasharray: 8 3; }
[data-node] text { font: 12px system-ui, sans-serif; fill: #1f2328; }
[data-node] [data-part="tag"] { font-weight: 700; font-size: 11px; }
`;

function claimmarkSVG(id) {
  const svg = document.getElementById(id);
  if (!svg) return null;
  const copy = svg.cloneNode(true);
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
  style.textContent = claimmarkMapStyle;
  copy.insertBefore(style, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

// Prints the map alone, on a page of its own.
function claimmarkPrintMap() {
  const root = document.documentElement;
  root.classList.add("printing-map");
  addEventListener("afterprint", () => root.classList.remove("printing-map"), { once: true });
  print();
}
