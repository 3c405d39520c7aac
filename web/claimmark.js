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
// the comment of package store.

// claimmarkLine is a row as a "id\trecord" line, or null for a row that
// cannot be one (edited by hand or by another program).
function claimmarkLine(r) {
  if (r && typeof r.id === "string" && typeof r.record === "string" &&
      !/[\x00-\x1f\x7f]/.test(r.id) && !r.record.includes("\n")) {
    return r.id + "\t" + r.record;
  }
  return null;
}

// claimmarkWrite writes one change in tx: the document's change number
// goes up, each row is put unless the stored one was modified later (by
// another tab), and a deletion leaves its row with an empty record. An
// annotation put back (an undo, a restore) replaces a deletion. A change
// of more than packOver rows reads the document's rows once rather than
// one by one, and packs them.
function claimmarkWrite(tx, doc, ids, modified, records, deletes, at, packOver) {
  const meta = tx.objectStore("meta"), rows = tx.objectStore("annotations");
  const keeps = (old, modified, record) =>
    old && !(old.record === "" && record !== "") && old.modified > modified;
  meta.get("seq/" + doc).onsuccess = (e) => {
    const written = (e.target.result || 0) + 1;
    meta.put(written, "seq/" + doc);
    const changes = [];
    for (let i = 0; i < ids.length; i++) changes.push([ids[i], modified[i], records[i]]);
    for (const id of deletes) changes.push([id, at, ""]);
    const put = (old, [id, modified, record]) => {
      if (!keeps(old, modified, record)) rows.put({doc, id, modified, written, record});
    };
    if (changes.length > packOver) {
      rows.index("doc").getAll(doc).onsuccess = (e) => {
        const stored = new Map(e.target.result.map((r) => [r.id, r]));
        for (const c of changes) {
          const old = stored.get(c[0]);
          put(old, c);
          if (!keeps(old, c[1], c[2])) stored.set(c[0], {id: c[0], record: c[2]});
        }
        // With every row in hand, packing costs little more.
        tx.objectStore("packs").put(claimmarkPack(doc, written, stored.values()));
      };
      return;
    }
    for (const c of changes) rows.get([doc, c[0]]).onsuccess = (e) => put(e.target.result, c);
  };
}

// claimmarkForget clears the current document if it is doc.
function claimmarkForget(meta, doc) {
  meta.get("current").onsuccess = (e) => {
    if (e.target.result === doc) meta.delete("current");
  };
}

// claimmarkRead reads a document's pack and the rows written after it,
// or, when whole is set, all its rows. A row that cannot be a line is
// returned apart, as [key, value].
function claimmarkRead(db, doc, whole) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(["packs", "annotations"], "readonly");
    const out = {lines: "", packed: 0, unpacked: 0, bad: []};
    const rest = [];
    const read = (rows) => {
      for (const r of rows) {
        if (whole && r.record === "") continue;
        const line = claimmarkLine(r);
        if (line === null) out.bad.push([String(r && r.id), JSON.stringify(r) ?? String(r)]);
        else rest.push(line);
      }
      out.unpacked = rest.length;
      if (rest.length) out.lines += (out.lines ? "\n" : "") + rest.join("\n");
    };
    const index = tx.objectStore("annotations").index(whole ? "doc" : "written");
    if (whole) {
      index.getAll(doc).onsuccess = (e) => read(e.target.result);
    } else {
      tx.objectStore("packs").get(doc).onsuccess = (e) => {
        const p = e.target.result;
        let from = -Infinity;
        if (p && typeof p.lines === "string" && typeof p.seq === "number" && typeof p.count === "number") {
          out.lines = p.lines; out.packed = p.count; from = p.seq;
        }
        index.getAll(IDBKeyRange.bound([doc, from], [doc, Infinity], true)).onsuccess = (e) => read(e.target.result);
      };
    }
    tx.oncomplete = () => resolve(out);
    tx.onabort = () => reject(tx.error);
  });
}

// claimmarkPack returns the pack of a document's rows as of change seq,
// in document order (annotation.Compare: by start, the longer first, by
// creation, by id) so that reading it needs no sort. A row that cannot be
// a line goes in as a line that cannot be read, so that the next page to
// open the document reads all the rows and sets it aside.
function claimmarkPack(doc, seq, rows) {
  const packed = [];
  for (const r of rows) {
    if (r.record === "") continue;
    const line = claimmarkLine(r);
    let f = null;
    try { f = line && JSON.parse(r.record); } catch {}
    packed.push({line: line ?? "unreadable\t!", f: Array.isArray(f) ? f : [String(r.id), "", -2, 0, 0]});
  }
  const cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;
  packed.sort(({f: a}, {f: b}) => cmp(a[2], b[2]) || cmp(b[3], a[3]) || cmp(a[4], b[4]) || cmp(a[0], b[0]));
  return {doc, seq, count: packed.length, lines: packed.map((p) => p.line).join("\n")};
}

// claimmarkRepack packs a document's rows as they are, and drops the rows
// of deleted annotations.
function claimmarkRepack(db, doc) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(["meta", "packs", "annotations"], "readwrite");
    const rows = tx.objectStore("annotations");
    tx.objectStore("meta").get("seq/" + doc).onsuccess = (e) => {
      const seq = e.target.result || 0;
      rows.index("doc").getAll(doc).onsuccess = (e) => {
        for (const r of e.target.result) {
          if (r.record === "") rows.delete([doc, r.id]);
        }
        tx.objectStore("packs").put(claimmarkPack(doc, seq, e.target.result));
      };
    };
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
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
