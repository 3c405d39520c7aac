package anchor

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/claimmark/claimmark/app/document"
)

// Finding a quote's exact copies is most of re-anchoring. In WebAssembly,
// strings.Index has no vector instructions: it looks for the pattern's
// first byte, and on English text the false starts soon send it to a
// Rabin-Karp search over every byte. Looking for the pattern's rarest
// byte instead, as counted in the text, finds few false starts.

// byteCounts is how often each byte occurs in a text.
type byteCounts [256]int32

// lastCounts keeps the counts of the last document searched: a document's
// annotations are placed one after the other.
var lastCounts struct {
	sync.Mutex
	doc    *document.Document
	counts *byteCounts
}

func countsOf(d *document.Document) *byteCounts {
	lastCounts.Lock()
	defer lastCounts.Unlock()
	if lastCounts.doc != d {
		var c byteCounts
		for i := 0; i < len(d.Text); i++ {
			c[d.Text[i]]++
		}
		lastCounts.doc, lastCounts.counts = d, &c
	}
	return lastCounts.counts
}

// rarest is the place in sub of its rarest byte by counts, the first of
// those as rare.
func (c *byteCounts) rarest(sub string) int {
	k := 0
	for i := 1; i < len(sub); i++ {
		if c[sub[i]] < c[sub[k]] {
			k = i
		}
	}
	return k
}

// indexAt is strings.Index(s, sub), found by the byte sub[k].
func indexAt(s, sub string, k int) int {
	n := len(sub)
	switch {
	case n == 0:
		return 0
	case n > len(s):
		return -1
	}
	c := sub[k]
	last := len(s) - n + k // the last place the byte can be, for sub to fit
	fails := 0
	for i := k; i <= last; i++ {
		j := strings.IndexByte(s[i:last+1], c)
		if j < 0 {
			return -1
		}
		i += j
		if s[i-k:i-k+n] == sub {
			return i - k
		}
		// A text made of the pattern's bytes: let strings.Index take the
		// rest, so that no text makes this slower than it.
		if fails++; fails > 4+(i>>4) {
			if r := strings.Index(s[i-k+1:], sub); r >= 0 {
				return i - k + 1 + r
			}
			return -1
		}
	}
	return -1
}

// byteOccurrences returns the byte offsets where sub starts in s, a part
// of d's text.
func byteOccurrences(d *document.Document, s, sub string) []int {
	return byteOccurrencesUpTo(d, s, sub, -1)
}

// byteOccurrencesUpTo returns the first n of them, or all if n < 0.
func byteOccurrencesUpTo(d *document.Document, s, sub string, n int) []int {
	k := countsOf(d).rarest(sub)
	var out []int
	for from := 0; len(out) != n; {
		i := indexAt(s[from:], sub, k)
		if i < 0 {
			return out
		}
		out = append(out, from+i)
		_, size := utf8.DecodeRuneInString(s[from+i:])
		from += i + size
	}
	return out
}
