// Package prediction reads and scores the predictions of a text: the
// words of estimative probability a passage uses, when a prediction falls
// due, and, once predictions are settled, their Brier score and how well
// calibrated they were.
//
// The words and their ranges are those of US Intelligence Community
// Directive 203, Analytic Standards (2015): almost no chance (remote)
// 1–5 %, very unlikely (highly improbable) 5–20 %, unlikely (improbable)
// 20–45 %, roughly even chance (roughly even odds) 45–55 %, likely
// (probable) 55–80 %, very likely (highly probable) 80–95 %, almost
// certain (nearly certain) 95–99 %.
package prediction

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Band is one of the directive's ranges, with the words that name it.
type Band struct {
	Name     string   // "very likely"
	Low      int      // percent
	High     int      // percent
	Synonyms []string // other words for it: "highly probable"
}

// Bands are the directive's ranges, from the least likely up.
var Bands = []Band{
	{"almost no chance", 1, 5, []string{"remote"}},
	{"very unlikely", 5, 20, []string{"highly improbable"}},
	{"unlikely", 20, 45, []string{"improbable", "improbably"}},
	{"roughly even chance", 45, 55, []string{"roughly even odds", "even chance", "even odds"}},
	{"likely", 55, 80, []string{"probable", "probably"}},
	{"very likely", 80, 95, []string{"highly probable", "highly likely"}},
	{"almost certain", 95, 99, []string{"almost certainly", "nearly certain", "nearly certainly"}},
}

// Value is the percentage offered for a passage that uses the band's
// words: the middle of its range, rounded up.
func (b Band) Value() int { return (b.Low + b.High + 1) / 2 }

// BandOf is the band a probability falls in. A value on the edge of two
// ranges falls in the lower: 5 % is almost no chance, 80 % likely.
func BandOf(percent int) Band {
	for _, b := range Bands {
		if percent <= b.High {
			return b
		}
	}
	return Bands[len(Bands)-1]
}

// Spot finds the band whose words the quote uses, the longest words
// first, so that "very unlikely" is not read as "unlikely" nor "likely".
// It reports false when the quote uses none, or the words of two bands.
func Spot(quote string) (Band, bool) {
	lower := strings.ToLower(quote)
	type hit struct {
		band       int
		start, end int
	}
	var hits []hit
	for i, b := range Bands {
		for _, words := range append([]string{b.Name}, b.Synonyms...) {
			for from := 0; ; {
				k := strings.Index(lower[from:], words)
				if k < 0 {
					break
				}
				start, end := from+k, from+k+len(words)
				if boundary(lower, start, end) {
					hits = append(hits, hit{i, start, end})
				}
				from = end
			}
		}
	}
	// A hit inside a longer one ("likely" in "very likely") does not count.
	found := -1
	for _, h := range hits {
		inside := false
		for _, o := range hits {
			if o != h && o.start <= h.start && h.end <= o.end && o.end-o.start > h.end-h.start {
				inside = true
			}
		}
		switch {
		case inside:
		case found >= 0 && found != h.band:
			return Band{}, false
		default:
			found = h.band
		}
	}
	if found < 0 {
		return Band{}, false
	}
	return Bands[found], true
}

func boundary(s string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:start])
	after, _ := utf8.DecodeRuneInString(s[end:])
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
	return !word(before) && !word(after)
}
