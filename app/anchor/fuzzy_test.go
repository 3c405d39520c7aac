package anchor

import (
	"math/rand/v2"
	"testing"
)

// sellers is the textbook dynamic program for approximate matching: the
// least edit distance of pattern to a substring of text ending at each
// position.
func sellers(text, pattern []rune) []int {
	m := len(pattern)
	col := make([]int, m+1)
	for i := range col {
		col[i] = i
	}
	out := make([]int, len(text))
	for j, c := range text {
		diag := col[0]
		col[0] = 0
		for i := 1; i <= m; i++ {
			cost := 1
			if pattern[i-1] == c {
				cost = 0
			}
			next := min(diag+cost, col[i]+1, col[i-1]+1)
			diag = col[i]
			col[i] = next
		}
		out[j] = col[m]
	}
	return out
}

// randomRunes returns n code points drawn from alphabet.
func randomRunes(rng *rand.Rand, alphabet []rune, n int) []rune {
	r := make([]rune, n)
	for i := range r {
		r[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return r
}

// TestFindApproxAgainstSellers checks the bit-parallel search, over one
// and several 64-bit blocks, against the plain dynamic program.
func TestFindApproxAgainstSellers(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	alphabet := []rune("abc🐘")
	random := func(n int) []rune { return randomRunes(rng, alphabet, n) }
	for trial := range 300 {
		m := 1 + rng.IntN(150)
		pattern := random(m)
		text := random(50 + rng.IntN(400))
		// Plant a mutated copy of the pattern.
		copyAt := rng.IntN(len(text))
		planted := append([]rune(nil), pattern...)
		for range rng.IntN(m/4 + 1) {
			planted[rng.IntN(len(planted))] = alphabet[rng.IntN(len(alphabet))]
		}
		text = append(text[:copyAt], append(planted, text[copyAt:]...)...)
		k := m / 4
		want := sellers(text, pattern)
		matches := findApprox(text, pattern, k)
		minWant := 1 << 30
		for _, d := range want {
			minWant = min(minWant, d)
		}
		minGot := 1 << 30
		for _, mt := range matches {
			if want[mt.end-1] > k || mt.errors != editDistance(pattern, text[mt.start:mt.end]) {
				t.Fatalf("trial %d: match %+v: sellers says %d at its end, the span's distance is %d",
					trial, mt, want[mt.end-1], editDistance(pattern, text[mt.start:mt.end]))
			}
			minGot = min(minGot, mt.errors)
		}
		if minWant <= k && minGot != minWant {
			t.Fatalf("trial %d (m=%d): best match has %d errors, sellers finds %d", trial, m, minGot, minWant)
		}
		if minWant > k && len(matches) > 0 {
			t.Fatalf("trial %d: found %v though nothing is within %d errors", trial, matches, k)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"kitten", "sitting", 3}, {"🐘a", "a", 1}, {"abc", "", 3}} {
		if got := editDistance([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// The bit-parallel edit distance agrees with the table, for strings up to
// its 64 code points and past them.
func TestEditDistanceAgainstTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	random := func(n int) []rune { return randomRunes(rng, []rune("ab c🐘é"), n) }
	for trial := range 2000 {
		a, b := random(rng.IntN(70)), random(rng.IntN(70))
		if got, want := editDistance(a, b), editDistanceTable(a, b); got != want {
			t.Fatalf("trial %d: editDistance(%q, %q) = %d, the table says %d", trial, string(a), string(b), got, want)
		}
	}
}
