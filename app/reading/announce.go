package reading

import (
	"slices"
	"strings"

	"github.com/claimmark/claimmark/app/annotation"
)

// spokenQuote is how many code points of a passage are read out.
const spokenQuote = 80

// Crossing is what a screen reader says when the reading cursor moves
// from the annotations in before to those in after: the passages it
// leaves, then those it enters, each with its tag, its quote and its
// note. It is "" when the cursor crossed no edge of a passage.
func Crossing(before, after []annotation.Annotation) string {
	has := func(as []annotation.Annotation, a annotation.Annotation) bool {
		return slices.ContainsFunc(as, func(b annotation.Annotation) bool { return b.ID == a.ID })
	}
	var parts []string
	for _, a := range before {
		if !has(after, a) {
			parts = append(parts, "End of "+strings.ToLower(a.Tag.Label())+".")
		}
	}
	for _, a := range after {
		if has(before, a) {
			continue
		}
		s := a.Tag.Label() + ": " + annotation.Shorten(a.Exact, spokenQuote)
		if a.Note != "" {
			s += "; note: " + annotation.Shorten(a.Note, spokenQuote)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}
