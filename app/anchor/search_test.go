package anchor

import (
	"slices"
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/document"
)

// FuzzIndexAt holds the search by a rare byte to strings.Index, by every
// byte of the pattern.
func FuzzIndexAt(f *testing.F) {
	f.Add("the cat sat on the mat", "the mat")
	f.Add("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "aaab")
	f.Add("mañana, mañana", "ñana")
	f.Add("", "x")
	f.Add("xyz", "")
	f.Fuzz(func(t *testing.T, s, sub string) {
		want := strings.Index(s, sub)
		for k := range max(1, len(sub)) {
			if got := indexAt(s, sub, k); got != want {
				t.Fatalf("indexAt(%q, %q, %d) = %d, want %d", s, sub, k, got, want)
			}
		}
	})
}

func TestByteOccurrences(t *testing.T) {
	d, err := document.New("Oil, oil and more oil: the oil trade. Öl is oil too; öl.")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sub  string
		n    int
		want []int
	}{
		{"oil", -1, []int{5, 18, 27, 45}},
		{"oil", 2, []int{5, 18}},
		{"öl", -1, []int{54}},
		{"Öl", -1, []int{38}},
		{"gas", -1, nil},
	} {
		got := byteOccurrencesUpTo(d, d.Text, tt.sub, tt.n)
		if !slices.Equal(got, tt.want) {
			t.Errorf("byteOccurrencesUpTo(%q, %d) = %v, want %v", tt.sub, tt.n, got, tt.want)
		}
	}
}
