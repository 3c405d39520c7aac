package anchor

import "github.com/claimmark/claimmark/app/annotation"

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
	if m <= 64 {
		return myers64(text, pattern, maxErrors)
	}
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

// bits64 holds, for each code point of a pattern of up to 64, the bits
// of the places where it stands. Texts are mostly ASCII, looked up in an
// array; the few others are searched, with nothing allocated.
type bits64 struct {
	ascii [128]uint64
	other [64]struct {
		r    rune
		bits uint64
	}
	n int
}

func (p *bits64) set(pattern []rune) {
	for i, c := range pattern {
		if c < 128 {
			p.ascii[c] |= 1 << i
			continue
		}
		j := 0
		for j < p.n && p.other[j].r != c {
			j++
		}
		if j == p.n {
			p.other[j].r = c
			p.n++
		}
		p.other[j].bits |= 1 << i
	}
}

func (p *bits64) of(c rune) uint64 {
	if c < 128 {
		return p.ascii[c]
	}
	for _, o := range p.other[:p.n] {
		if o.r == c {
			return o.bits
		}
	}
	return 0
}

// step64 moves the vertical deltas pv, mv of one 64-bit block past a code
// point of the text whose match bits are eq, given top, the horizontal
// delta of the top row (0 or 1), and returns the change of the last row.
func step64(pv, mv *uint64, eq, lastBit, top uint64) int {
	xv := eq | *mv
	xh := (((eq & *pv) + *pv) ^ *pv) | eq
	ph := *mv | ^(xh | *pv)
	mh := *pv & xh
	delta := 0
	if ph&lastBit != 0 {
		delta = 1
	} else if mh&lastBit != 0 {
		delta = -1
	}
	ph = ph<<1 | top
	mh <<= 1
	*pv = mh | ^(xv | ph)
	*mv = ph & xv
	return delta
}

// myers64 is myers for a pattern of up to 64 code points, as most quotes
// are: one word of bits, and no allocation but the ends found.
func myers64(text, pattern []rune, maxErrors int) []match {
	m := len(pattern)
	var peq bits64
	peq.set(pattern)
	pv, mv := ^uint64(0), uint64(0)
	lastBit := uint64(1) << (m - 1)
	score := m
	var ends []match
	for j, c := range text {
		score += step64(&pv, &mv, peq.of(c), lastBit, 0)
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
	if len(a) <= 64 && len(a) > 0 {
		return editDistance64(a, b)
	}
	return editDistanceTable(a, b)
}

// editDistance64 is editDistance for a of 1 to 64 code points, bit-parallel
// (Myers 1999, as Hyyrö 2001 gives it for the whole of both strings): the
// search of myers64 with a top row that grows by one at each step.
func editDistance64(a, b []rune) int {
	m := len(a)
	var peq bits64
	peq.set(a)
	pv, mv := ^uint64(0), uint64(0)
	lastBit := uint64(1) << (m - 1)
	score := m
	for _, c := range b {
		score += step64(&pv, &mv, peq.of(c), lastBit, 1) // the top row: one more at each step
	}
	return score
}

// editDistanceTable is editDistance by the table of distances.
func editDistanceTable(a, b []rune) int {
	// Contexts are ContextLen code points: rows that fit on the stack.
	var rows [2][2 * annotation.ContextLen]int
	prev, cur := rows[0][:], rows[1][:]
	if len(b)+1 > len(prev) {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur = prev[:len(b)+1], cur[:len(b)+1]
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
