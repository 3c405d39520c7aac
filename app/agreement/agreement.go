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
	if len(values) == 0 {
		return math.NaN(), false
	}
	// Coincidences: o[c][k] sums, over units, the ordered pairs of values
	// (c, k) from different coders, each unit weighted by 1/(m_u - 1).
	index := map[V]int{}
	var o [][]float64
	grow := func(v V) int {
		i, ok := index[v]
		if !ok {
			i = len(index)
			index[v] = i
			for r := range o {
				o[r] = append(o[r], 0)
			}
			o = append(o, make([]float64, i+1))
		}
		return i
	}
	counts := map[int]int{}
	for u := range values[0] {
		clear(counts)
		m := 0
		for c := range values {
			if missing != nil && missing[c][u] {
				continue
			}
			counts[grow(values[c][u])]++
			m++
		}
		if m < 2 {
			continue
		}
		for c, nc := range counts {
			for k, nk := range counts {
				pairs := nc * nk
				if c == k {
					pairs = nc * (nc - 1)
				}
				o[c][k] += float64(pairs) / float64(m-1)
			}
		}
	}
	n := 0.0
	nc := make([]float64, len(o))
	for c := range o {
		for k := range o {
			nc[c] += o[c][k]
		}
		n += nc[c]
	}
	var observed, expected float64
	for c := range o {
		for k := range o {
			if c != k {
				observed += o[c][k]
				expected += nc[c] * nc[k]
			}
		}
	}
	if n < 2 || expected == 0 {
		return math.NaN(), false
	}
	return 1 - (n-1)*observed/expected, true
}

// Kappa returns Cohen's kappa of two coders' values for the same units.
// It is undefined (ok false) when agreement by chance is certain: both
// coders gave one and the same value throughout.
func Kappa[V comparable](a, b []V) (kappa float64, ok bool) {
	if len(a) == 0 || len(a) != len(b) {
		return math.NaN(), false
	}
	agree := 0
	ca, cb := map[V]int{}, map[V]int{}
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
	for v, x := range ca {
		pe += float64(x) / n * float64(cb[v]) / n
	}
	if pe == 1 {
		return math.NaN(), false
	}
	return (po - pe) / (1 - pe), true
}

var nan = math.NaN()
