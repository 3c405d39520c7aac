// Package agreement compares how several readers tagged one text: with a
// key (precision, recall and F1 of each reader's passages), and with each
// other (Krippendorff's alpha over the words of the text, Cohen's kappa
// for each pair of readers), and counts, word by word, who tagged what.
//
// The unit of agreement is the word: a maximal run of letters, digits and
// the apostrophes and hyphens inside them. A reader gives each word one
// value: the tag of the shortest of their passages that covers any of it
// (for two as short, the first of claim, evidence, prediction), or none.
// Overall agreement is over these four values; agreement on one tag is
// over two, that tag or not.
package agreement

import (
	"math"
	"unicode"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

// None is the value of a word no passage covers.
const None = ""

// Span is a run of code points, from Start up to End.
type Span struct{ Start, End int }

// Words returns the words of d's text.
func Words(d *document.Document) []Span {
	text := d.Runes()
	var out []Span
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	for i := 0; i < len(text); {
		if !isWord(text[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && (isWord(text[j]) || isJoiner(text[j]) && j+1 < len(text) && isWord(text[j+1])) {
			j++
		}
		out = append(out, Span{i, j})
		i = j
	}
	return out
}

func isJoiner(r rune) bool { return r == '\'' || r == '’' || r == '-' || r == '‐' }

// Values returns the value one reader gives each word.
func Values(words []Span, as []annotation.Annotation) []annotation.Tag {
	out := make([]annotation.Tag, len(words))
	length := make([]int, len(words))
	rank := map[annotation.Tag]int{}
	for i, t := range annotation.Tags {
		rank[t] = i
	}
	for _, a := range as {
		if !a.Placed() {
			continue
		}
		n := a.End - a.Start
		// The words a overlaps: binary search for the first.
		lo, hi := 0, len(words)
		for lo < hi {
			if m := (lo + hi) / 2; words[m].End <= a.Start {
				lo = m + 1
			} else {
				hi = m
			}
		}
		for w := lo; w < len(words) && words[w].Start < a.End; w++ {
			if out[w] == None || n < length[w] || n == length[w] && rank[a.Tag] < rank[out[w]] {
				out[w], length[w] = a.Tag, n
			}
		}
	}
	return out
}

// Alpha returns Krippendorff's alpha for nominal values: values[c][u] is
// coder c's value for unit u, or missing[c][u] is set. It is undefined
// (ok false) when no unit has two values, or all values are the same:
// then there is no disagreement to expect, and alpha is 0/0.
func Alpha[V comparable](values [][]V, missing [][]bool) (alpha float64, ok bool) {
	cs, k := codes(values)
	return alphaCodes(cs, missing, k)
}

// Kappa returns Cohen's kappa of two coders' values for the same units.
// It is undefined (ok false) when agreement by chance is certain: both
// coders gave one and the same value throughout.
func Kappa[V comparable](a, b []V) (kappa float64, ok bool) {
	if len(a) != len(b) {
		return nan, false
	}
	cs, k := codes([][]V{a, b})
	return kappaCodes(cs[0], cs[1], k)
}

// codes numbers the values from 0, equal values alike, so that counting
// them needs arrays rather than maps: a class of 40 compares 780 pairs
// over every word of the text.
func codes[V comparable](values [][]V) ([][]uint16, int) {
	index := map[V]uint16{}
	out := make([][]uint16, len(values))
	for c, vs := range values {
		out[c] = make([]uint16, len(vs))
		for u, v := range vs {
			i, ok := index[v]
			if !ok {
				i = uint16(len(index))
				index[v] = i
			}
			out[c][u] = i
		}
	}
	return out, len(index)
}

func alphaCodes(values [][]uint16, missing [][]bool, k int) (float64, bool) {
	if len(values) == 0 || k == 0 {
		return nan, false
	}
	// Coincidences: o[c*k+d] sums, over units, the ordered pairs of values
	// (c, d) from different coders, each unit weighted by 1/(m_u - 1).
	o := make([]float64, k*k)
	counts := make([]int, k)
	var present []uint16
	for u := range values[0] {
		m := 0
		for c := range values {
			if missing != nil && missing[c][u] {
				continue
			}
			v := values[c][u]
			if counts[v] == 0 {
				present = append(present, v)
			}
			counts[v]++
			m++
		}
		if m >= 2 {
			for _, c := range present {
				for _, d := range present {
					pairs := counts[c] * counts[d]
					if c == d {
						pairs = counts[c] * (counts[c] - 1)
					}
					o[int(c)*k+int(d)] += float64(pairs) / float64(m-1)
				}
			}
		}
		for _, v := range present {
			counts[v] = 0
		}
		present = present[:0]
	}
	n := 0.0
	nc := make([]float64, k)
	for c := range k {
		for d := range k {
			nc[c] += o[c*k+d]
		}
		n += nc[c]
	}
	var observed, expected float64
	for c := range k {
		for d := range k {
			if c != d {
				observed += o[c*k+d]
				expected += nc[c] * nc[d]
			}
		}
	}
	if n < 2 || expected == 0 {
		return nan, false
	}
	return 1 - (n-1)*observed/expected, true
}

func kappaCodes(a, b []uint16, k int) (float64, bool) {
	if len(a) == 0 || len(a) != len(b) {
		return nan, false
	}
	agree := 0
	ca, cb := make([]int, k), make([]int, k)
	for i := range a {
		if a[i] == b[i] {
			agree++
		}
		ca[a[i]]++
		cb[b[i]]++
	}
	n := float64(len(a))
	po := float64(agree) / n
	pe := 0.0
	for v := range k {
		pe += float64(ca[v]) / n * float64(cb[v]) / n
	}
	if pe == 1 {
		return nan, false
	}
	return (po - pe) / (1 - pe), true
}

var nan = math.NaN()
