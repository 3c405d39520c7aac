package anchor

// match is a place where a pattern occurs in a text with some errors
// (insertions, deletions and substitutions of code points).
type match struct {
	start, end, errors int
}

// findApprox returns the places in text where pattern occurs with at most
// maxErrors errors, the best of each cluster of overlapping ends.
//
// It is Myers' bit-parallel algorithm (Myers 1999, "A fast bit-vector
// algorithm for approximate string matching based on dynamic
// programming"), in blocks of 64 code points so that a pattern may be of
// any length: O(len(text) × len(pattern)/64). The start of each match is
// then found by an edit-distance table over the few code points before its
// end.
func findApprox(text, pattern []rune, maxErrors int) []match {
	m := len(pattern)
	if m == 0 {
		return nil
	}
	return bestOfClusters(text, pattern, myers(text, pattern, maxErrors), maxErrors)
}

// myers returns the ends in text where pattern occurs with at most
// maxErrors errors, and their error counts.
func myers(text, pattern []rune, maxErrors int) []match {
	m := len(pattern)
	blocks := (m + 63) / 64
	// peq(c)[b] has bit i set where pattern[b*64+i] == c. Texts are mostly
	// ASCII, so those code points are looked up in an array, not a map.
	var ascii [128][]uint64
	other := map[rune][]uint64{}
	for i, c := range pattern {
		eqs := other[c]
		if c < 128 {
			eqs = ascii[c]
		}
		if eqs == nil {
			eqs = make([]uint64, blocks)
			if c < 128 {
				ascii[c] = eqs
			} else {
				other[c] = eqs
			}
		}
		eqs[i/64] |= 1 << (i % 64)
	}
	pv := make([]uint64, blocks)
	mv := make([]uint64, blocks)
	for b := range pv {
		pv[b] = ^uint64(0)
	}
	lastBit := uint64(1) << ((m - 1) % 64)
	score := m // the edit distance of the whole pattern at this end

	var ends []match
	for j, c := range text {
		var eqs []uint64
		if c < 128 {
			eqs = ascii[c]
		} else {
			eqs = other[c]
		}
		// Each block of columns moves past c given the horizontal delta
		// from the block above; the top row is all zeros, so a match may
		// start anywhere. Written out here: as a function it is not
		// inlined, and this loop is the whole cost of the search.
		hin := 0
		for b := range blocks {
			var eq uint64
			if eqs != nil {
				eq = eqs[b]
			}
			p, mm := pv[b], mv[b]
			var hinNeg uint64
			if hin < 0 {
				hinNeg = 1
				eq |= 1
			}
			xv := eq | mm
			xh := (((eq & p) + p) ^ p) | eq
			ph := mm | ^(xh | p)
			mh := p & xh
			lastRow := uint64(1) << 63
			if b == blocks-1 {
				lastRow = lastBit
			}
			hout := 0
			if ph&lastRow != 0 {
				hout = 1
			} else if mh&lastRow != 0 {
				hout = -1
			}
			ph <<= 1
			mh = mh<<1 | hinNeg
			if hin > 0 {
				ph |= 1
			}
			pv[b] = mh | ^(xv | ph)
			mv[b] = ph & xv
			hin = hout
		}
		score += hin
		if score <= maxErrors {
			ends = append(ends, match{end: j + 1, errors: score})
		}
	}
	return ends
}

// bestOfClusters keeps, of each run of ends closer than half the
// pattern's length, those with the fewest errors, and finds where each
// starts. Several ends of a run can tie (an edit near the end of the quote
// can be read more than one way); the caller's context scoring chooses.
func bestOfClusters(text, pattern []rune, ends []match, maxErrors int) []match {
	var out []match
	for i := 0; i < len(ends); {
		j, fewest := i+1, ends[i].errors
		for ; j < len(ends) && ends[j].end-ends[j-1].end <= len(pattern)/2+1; j++ {
			fewest = min(fewest, ends[j].errors)
		}
		for _, e := range ends[i:j] {
			if e.errors == fewest {
				e.start, e.errors = matchStart(text, pattern, e.end, maxErrors)
				out = append(out, e)
			}
		}
		i = j
	}
	return out
}

// matchStart finds the start s that makes text[s:end] closest to pattern,
// the longer span on a tie, with a table of edit distances between
// pattern and the code points before end, both read backwards.
func matchStart(text, pattern []rune, end, maxErrors int) (start, errors int) {
	m := len(pattern)
	width := min(end, m+maxErrors)
	prev := make([]int, width+1)
	cur := make([]int, width+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= m; i++ {
		cur[0] = i
		pc := pattern[m-i]
		for j := 1; j <= width; j++ {
			cost := 1
			if text[end-j] == pc {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	bestJ := 0
	for j := range prev {
		if prev[j] < prev[bestJ] || (prev[j] == prev[bestJ] && j > bestJ) {
			bestJ = j
		}
	}
	return end - bestJ, prev[bestJ]
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
