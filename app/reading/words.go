package reading

import (
	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/document"
)

// Word is the word that holds offset, or the next one after it; at the
// end of the text, the last word.
func Word(d *document.Document, offset int) Span {
	text := d.Runes()
	i := max(0, min(offset, len(text)))
	for i < len(text) && !anchor.IsWordRune(text, i) {
		i++
	}
	if i == len(text) {
		// No word after offset: the last word, if any.
		end := min(offset, len(text))
		for end > 0 && !anchor.IsWordRune(text, end-1) {
			end--
		}
		start := end
		for start > 0 && anchor.IsWordRune(text, start-1) {
			start--
		}
		return Span{start, end}
	}
	start, end := i, i+1
	for start > 0 && anchor.IsWordRune(text, start-1) {
		start--
	}
	for end < len(text) && anchor.IsWordRune(text, end) {
		end++
	}
	return Span{start, end}
}

// NextWord is the word after the one that holds offset; at the last word,
// that word.
func NextWord(d *document.Document, offset int) Span {
	w := Word(d, offset)
	if offset < w.Start {
		return w // offset was before a word, which is the next one
	}
	if n := Word(d, w.End); n.Start >= w.End {
		return n
	}
	return w
}

// PreviousWord is the word before the one that holds offset; at the first
// word, that word.
func PreviousWord(d *document.Document, offset int) Span {
	text := d.Runes()
	i := max(0, min(offset, len(text)))
	// Back to the start of the word that holds offset, then past the
	// space before it.
	for i > 0 && i < len(text) && anchor.IsWordRune(text, i) && anchor.IsWordRune(text, i-1) {
		i--
	}
	j := i - 1
	for j >= 0 && !anchor.IsWordRune(text, j) {
		j--
	}
	if j < 0 {
		return Word(d, 0)
	}
	end := j + 1
	for j > 0 && anchor.IsWordRune(text, j-1) {
		j--
	}
	return Span{j, end}
}
