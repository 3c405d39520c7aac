package order

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

type row struct {
	key  int
	seen int // where the row was before sorting
	name string
}

func byKey(a, b row) int { return cmp.Compare(a.key, b.key) }

func TestSortAgreesWithSlices(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		s := make([]row, n)
		for i := range s {
			s[i] = row{key: r.IntN(n/3 + 1), seen: i}
		}
		want := slices.Clone(s)
		slices.SortStableFunc(want, byKey)
		got := slices.Clone(s)
		SortStable(got, byKey)
		if !slices.Equal(got, want) {
			t.Fatalf("SortStable of %d rows:\n%v\nwant\n%v", n, got, want)
		}
		got = slices.Clone(s)
		Sort(got, byKey)
		if !slices.IsSortedFunc(got, byKey) {
			t.Fatalf("Sort of %d rows left them out of order: %v", n, got)
		}
		seen := make([]bool, n)
		for _, x := range got {
			if seen[x.seen] {
				t.Fatalf("Sort of %d rows copied row %d twice: %v", n, x.seen, got)
			}
			seen[x.seen] = true
		}
	}
}
