// Package reading finds words, sentences and paragraphs in a document's
// text, for the reader who moves through it and selects with the keyboard.
//
// All positions are code point offsets into the document's text.
//
// A word is a run of letters, digits and marks, with an apostrophe or a
// hyphen between two letters ("China’s", "China-Russia"), as selections
// snap to it.
//
// A paragraph is a block of the document: a title, a heading or a
// paragraph. No sentence crosses a paragraph.
//
// A sentence ends at a full stop, a question or exclamation mark, or an
// ellipsis ("…" or "..."), with the closing quotes and brackets that follow
// it, when white space and then the start of a new sentence follow: a
// capital letter, a digit, or an opening quote or bracket. The full stops
// of other scripts (。！？ in Chinese and Japanese, ؟ in Arabic, । and ॥
// in Devanagari) end a sentence with or without a space after them. It
// does not end:
//   - after an abbreviation: a title or a common short form ("Mr.",
//     "Dr.", "e.g.", "etc.", "vs.", "No."), initials ("U.S.", "J. Smith"),
//     or a single capital letter;
//   - at an ellipsis followed by a small letter ("so… and then");
//   - when the next word starts with a small letter.
//
// A sentence that really ends with an abbreviation ("…sold to the U.S.
// Then…") is joined to the next one: the rare case, where splitting at
// every "U.S." would be the common one.
package reading

import (
	"strings"
	"unicode"

	"github.com/claimmark/claimmark/app/document"
)

// Span is a stretch of the text, from Start up to End.
type Span struct{ Start, End int }

// Paragraph is the block that holds offset, or the one after it when
// offset falls between two.
func Paragraph(d *document.Document, offset int) Span {
	if len(d.Blocks) == 0 {
		return Span{}
	}
	i := d.BlockAt(offset)
	if i < 0 {
		i = len(d.Blocks) - 1
	}
	return Span{d.Blocks[i].Start, d.Blocks[i].End}
}

// Sentences are the sentences of the paragraph that holds offset.
func Sentences(d *document.Document, offset int) []Span {
	p := Paragraph(d, offset)
	text := d.Runes()
	var out []Span
	start := skipSpace(text, p.Start, p.End)
	for i := start; i < p.End; i++ {
		end, ok := sentenceEnd(text, i, p.End)
		if !ok {
			continue
		}
		out = append(out, Span{start, end})
		start = skipSpace(text, end, p.End)
		i = start - 1
	}
	if start < p.End {
		end := p.End
		for end > start && unicode.IsSpace(text[end-1]) {
			end--
		}
		out = append(out, Span{start, end})
	}
	return out
}

// Sentence is the sentence that holds offset, or the next one when offset
// falls in the space between two.
func Sentence(d *document.Document, offset int) Span {
	ss := Sentences(d, offset)
	for _, s := range ss {
		if offset < s.End {
			return s
		}
	}
	if len(ss) == 0 {
		p := Paragraph(d, offset)
		return Span{p.Start, p.Start}
	}
	return ss[len(ss)-1]
}

// NextSentence is the sentence after the one that holds offset, in its
// paragraph or the next; ok is false at the last sentence of the text.
func NextSentence(d *document.Document, offset int) (Span, bool) {
	s := Sentence(d, offset)
	for _, n := range Sentences(d, s.End) {
		if n.Start >= s.End && n.Start > offset {
			return n, true
		}
	}
	p := Paragraph(d, offset)
	if p.End >= d.Len() || len(d.Blocks) == 0 {
		return s, false
	}
	next := Paragraph(d, p.End)
	if next.Start <= p.Start {
		return s, false
	}
	ss := Sentences(d, next.Start)
	if len(ss) == 0 {
		return s, false
	}
	return ss[0], true
}

// PreviousSentence is the sentence before the one that holds offset; ok
// is false at the first sentence of the text.
func PreviousSentence(d *document.Document, offset int) (Span, bool) {
	s := Sentence(d, offset)
	ss := Sentences(d, s.Start)
	for i := len(ss) - 1; i >= 0; i-- {
		if ss[i].End <= s.Start {
			return ss[i], true
		}
	}
	i := d.BlockAt(s.Start)
	if i <= 0 {
		return s, false
	}
	prev := Sentences(d, d.Blocks[i-1].Start)
	if len(prev) == 0 || prev[len(prev)-1].Start >= s.Start {
		return s, false
	}
	return prev[len(prev)-1], true
}

// sentenceEnd reports whether a sentence ends with the punctuation at i,
// and where, after its closing quotes and brackets.
func sentenceEnd(text []rune, i, limit int) (int, bool) {
	r := text[i]
	switch {
	case strings.ContainsRune("。！？", r):
		end := closers(text, i+1, limit)
		return end, true
	case strings.ContainsRune("؟।॥", r):
		end := closers(text, i+1, limit)
		return end, end == limit || unicode.IsSpace(text[end])
	case !strings.ContainsRune(".!?…", r):
		return 0, false
	}
	// A run of terminal marks, such as "?!" or "...", ends as one.
	j := i + 1
	for j < limit && strings.ContainsRune(".!?…", text[j]) {
		j++
	}
	if r == '.' && j == i+1 && abbreviation(text, i) {
		return 0, false
	}
	end := closers(text, j, limit)
	if end == limit {
		return end, true
	}
	if !unicode.IsSpace(text[end]) {
		return 0, false
	}
	next := skipSpace(text, end, limit)
	if next == limit {
		return end, true
	}
	return end, startsSentence(text[next])
}

// startsSentence reports whether r may begin a sentence: any but a small
// letter. (Case is told by mapping, with the tables strings.ToLower links
// already, rather than with unicode.IsUpper's own.)
func startsSentence(r rune) bool {
	return unicode.IsDigit(r) || isOpener(r) || unicode.IsLetter(r) && unicode.ToUpper(r) == r
}

func isOpener(r rune) bool { return strings.ContainsRune("\"'“‘«‹([{¿¡„‚「『", r) }

func isCloser(r rune) bool { return strings.ContainsRune("\"'”’»›)]}」』", r) }

func closers(text []rune, i, limit int) int {
	for i < limit && isCloser(text[i]) {
		i++
	}
	return i
}

func skipSpace(text []rune, i, limit int) int {
	for i < limit && unicode.IsSpace(text[i]) {
		i++
	}
	return i
}

// abbreviations end with a full stop that ends no sentence, in small
// letters, each between spaces.
const abbreviations = " " +
	"mr mrs ms dr prof st jr sr gen col lt sgt capt adm gov sen rep pres " +
	"rev hon mt ft vs etc cf al approx no nos vol p pp fig ed eds inc ltd " +
	"co corp dept univ est jan feb mar apr jun jul aug sep sept oct nov " +
	"dec "

// abbreviation reports whether the full stop at i ends an abbreviation:
// one of the list, a letter between full stops ("U.S.", "e.g."), or a
// single capital letter (an initial).
func abbreviation(text []rune, i int) bool {
	start := i
	for start > 0 && unicode.IsLetter(text[start-1]) {
		start--
	}
	word := text[start:i]
	switch {
	case len(word) == 0:
		return false
	case start > 0 && text[start-1] == '.':
		return true // the last part of "U.S." or "e.g."
	case len(word) == 1 && (unicode.ToLower(word[0]) != word[0] || i+2 < len(text) && unicode.IsLetter(text[i+1])):
		return true // an initial, or the first part of "e.g."
	}
	return strings.Contains(abbreviations, " "+strings.ToLower(string(word))+" ")
}
