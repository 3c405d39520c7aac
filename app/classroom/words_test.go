package classroom_test

import (
	"math"
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/classroom"
)

func TestAlphaVerdict(t *testing.T) {
	for _, tc := range []struct {
		v       float64
		defined bool
		want    string
	}{
		{0.9, true, "reliable"}, {0.800, true, "reliable"}, {0.799, true, "tentative"},
		{0.667, true, "tentative"}, {0.666, true, "not reliable"}, {-0.04, true, "not reliable"},
		{0, false, "cannot tell"}, {math.NaN(), true, "cannot tell"},
	} {
		if got := classroom.AlphaVerdict(tc.v, tc.defined); !strings.HasPrefix(got, tc.want) {
			t.Errorf("AlphaVerdict(%v, %v) = %q, want %q…", tc.v, tc.defined, got, tc.want)
		}
	}
}

func TestMarkOf(t *testing.T) {
	span := func(tag annotation.Tag, start, end int) annotation.Annotation {
		return annotation.Annotation{Tag: tag, Start: start, End: end}
	}
	key := []annotation.Annotation{span(annotation.Claim, 0, 10), span(annotation.Prediction, 20, 30), span(annotation.Evidence, 40, 50)}
	student := []annotation.Annotation{span(annotation.Claim, 1, 10), span(annotation.Claim, 20, 29), span(annotation.Evidence, 60, 70)}
	for _, tc := range []struct {
		a     annotation.Annotation
		other []annotation.Annotation
		isKey bool
		want  classroom.Mark
	}{
		{student[0], key, false, classroom.Mark{Symbol: "✓", Words: "matched"}},
		{student[1], key, false, classroom.Mark{Symbol: "≠", Words: "tagged as Claim; the key says Prediction"}},
		{student[2], key, false, classroom.Mark{Symbol: "✗", Words: "not in the key"}},
		{key[0], student, true, classroom.Mark{Symbol: "✓", Words: "matched"}},
		{key[1], student, true, classroom.Mark{Symbol: "≠", Words: "tagged as Claim; the key says Prediction"}},
		{key[2], student, true, classroom.Mark{Symbol: "✗", Words: "missed"}},
	} {
		if got := classroom.MarkOf(tc.a, tc.other, tc.isKey); got != tc.want {
			t.Errorf("MarkOf(%v, key %v) = %v, want %v", tc.a, tc.isKey, got, tc.want)
		}
	}
}

func TestHeatLegend(t *testing.T) {
	for _, tc := range []struct {
		students int
		want     string
	}{
		{1, "4:1 of 1 students"},
		{3, "2:1 of 3 students|3:2 of 3 students|4:3 of 3 students"},
		{8, "1:1 to 2 of 8 students|2:3 to 4 of 8 students|3:5 to 6 of 8 students|4:7 to 8 of 8 students"},
		{0, ""},
	} {
		var got []string
		for _, s := range classroom.HeatLegend(4, tc.students) {
			got = append(got, string(rune('0'+s.Level))+":"+s.Label)
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("%d students: %q, want %q", tc.students, strings.Join(got, "|"), tc.want)
		}
	}
}

func TestHeatLevel(t *testing.T) {
	for _, tc := range [][4]int{{1, 3, 4, 2}, {2, 3, 4, 3}, {3, 3, 4, 4}, {1, 8, 4, 1}, {2, 8, 4, 1}, {3, 8, 4, 2}, {8, 8, 4, 4}, {1, 1, 4, 4}} {
		if got := classroom.HeatLevel(tc[0], tc[1], tc[2]); got != tc[3] {
			t.Errorf("HeatLevel(%d of %d) = %d, want %d", tc[0], tc[1], got, tc[3])
		}
	}
}
