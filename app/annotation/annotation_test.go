package annotation_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

var now = time.Date(2026, 11, 27, 10, 0, 0, 123456789, time.FixedZone("CET", 3600))

func mustDoc(t testing.TB, s string) *document.Document {
	t.Helper()
	d, err := document.New(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestNew(t *testing.T) {
	long := strings.Repeat("x", 40)
	d := mustDoc(t, long+" 🐘 claim here "+long)
	start := 41
	a := annotation.New(d, annotation.Claim, start, start+12, now)
	if a.Exact != "🐘 claim here" {
		t.Errorf("exact = %q", a.Exact)
	}
	if want := strings.Repeat("x", 31) + " "; a.Prefix != want {
		t.Errorf("prefix = %q, want %q", a.Prefix, want)
	}
	if want := " " + strings.Repeat("x", 31); a.Suffix != want {
		t.Errorf("suffix = %q, want %q", a.Suffix, want)
	}
	if a.Created.Location() != time.UTC || a.Created.Nanosecond() != 123000000 || !a.Created.Equal(a.Modified) {
		t.Errorf("created %v modified %v: want UTC, to the millisecond, equal", a.Created, a.Modified)
	}
	if err := a.Validate(d); err != nil {
		t.Errorf("Validate: %v", err)
	}
	edge := annotation.New(d, annotation.Evidence, 0, 2, now)
	if edge.Prefix != "" {
		t.Errorf("prefix at start = %q", edge.Prefix)
	}
}

func TestNewID(t *testing.T) {
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 1000 {
		id := annotation.NewID()
		if !uuid.MatchString(id) || seen[id] {
			t.Fatalf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
}

func TestValidate(t *testing.T) {
	d := mustDoc(t, "Some text to tag.")
	good := annotation.New(d, annotation.Prediction, 5, 9, now)
	tests := []struct {
		field  string
		change func(*annotation.Annotation)
		reason string
	}{
		{"id", func(a *annotation.Annotation) { a.ID = "" }, "empty"},
		{"id", func(a *annotation.Annotation) { a.ID = "a\tb" }, "control character"},
		{"tag", func(a *annotation.Annotation) { a.Tag = "clam" }, `"clam" is not claim, evidence or prediction`},
		{"tag", func(a *annotation.Annotation) { a.Tag = "Claim" }, "is not claim"},
		{"start", func(a *annotation.Annotation) { a.Start = -1 }, "negative"},
		{"end", func(a *annotation.Annotation) { a.End = a.Start }, "not after start"},
		{"end", func(a *annotation.Annotation) { a.End = 99 }, "past the end"},
		{"exact", func(a *annotation.Annotation) { a.Exact = "TEXT" }, "is not the text at 5:9"},
		{"created", func(a *annotation.Annotation) { a.Created = time.Time{} }, "missing"},
		{"modified", func(a *annotation.Annotation) { a.Modified = time.Time{} }, "missing"},
		{"note", func(a *annotation.Annotation) { a.Note = strings.Repeat("é", annotation.MaxNoteLen+1) }, "10001 characters; a note holds up to 10000"},
	}
	for _, tt := range tests {
		t.Run(tt.field+" "+tt.reason, func(t *testing.T) {
			a := good
			tt.change(&a)
			err := a.Validate(d)
			var fe *annotation.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || !strings.Contains(fe.Reason, tt.reason) {
				t.Errorf("Validate = %v, want field %s: %s", err, tt.field, tt.reason)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	if err := annotation.CheckNote(strings.Repeat("🐘", annotation.MaxNoteLen)); err != nil {
		t.Errorf("a note at the limit: %v", err)
	}
	if err := annotation.CheckNote(strings.Repeat("🐘", annotation.MaxNoteLen+1)); err == nil {
		t.Error("a note one past the limit was taken")
	}
	if err := annotation.CheckCount(annotation.MaxPerText); err != nil {
		t.Errorf("a text at the limit: %v", err)
	}
	if err := annotation.CheckCount(annotation.MaxPerText + 1); err == nil || err.Error() != "20001 annotations; a text holds up to 20000" {
		t.Errorf("a text one past the limit: %v", err)
	}
}

func TestSortIsDocumentOrder(t *testing.T) {
	d := mustDoc(t, strings.Repeat("word ", 20))
	a := annotation.New(d, annotation.Claim, 10, 14, now)
	outer := annotation.New(d, annotation.Evidence, 10, 30, now)
	first := annotation.New(d, annotation.Prediction, 0, 4, now)
	as := []annotation.Annotation{a, outer, first}
	annotation.Sort(as)
	if got := []string{as[0].ID, as[1].ID, as[2].ID}; !slices.Equal(got, []string{first.ID, outer.ID, a.ID}) {
		t.Errorf("order = %v", got)
	}
}

// TestSortAdded checks that annotations added at the end of a sorted list
// end as a full sort puts them, and that an unsorted start is sorted too.
func TestSortAdded(t *testing.T) {
	d := mustDoc(t, strings.Repeat("word ", 200))
	var sorted []annotation.Annotation
	for i := range 100 {
		sorted = append(sorted, annotation.New(d, annotation.Claim, (i*37)%900, (i*37)%900+4+i%3, now))
	}
	annotation.Sort(sorted)
	ids := func(as []annotation.Annotation) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	for _, tt := range []struct {
		name  string
		as    []annotation.Annotation
		added int
	}{
		{"one at the end", append(slices.Clone(sorted[1:]), sorted[0]), 1},
		{"three", append(slices.Clone(sorted[:40]), append(slices.Clone(sorted[43:]), sorted[41], sorted[40], sorted[42])...), 3},
		{"the start out of order", append([]annotation.Annotation{sorted[5]}, append(slices.Clone(sorted[:5]), sorted[6:]...)...), 0},
		{"more added than are listed", slices.Clone(sorted), 101},
	} {
		annotation.SortAdded(tt.as, tt.added)
		if !slices.Equal(ids(tt.as), ids(sorted)) {
			t.Errorf("%s: not in document order", tt.name)
		}
	}
}

func TestShorten(t *testing.T) {
	if got := annotation.Shorten("abcdefghij", 5); got != "ab…ij" {
		t.Errorf("Shorten = %q", got)
	}
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"leave China alone against Western pressure, whereas some sort would strengthen", 40, "leave China alone … would strengthen"},
		{"Supercalifragilisticexpialidocious", 10, "Supe…cious"},
		{"short then Supercalifragilisticexpialidocious", 20, "short …alidocious"},
		{"التجارة تتراجع بسرعة كبيرة في هذا العام", 20, "التجارة … هذا العام"},
	} {
		got := annotation.Shorten(tt.in, tt.n)
		if got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
	if got := annotation.Shorten("🐘🐘🐘", 3); got != "🐘🐘🐘" {
		t.Errorf("Shorten kept = %q", got)
	}
}

// TestIndex checks the interval lookup against a scan of every annotation,
// with many overlapping spans.
func TestIndex(t *testing.T) {
	d := mustDoc(t, strings.Repeat("x", 500))
	rng := rand.New(rand.NewPCG(1, 2))
	var as []annotation.Annotation
	for range 300 {
		s := rng.IntN(490)
		as = append(as, annotation.New(d, annotation.Tags[rng.IntN(3)], s, s+1+rng.IntN(min(60, 500-s-1)), now))
	}
	for i := range 5 { // unplaced: found at no point
		as = append(as, annotation.Annotation{ID: fmt.Sprint("unplaced", i), Start: annotation.Unplaced, End: annotation.Unplaced})
	}
	annotation.Sort(as)
	ix := annotation.NewIndex(as)
	for p := 0; p <= 500; p++ {
		var want []string
		for _, a := range as {
			if a.Start <= p && p < a.End {
				want = append(want, a.ID)
			}
		}
		var got []string
		hits := ix.At(p)
		for i, a := range hits {
			got = append(got, a.ID)
			if i > 0 && a.End-a.Start < hits[i-1].End-hits[i-1].Start {
				t.Fatalf("At(%d) is not shortest first", p)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("At(%d) = %d hits, want %d", p, len(got), len(want))
		}
	}
}

func TestSegments(t *testing.T) {
	as := []annotation.Annotation{
		{ID: "a", Start: 2, End: 8},
		{ID: "b", Start: 5, End: 12},
		{ID: "c"}, // unplaced
		{ID: "d", Start: 20, End: 30},
	}
	got := annotation.Segments(as, 0, 15)
	want := []annotation.Segment{
		{Start: 0, End: 2}, {Start: 2, End: 5, Covering: []int{0}}, {Start: 5, End: 8, Covering: []int{0, 1}},
		{Start: 8, End: 12, Covering: []int{1}}, {Start: 12, End: 15},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Segments:\n got %+v\nwant %+v", got, want)
	}
	if got := annotation.Segments(nil, 3, 3); len(got) != 0 {
		t.Errorf("an empty stretch has segments %+v", got)
	}
}

func TestCountTags(t *testing.T) {
	d := mustDoc(t, "One claim. Two facts. A forecast.")
	as := []annotation.Annotation{
		annotation.New(d, annotation.Claim, 0, 9, now),
		annotation.New(d, annotation.Evidence, 11, 14, now),
		annotation.New(d, annotation.Evidence, 15, 20, now),
		annotation.New(d, annotation.Prediction, 22, 32, now),
		annotation.New(d, annotation.Claim, 0, 3, now),
	}
	as[4].Start, as[4].End = annotation.Unplaced, annotation.Unplaced // lost its passage
	if c, e, p := annotation.CountTags(as); c != 1 || e != 2 || p != 1 {
		t.Errorf("CountTags = %d claims, %d evidence, %d predictions", c, e, p)
	}
}
