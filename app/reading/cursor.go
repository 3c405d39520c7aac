package reading

import "github.com/claimmark/claimmark/app/document"

// Cursor is the reading cursor, on a word, and the selection grown from
// it with the keyboard. The selection runs from Anchor, where it started,
// to Focus, which the keys move; both sit at the edges of words.
type Cursor struct {
	At            Span // the word the cursor is on
	Anchor, Focus int
	Selecting     bool
	// bySentence is set while the selection was made with s, which then
	// grows it by sentences.
	bySentence bool
}

// Start puts the cursor on the first word of d.
func Start(d *document.Document) Cursor { return Cursor{At: Word(d, 0)} }

// Selection is the selected span; ok is false when nothing is selected.
func (c Cursor) Selection() (s Span, ok bool) {
	if !c.Selecting || c.Anchor == c.Focus {
		return Span{}, false
	}
	return Span{min(c.Anchor, c.Focus), max(c.Anchor, c.Focus)}, true
}

// MoveTo puts the cursor on the word at offset, and drops the selection.
func (c Cursor) MoveTo(d *document.Document, offset int) Cursor {
	return Cursor{At: Word(d, offset)}
}

// NextWord and PreviousWord move the cursor a word on or back.
func (c Cursor) NextWord(d *document.Document) Cursor {
	return Cursor{At: NextWord(d, c.At.Start)}
}

func (c Cursor) PreviousWord(d *document.Document) Cursor {
	return Cursor{At: PreviousWord(d, c.At.Start)}
}

// NextSentence moves the cursor to the first word of the next sentence.
func (c Cursor) NextSentence(d *document.Document) Cursor {
	if s, ok := NextSentence(d, c.At.Start); ok {
		return c.MoveTo(d, s.Start)
	}
	return Cursor{At: c.At}
}

// PreviousSentence moves the cursor to the start of its sentence, or from
// there to the start of the sentence before.
func (c Cursor) PreviousSentence(d *document.Document) Cursor {
	if s := Sentence(d, c.At.Start); s.Start < c.At.Start {
		return c.MoveTo(d, s.Start)
	}
	if s, ok := PreviousSentence(d, c.At.Start); ok {
		return c.MoveTo(d, s.Start)
	}
	return Cursor{At: c.At}
}

// ParagraphStart and ParagraphEnd move the cursor to the first or the last
// word of its paragraph.
func (c Cursor) ParagraphStart(d *document.Document) Cursor {
	return c.MoveTo(d, Paragraph(d, c.At.Start).Start)
}

func (c Cursor) ParagraphEnd(d *document.Document) Cursor {
	p := Paragraph(d, c.At.Start)
	w := PreviousWord(d, p.End)
	if w.Start < p.Start {
		return Cursor{At: c.At}
	}
	return Cursor{At: w}
}

// SelectSentence selects the sentence at the cursor; with a sentence
// selected already, it grows the selection by the next sentence.
func (c Cursor) SelectSentence(d *document.Document) Cursor {
	if sel, ok := c.Selection(); ok && c.bySentence {
		next, ok := NextSentence(d, max(sel.End-1, sel.Start))
		if !ok {
			return c
		}
		return Cursor{At: Word(d, next.Start), Anchor: sel.Start, Focus: next.End, Selecting: true, bySentence: true}
	}
	s := Sentence(d, c.At.Start)
	if s.Start == s.End {
		return c
	}
	return Cursor{At: c.At, Anchor: s.Start, Focus: s.End, Selecting: true, bySentence: true}
}

// GrowWord moves the selection's focus a word on: the selection grows by
// a word, or, when it runs backwards, shrinks by one. Without a selection
// it selects the word at the cursor.
func (c Cursor) GrowWord(d *document.Document) Cursor {
	if !c.Selecting {
		return c.focusTo(d, c.At.Start, c.At.End)
	}
	text := d.Runes()
	w := Word(d, c.Focus)
	if c.Focus < c.Anchor {
		if w.Start <= c.Focus { // at a word's start: on to the next one's
			w = NextWord(d, c.Focus)
		}
		return c.focusTo(d, c.Anchor, min(w.Start, c.Anchor))
	}
	if c.Focus >= w.End || c.Focus >= len(text) {
		return c
	}
	return c.focusTo(d, c.Anchor, w.End)
}

// ShrinkWord moves the selection's focus a word back: the selection
// shrinks by a word, or, once it runs backwards, grows by one. Without a
// selection it selects the word at the cursor.
func (c Cursor) ShrinkWord(d *document.Document) Cursor {
	if !c.Selecting {
		return c.focusTo(d, c.At.End, c.At.Start)
	}
	w := PreviousWord(d, c.Focus)
	if c.Focus > c.Anchor {
		// w is the last word selected: the focus goes back to the end of
		// the one before it, or to the anchor.
		focus := c.Anchor
		if prev := PreviousWord(d, w.Start); prev.End <= w.Start && prev.End > c.Anchor {
			focus = prev.End
		}
		return c.focusTo(d, c.Anchor, focus)
	}
	if w.Start >= c.Focus {
		return c
	}
	return c.focusTo(d, c.Anchor, w.Start)
}

// ExtendTo moves the selection's focus to the edge of the word at offset,
// for a line up or down; without a selection it starts at the cursor.
func (c Cursor) ExtendTo(d *document.Document, offset int) Cursor {
	anchor := c.Anchor
	if !c.Selecting {
		anchor = c.At.Start
		if offset < c.At.Start {
			anchor = c.At.End
		}
	}
	w := Word(d, offset)
	focus := w.End
	if offset < anchor {
		focus = w.Start
	}
	return c.focusTo(d, anchor, focus)
}

// Clear drops the selection and keeps the cursor where it is.
func (c Cursor) Clear() Cursor { return Cursor{At: c.At} }

func (c Cursor) focusTo(d *document.Document, anchor, focus int) Cursor {
	at := Word(d, focus)
	if focus > anchor {
		at = Word(d, focus-1) // the last word selected
	}
	return Cursor{At: at, Anchor: anchor, Focus: focus, Selecting: anchor != focus}
}
