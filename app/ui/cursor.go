package ui

import (
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/reading"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// textCursor is the reading cursor on the page: the domain's cursor,
// painted as a highlight while the text has the focus, mirrored into the
// browser's selection so that c, e and p tag what it selects, and said in
// a live region as it crosses passages.
type textCursor struct {
	w   *workspace
	c   reading.Cursor
	doc *document.Document // the text c is on; nil before the first focus
	// said is what the live region says, and saidCount tells one saying
	// from the next with the same words.
	said      string
	saidCount int
}

// cursorHighlight is the CSS highlight name of the reading cursor.
const cursorHighlight = "reading-cursor"

// focus shows the cursor when the text gets the focus: where it was in
// this text, or on the first word in view.
func (tc *textCursor) focus() {
	w := tc.w
	if w.doc == nil || w.painter.doc == nil {
		return
	}
	if tc.doc != w.doc {
		tc.doc, tc.c = w.doc, reading.Start(w.doc)
		if at, ok := w.painter.firstInView(); ok {
			tc.c = tc.c.MoveTo(w.doc, at)
		}
	}
	w.painter.paintCursor(tc.c.At)
}

func (tc *textCursor) blur() { tc.w.painter.paintCursor(reading.Span{}) }

// moveTo puts the cursor on the word at offset, after a click there.
func (tc *textCursor) moveTo(offset int) {
	if tc.w.doc != nil {
		tc.doc, tc.c = tc.w.doc, reading.Cursor{}.MoveTo(tc.w.doc, offset)
	}
}

// selectionGone drops the cursor's selection once the browser's is gone:
// tagged, or cleared by a click.
func (tc *textCursor) selectionGone() {
	if _, ok := tc.c.Selection(); ok {
		tc.c = tc.c.Clear()
	}
}

// isReadingKey reports whether the text, focused, takes a key.
func isReadingKey(e app.Value) bool {
	switch e.Get("key").String() {
	case "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "[", "]", "Home", "End", "s":
		return isPlainKey(e)
	}
	return false
}

// key moves the cursor or its selection for a key pressed in the text,
// and reports whether it was one of the cursor's.
func (tc *textCursor) key(e app.Value) bool {
	w, d := tc.w, tc.w.doc
	if d == nil || tc.doc != d || !isReadingKey(e) {
		return false
	}
	shift := e.Get("shiftKey").Bool()
	c := tc.c
	switch key := e.Get("key").String(); {
	case key == "ArrowRight" && shift:
		c = c.GrowWord(d)
	case key == "ArrowLeft" && shift:
		c = c.ShrinkWord(d)
	case key == "ArrowRight":
		c = c.NextWord(d)
	case key == "ArrowLeft":
		c = c.PreviousWord(d)
	case key == "ArrowDown" || key == "ArrowUp":
		from := c.At.Start
		if sel, ok := c.Selection(); ok && shift {
			from = max(sel.Start, c.Focus-1)
			if c.Focus < c.Anchor {
				from = c.Focus
			}
		}
		at, ok := w.painter.lineFrom(from, key == "ArrowDown")
		switch {
		case !ok:
		case shift:
			c = c.ExtendTo(d, at)
		default:
			c = c.MoveTo(d, at)
		}
	case key == "]":
		c = c.NextSentence(d)
	case key == "[":
		c = c.PreviousSentence(d)
	case key == "Home":
		c = c.ParagraphStart(d)
	case key == "End":
		c = c.ParagraphEnd(d)
	case key == "s":
		c = c.SelectSentence(d)
	}
	tc.set(c)
	return true
}

// set moves the cursor to c: it paints it, mirrors its selection into
// the browser's, brings it into view and says what it crossed.
func (tc *textCursor) set(c reading.Cursor) {
	w := tc.w
	before := w.index.At(tc.c.At.Start)
	tc.c = c
	if sel, ok := c.Selection(); ok {
		w.painter.selectSpan(sel.Start, sel.End)
	} else {
		w.painter.selectSpan(0, 0)
	}
	w.painter.paintCursor(c.At)
	w.painter.scrollToSpan(c.At.Start, c.At.End)
	if said := reading.Crossing(before, w.index.At(c.At.Start)); said != "" {
		tc.said, tc.saidCount = said, tc.saidCount+1
	}
}

// clearSelection drops the cursor's selection, for Esc.
func (tc *textCursor) clearSelection() bool {
	if _, ok := tc.c.Selection(); !ok {
		return false
	}
	tc.set(tc.c.Clear())
	return true
}
