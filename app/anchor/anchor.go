// Package anchor converts between the positions a browser reports and the
// code point offsets that annotations store.
//
// A browser reports a selection boundary as a text node and an offset in
// UTF-16 code units. claimmark renders each block of a document as one text
// node, so a boundary is a Point: a block index and a UTF-16 offset inside
// that block's text.
package anchor

import (
	"unicode"

	"github.com/claimmark/claimmark/app/document"
)

// Point is a position inside a rendered block, counted in UTF-16 code units.
type Point struct {
	Block int
	UTF16 int
}

// Offset returns the code point offset of p in the document's text. A point
// inside a surrogate pair moves to the end of that character when end is set
// and to its start otherwise. Out-of-range points are clamped to the text.
func Offset(d *document.Document, p Point, end bool) int {
	if len(d.Blocks) == 0 || p.Block < 0 {
		return 0
	}
	if p.Block >= len(d.Blocks) {
		return d.Len()
	}
	b := d.Blocks[p.Block]
	if !b.Astral {
		return b.Start + min(max(p.UTF16, 0), b.End-b.Start)
	}
	return b.Start + RunesIn(d.Runes()[b.Start:b.End], p.UTF16, end)
}

// Locate returns the point of a code point offset. An offset between blocks
// goes to the end of the block before it when end is set, and to the start
// of the block after it otherwise.
func Locate(d *document.Document, offset int, end bool) Point {
	i := d.BlockAt(offset)
	if i < 0 {
		i = len(d.Blocks) - 1
		offset = d.Blocks[i].End
	}
	b := d.Blocks[i]
	if offset < b.Start {
		if end && i > 0 {
			i--
			b = d.Blocks[i]
			offset = b.End
		} else {
			offset = b.Start
		}
	}
	if !b.Astral {
		return Point{Block: i, UTF16: offset - b.Start}
	}
	return Point{Block: i, UTF16: UTF16Len(d.Runes()[b.Start:offset])}
}

// RunesIn returns how many code points of s the first units UTF-16 code
// units cover, rounding a split surrogate pair up or down.
func RunesIn(s []rune, units int, roundUp bool) int {
	n := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if n+w > units {
			if n < units && roundUp {
				return i + 1
			}
			return i
		}
		n += w
	}
	return len(s)
}

// UTF16Len returns the length of s in UTF-16 code units.
func UTF16Len(s []rune) int {
	n := len(s)
	for _, r := range s {
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// Select turns two boundary points, in either order, into the span a reader
// meant: ordered, grown to whole words at both ends and trimmed of white
// space. It reports false when nothing but white space was selected.
func Select(d *document.Document, a, b Point) (start, end int, ok bool) {
	start, end = Offset(d, a, false), Offset(d, b, true)
	if start > end {
		start, end = Offset(d, b, false), Offset(d, a, true)
	}
	start, end = SnapToWords(d.Runes(), start, end)
	return start, end, start < end
}

// SnapToWords trims white space from both ends of text[start:end] and then
// grows each end that falls inside a word to the word's edge.
func SnapToWords(text []rune, start, end int) (int, int) {
	for start < end && unicode.IsSpace(text[start]) {
		start++
	}
	for end > start && unicode.IsSpace(text[end-1]) {
		end--
	}
	if start == end {
		return start, end
	}
	for start > 0 && inWord(text, start) {
		start--
	}
	for end < len(text) && inWord(text, end) {
		end++
	}
	return start, end
}

// inWord reports whether the boundary before text[i] splits a word.
func inWord(text []rune, i int) bool {
	return i > 0 && i < len(text) && IsWordRune(text, i-1) && IsWordRune(text, i)
}

// IsWordRune counts letters, digits and marks, and an apostrophe or hyphen
// between two letters ("China’s", "China-Russia"), as part of a word.
func IsWordRune(text []rune, i int) bool {
	r := text[i]
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
		return true
	}
	switch r {
	case '\'', '’', '-', '‐':
		return i > 0 && i+1 < len(text) && unicode.IsLetter(text[i-1]) && unicode.IsLetter(text[i+1])
	}
	return false
}
