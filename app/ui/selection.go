package ui

import (
	"strconv"

	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/reading"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// DOM node types and compareDocumentPosition bits.
const (
	textNode          = 3
	positionPreceding = 2
)

// endOfBlock is a UTF-16 offset past any block's end; anchor clamps it.
const endOfBlock = 1 << 30

// The painter also reads the reader's selection and clicks on the text
// it paints, as offsets into its document.

func (p *painter) article() app.Value { return app.Window().GetElementByID("document") }

// domSelection returns the browser's selection range if it is not
// collapsed and touches the document.
func (p *painter) domSelection() (app.Value, bool) {
	if p.doc == nil {
		return nil, false
	}
	sel := app.Window().Call("getSelection")
	if !sel.Truthy() || sel.Get("rangeCount").Int() == 0 || sel.Get("isCollapsed").Bool() {
		return nil, false
	}
	rng := sel.Call("getRangeAt", 0)
	if !rng.Call("intersectsNode", p.article()).Bool() {
		return nil, false
	}
	return rng, true
}

// hasSelection reports whether text of the document is selected.
func (p *painter) hasSelection() bool {
	_, ok := p.domSelection()
	return ok
}

// selectedSpan is the reader's selection as code point offsets, snapped to
// words.
func (p *painter) selectedSpan() (start, end int, ok bool) {
	rng, ok := p.domSelection()
	if !ok {
		return 0, 0, false
	}
	from := p.pointOf(rng.Get("startContainer"), rng.Get("startOffset").Int())
	to := p.pointOf(rng.Get("endContainer"), rng.Get("endOffset").Int())
	return anchor.Select(p.doc, from, to)
}

// pointOf maps a DOM boundary (node, offset) to a point in the rendered
// blocks. Boundaries outside the document clamp to its start or end.
func (p *painter) pointOf(node app.Value, offset int) anchor.Point {
	article := p.article()
	last := len(p.doc.Blocks) - 1
	if node.Equal(article) {
		// Between sections.
		if offset >= len(p.sections) {
			return anchor.Point{Block: last, UTF16: endOfBlock}
		}
		return anchor.Point{Block: p.sections[offset]}
	}
	el := node
	if node.Get("nodeType").Int() == textNode {
		el = node.Get("parentElement")
	}
	if !article.Call("contains", node).Bool() || !el.Truthy() {
		if article.Call("compareDocumentPosition", node).Int()&positionPreceding != 0 {
			return anchor.Point{}
		}
		return anchor.Point{Block: last, UTF16: endOfBlock}
	}
	if first := el.Get("dataset").Get("first"); first.Truthy() {
		// Between the blocks of a section.
		block, err := strconv.Atoi(first.String())
		if err != nil {
			return anchor.Point{}
		}
		if n := el.Get("childElementCount").Int(); offset >= n {
			return anchor.Point{Block: min(block+n-1, last), UTF16: endOfBlock}
		}
		return anchor.Point{Block: block + offset}
	}
	block, err := strconv.Atoi(el.Get("dataset").Get("block").String())
	if err != nil {
		return anchor.Point{}
	}
	if node.Get("nodeType").Int() == textNode {
		return anchor.Point{Block: block, UTF16: offset}
	}
	if offset == 0 {
		return anchor.Point{Block: block}
	}
	return anchor.Point{Block: block, UTF16: endOfBlock}
}

// charAt returns the code point offset of the character under (x, y).
func (p *painter) charAt(x, y float64) (int, bool) {
	doc := app.Window().Get("document")
	var node app.Value
	var offset int
	if doc.Get("caretPositionFromPoint").Truthy() {
		pos := doc.Call("caretPositionFromPoint", x, y)
		if !pos.Truthy() {
			return 0, false
		}
		node, offset = pos.Get("offsetNode"), pos.Get("offset").Int()
	} else {
		rng := doc.Call("caretRangeFromPoint", x, y)
		if !rng.Truthy() {
			return 0, false
		}
		node, offset = rng.Get("startContainer"), rng.Get("startOffset").Int()
	}
	if node.Get("nodeType").Int() != textNode || !p.article().Call("contains", node).Bool() {
		return 0, false
	}
	caret := anchor.Offset(p.doc, p.pointOf(node, offset), false)
	// The caret sits between two characters; the one under the pointer is
	// whichever of them has a box that holds the point.
	for _, c := range []int{caret, caret - 1} {
		if c < 0 || c >= p.doc.Len() {
			continue
		}
		rects := p.domRange(c, c+1).Call("getClientRects")
		for i := 0; i < rects.Length(); i++ {
			b := rects.Index(i)
			if x >= b.Get("left").Float() && x <= b.Get("right").Float() &&
				y >= b.Get("top").Float() && y <= b.Get("bottom").Float() {
				return c, true
			}
		}
	}
	return 0, false
}

// selectSpan sets the browser's selection to the code points start to
// end, or clears it when the span is empty.
func (p *painter) selectSpan(start, end int) {
	sel := app.Window().Call("getSelection")
	if !sel.Truthy() {
		return
	}
	sel.Call("removeAllRanges")
	if start < end && p.doc != nil {
		sel.Call("addRange", p.domRange(start, end))
	}
}

// paintCursor paints the reading cursor over s; an empty s hides it.
func (p *painter) paintCursor(s reading.Span) {
	if p.highlights == nil {
		return
	}
	h, ok := p.highlights[cursorHighlight]
	if !ok {
		h = app.Window().Get("Highlight").New()
		h.Set("priority", 10)
		app.Window().Get("CSS").Get("highlights").Call("set", cursorHighlight, h)
		p.highlights[cursorHighlight] = h
	}
	h.Call("clear")
	if s.Start < s.End && p.doc != nil {
		h.Call("add", p.domRange(s.Start, s.End))
	}
}

// scrollToSpan scrolls the window, if need be, so that the code points
// start to end are in view, a third of the way down.
func (p *painter) scrollToSpan(start, end int) {
	if p.doc == nil || start >= end {
		return
	}
	rect := p.domRange(start, end).Call("getBoundingClientRect")
	h := app.Window().Get("innerHeight").Float()
	if top := rect.Get("top").Float(); top < 80 || rect.Get("bottom").Float() > h-40 {
		app.Window().Call("scrollBy", 0, top-h/3)
	}
}

// firstInView is the first character of the text in the window, below
// the toolbar that stays at its top.
func (p *painter) firstInView() (int, bool) {
	box := p.article().Call("getBoundingClientRect")
	x, top := box.Get("left").Float()+2, 0.0
	if bar := app.Window().Get("document").Call("querySelector", ".toolbar"); bar.Truthy() {
		top = bar.Call("getBoundingClientRect").Get("bottom").Float()
	}
	for y := max(box.Get("top").Float(), top) + 4; y < app.Window().Get("innerHeight").Float(); y += 8 {
		if at, ok := p.charAt(x, y); ok {
			return at, true
		}
	}
	return 0, false
}

// lineFrom is the character a line below (down) or above the one at
// offset, as laid out: under the same x, or at the start of a shorter
// line, skipping the space between paragraphs.
func (p *painter) lineFrom(offset int, down bool) (int, bool) {
	if p.doc == nil || offset >= p.doc.Len() {
		return 0, false
	}
	rects := p.domRange(offset, offset+1).Call("getClientRects")
	if rects.Length() == 0 {
		return 0, false
	}
	r := rects.Index(0)
	step := r.Get("height").Float()
	x, y := r.Get("left").Float()+1, r.Get("top").Float()-step/2
	if down {
		step, y = -step, r.Get("bottom").Float()+step/2
	}
	left := p.article().Call("getBoundingClientRect").Get("left").Float() + 2
	for range 6 {
		for _, at := range []float64{x, left} {
			if c, ok := p.charAt(at, y); ok && c != offset {
				return c, true
			}
		}
		y -= step
	}
	return 0, false
}
