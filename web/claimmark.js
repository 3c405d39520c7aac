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
