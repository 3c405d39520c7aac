package classroom

import (
	"math"
	"strconv"

	"github.com/claimmark/claimmark/app/agreement"
	"github.com/claimmark/claimmark/app/annotation"
)

// What each figure means, one line each, as the teacher's and the
// student's views show them beside the figures.
const (
	ExplainMatch     = "A passage matches one of the key when it has the same tag and the two overlap by at least half of the longer one."
	ExplainPrecision = "Precision: of the student's passages, the share that match one of the key's."
	ExplainRecall    = "Recall: of the key's passages, the share the student found."
	ExplainF1        = "F1: precision and recall in one figure (their harmonic mean); 1.00 is a perfect match."
	ExplainAlpha     = "Krippendorff's alpha: how far the students agree on which words they tag, and with which tag, beyond what chance would give. 1.00 is full agreement and 0 what chance gives."
	ExplainKappa     = "Cohen's kappa: the same for two students, word by word; 1.00 is full agreement, 0 chance, below 0 less than chance."
	ExplainLinks     = "Links: a student's link counts when both its passages match the key's ends, by the rule above, and it says the same (supports, undermines, follows from); link precision, recall and F1 are counted as for passages."
)

// AlphaVerdict reads alpha on Krippendorff's own scale: at least 0.800
// reliable, 0.667 to 0.800 tentative, below 0.667 not reliable.
func AlphaVerdict(v float64, defined bool) string {
	switch {
	case !defined || math.IsNaN(v):
		return "cannot tell: too few words were tagged"
	case v >= 0.800:
		return "reliable (0.800 or more)"
	case v >= 0.667:
		return "tentative: enough for tentative conclusions only (0.667 to 0.800)"
	}
	return "not reliable (below 0.667)"
}

// Mark is how one passage compares with the other side: a student's with
// the key's, or the key's with a student's.
type Mark struct {
	Symbol string // "✓" matched, "✗" not found, "≠" found with another tag
	Words  string // "matched", "missed", "not in the key", "tagged as Claim; the key says Prediction"
}

// MarkOf compares a with the passages of the other side. isKey says that
// a is the key's and other the student's.
func MarkOf(a annotation.Annotation, other []annotation.Annotation, isKey bool) Mark {
	var retagged []annotation.Annotation
	for _, o := range other {
		switch {
		case agreement.Matches(a, o):
			return Mark{"✓", "matched"}
		case agreement.Overlaps(a, o):
			retagged = append(retagged, o)
		}
	}
	if len(retagged) > 0 {
		student, key := retagged[0].Tag, a.Tag
		if !isKey {
			student, key = a.Tag, retagged[0].Tag
		}
		return Mark{"≠", "tagged as " + student.Label() + "; the key says " + key.Label()}
	}
	if isKey {
		return Mark{"✗", "missed"}
	}
	return Mark{"✗", "not in the key"}
}

// HeatLevel is the shade, 1 to levels, of a word that n of the students
// tagged: the share of the class, rounded up to a level.
func HeatLevel(n, students, levels int) int {
	return min(levels, (levels*n+students-1)/students)
}

// Shade is one level of the heat map, as its legend names it.
type Shade struct {
	Level int
	Label string // "2 of 3 students"
}

// HeatLegend names each shade of the heat map that a word can have, by
// how many of the students tagged it.
func HeatLegend(levels, students int) []Shade {
	var out []Shade
	for level := 1; level <= levels && students > 0; level++ {
		lo, hi := (level-1)*students/levels+1, level*students/levels
		if hi < lo {
			continue
		}
		n := strconv.Itoa(lo)
		if hi > lo {
			n += " to " + strconv.Itoa(hi)
		}
		out = append(out, Shade{level, n + " of " + strconv.Itoa(students) + " students"})
	}
	return out
}
