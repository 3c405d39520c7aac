// claimmark's one piece of JavaScript: painting many highlights at once.
// From Go each DOM call crosses into JavaScript; for the thousands of
// ranges of a long text, this loop makes them in one crossing.
//
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

// The annotation records of a document, as store.DB's Records returns
// them: "id\trecord" lines joined by "\n", and apart, as [key, value]
// strings, the records that cannot be written so (edited by hand or by
// another program). Reading each record's fields from Go would cross into
// JavaScript several times per annotation.
function claimmarkRecordLines(records) {
  const lines = [], bad = [];
  for (const r of records) {
    if (typeof r.id === "string" && typeof r.record === "string" &&
        !/[\x00-\x1f\x7f]/.test(r.id) && !r.record.includes("\n")) {
      lines.push(r.id + "\t" + r.record);
    } else {
      bad.push([String(r.id), JSON.stringify(r) ?? String(r)]);
    }
  }
  return {lines: lines.join("\n"), bad};
}

// Puts annotation records in the store unless the one stored under the
// same key was modified later (by another tab): for the same annotation,
// the later edit wins.
function claimmarkPutNewer(store, doc, ids, modified, records) {
  for (let i = 0; i < ids.length; i++) {
    const rec = {doc, id: ids[i], modified: modified[i], record: records[i]};
    store.get([doc, ids[i]]).onsuccess = (e) => {
      const old = e.target.result;
      if (!old || !(old.modified > rec.modified)) store.put(rec);
    };
  }
}
