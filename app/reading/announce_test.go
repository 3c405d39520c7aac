package reading_test

import (
	"testing"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/reading"
)

func TestCrossing(t *testing.T) {
	claim := annotation.Annotation{ID: "a", Tag: annotation.Claim, Exact: "In fact, China is Russia’s most important partner", Note: "check"}
	evidence := annotation.Annotation{ID: "b", Tag: annotation.Evidence, Exact: "China is a major purchaser of Russian oil"}
	for _, tc := range []struct {
		name          string
		before, after []annotation.Annotation
		want          string
	}{
		{"nothing", nil, nil, ""},
		{"inside one still", []annotation.Annotation{claim}, []annotation.Annotation{claim}, ""},
		{"enter", nil, []annotation.Annotation{claim}, "Claim: In fact, China is Russia’s most important partner; note: check"},
		{"leave", []annotation.Annotation{claim}, nil, "End of claim."},
		{"from one to another", []annotation.Annotation{claim}, []annotation.Annotation{evidence}, "End of claim. Evidence: China is a major purchaser of Russian oil"},
		{"into a second, inside the first", []annotation.Annotation{claim}, []annotation.Annotation{claim, evidence}, "Evidence: China is a major purchaser of Russian oil"},
	} {
		if got := reading.Crossing(tc.before, tc.after); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
