package reading_test

import (
	"testing"

	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/reading"
)

func TestCursor(t *testing.T) {
	d := doc(t, "Title\n\nOne two three. Four five.\n\nSix seven. Eight.")
	type step struct {
		name string
		move func(reading.Cursor, *document.Document) reading.Cursor
	}
	var (
		right  = step{"→", reading.Cursor.NextWord}
		left   = step{"←", reading.Cursor.PreviousWord}
		next   = step{"]", reading.Cursor.NextSentence}
		prev   = step{"[", reading.Cursor.PreviousSentence}
		home   = step{"Home", reading.Cursor.ParagraphStart}
		end    = step{"End", reading.Cursor.ParagraphEnd}
		s      = step{"s", reading.Cursor.SelectSentence}
		grow   = step{"Shift+→", reading.Cursor.GrowWord}
		shrink = step{"Shift+←", reading.Cursor.ShrinkWord}
	)
	for _, tc := range []struct {
		name     string
		steps    []step
		at, want string // the word at the cursor, and the selection
	}{
		{"start", nil, "Title", ""},
		{"words", []step{right, right, right}, "three", ""},
		{"words back", []step{right, right, right, left}, "two", ""},
		{"across paragraphs", []step{next, next, next}, "Six", ""},
		{"sentence start, then the one before", []step{next, right, prev, prev}, "Title", ""},
		{"past the end", []step{next, next, next, next, next, next}, "Eight", ""},
		{"paragraph end and start", []step{next, right, end, home}, "One", ""},
		{"paragraph end", []step{next, end}, "five", ""},
		{"select a sentence", []step{next, right, s}, "two", "One two three."},
		{"s grows by a sentence", []step{next, s, s}, "Four", "One two three. Four five."},
		{"s grows into the next paragraph", []step{next, s, s, s}, "Six", "One two three. Four five.\n\nSix seven."},
		{"a word", []step{next, grow}, "One", "One"},
		{"words", []step{next, grow, grow, grow}, "three", "One two three"},
		{"shrink", []step{next, grow, grow, grow, shrink}, "two", "One two"},
		{"shrink to nothing", []step{next, grow, shrink}, "One", ""},
		{"backwards", []step{next, right, right, shrink, shrink}, "two", "two three"},
		{"backwards, then back", []step{next, right, right, shrink, shrink, grow}, "three", "three"},
		{"a sentence less a word", []step{next, s, shrink}, "two", "One two"},
		{"moving drops the selection", []step{next, s, right}, "two", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := reading.Start(d)
			for _, st := range tc.steps {
				c = st.move(c, d)
			}
			sel, ok := c.Selection()
			got := ""
			if ok {
				got = d.Slice(sel.Start, sel.End)
			}
			if at := d.Slice(c.At.Start, c.At.End); at != tc.at || got != tc.want {
				t.Errorf("cursor on %q selecting %q, want %q selecting %q", at, got, tc.at, tc.want)
			}
		})
	}
}

func TestCursorExtendsByLine(t *testing.T) {
	d := doc(t, "Title\n\nOne two three four five six.")
	c := reading.Start(d).NextSentence(d).NextWord(d) // on "two"
	five := len([]rune("Title\n\nOne two three four f"))
	c = c.ExtendTo(d, five)
	if sel, _ := c.Selection(); d.Slice(sel.Start, sel.End) != "two three four five" {
		t.Errorf("down: %q", d.Slice(sel.Start, sel.End))
	}
	c = reading.Start(d).NextSentence(d).NextWord(d).NextWord(d) // on "three"
	c = c.ExtendTo(d, len([]rune("Title\n\nO")))
	if sel, _ := c.Selection(); d.Slice(sel.Start, sel.End) != "One two three" {
		t.Errorf("up: %q", d.Slice(sel.Start, sel.End))
	}
}
