package anchor

import (
	"fmt"
	"strings"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/internal/order"
)

// Re-anchoring: finding an annotation's passage in a text that may have
// changed since the annotation was made, the way Hypothesis does it but
// refusing to guess.
//
//  1. Position: if the text at the old start:end is the quote, it is there.
//  2. Exact quote: every place the quote occurs, each scored by how well
//     the text around it matches the annotation's prefix and suffix and by
//     its nearness to the old position.
//  3. Approximate quote, for quotes of MinFuzzyLen code points or more:
//     places where the quote occurs with at most MaxErrorRate errors per
//     code point (Myers' bit-parallel search), scored the same way, with
//     the quote's own similarity counting most. It looks first within
//     4096 code points of the old position, and takes a place scoring
//     StrongScore or more there; then elsewhere, but only around exact
//     copies of SeedPieces parts of the quote (SeedLen code points each,
//     at its start, its end and between): a passage both moved and so
//     rewritten that none of them is left whole is orphaned, not searched
//     for in the whole text.
//
// A candidate is accepted only if its quote similarity (1 − errors/length)
// is at least 1 − MaxErrorRate and, for a quote shorter than
// ContextFreeExact code points (ContextFreeFuzzy for an approximate
// match), its context similarity (the mean of prefix and suffix
// similarity, each 1 − edit distance/length) is at least MinContext: a
// word or two alone prove nothing. Its score is
//
//	(50·quote + 20·prefix + 20·suffix + 2·position) / (weights in use)
//
// The best accepted candidate wins, unless another scores within
// TieMargin of it: then the nearer to the old position wins if it is
// known, and otherwise the annotation is orphaned. An annotation that
// nothing accepted places is orphaned: kept, with a reason, never moved
// to a place that merely looks similar.
const (
	MinFuzzyLen      = 8
	MaxErrorRate     = 0.25
	ContextFreeExact = 16
	ContextFreeFuzzy = 32
	MinContext       = 0.5
	TieMargin        = 0.02
	StrongScore      = 0.9
	SeedLen          = 16
	SeedPieces       = 4
)

// Method says how a passage was found.
type Method int

const (
	Orphaned Method = iota
	ByPosition
	ByQuote
	ByFuzzyQuote
)

func (m Method) String() string {
	return [...]string{"orphaned", "position", "quote", "approximate quote"}[m]
}

// Quote is what an annotation keeps to find its passage again. Start and
// End are the old position, -1 when unknown. A quote with no Exact text is
// placed by position alone: give one only for the text it was made on.
type Quote struct {
	Exact, Prefix, Suffix string
	Start, End            int
}

// Placement is where a quote was found, or why it was not.
type Placement struct {
	Start, End int
	Method     Method
	Score      float64
	Reason     string // for an orphan
}

// Place finds q in d.
func Place(d *document.Document, q Quote) Placement {
	// Text read from JSON is valid UTF-8; make any other quote so too, as
	// the document's text was made.
	for _, s := range []*string{&q.Exact, &q.Prefix, &q.Suffix} {
		*s = strings.ToValidUTF8(*s, "\uFFFD")
	}
	text := d.Runes()
	if q.Start >= 0 && q.End > q.Start && q.End <= len(text) {
		if q.Exact == "" || string(text[q.Start:q.End]) == q.Exact {
			return Placement{Start: q.Start, End: q.End, Method: ByPosition, Score: 1}
		}
	}
	if q.Exact == "" {
		return Placement{Method: Orphaned, Reason: "it has no quote, and no position in this text"}
	}
	exact := []rune(q.Exact)
	s := scorer{doc: d, text: text, q: q, prefix: []rune(q.Prefix), suffix: []rune(q.Suffix), quoteLen: len(exact)}
	if p, ok := s.nearby(exact); ok {
		return p
	}
	var cands []candidate
	for _, at := range byteOccurrences(d, d.Text, q.Exact) {
		start := d.RuneOffset(at)
		cands = append(cands, s.score(start, start+len(exact), 0))
	}
	if p, ok := s.choose(cands, ByQuote); ok {
		return p
	}
	if len(exact) < MinFuzzyLen {
		return s.orphan(cands, fmt.Sprintf("the quote %q is not in the text, and is too short to look for an altered copy", q.Exact))
	}
	maxErrors := int(float64(len(exact)) * MaxErrorRate)
	approx := func(r region) {
		if r.lo >= r.hi {
			return // an old position far past this text's end
		}
		for _, m := range findApprox(text[r.lo:r.hi], exact, maxErrors) {
			cands = append(cands, s.score(r.lo+m.start, r.lo+m.end, m.errors))
		}
	}
	if q.Start >= 0 {
		approx(region{max(0, q.Start-nearbyWindow), min(len(text), q.End+nearbyWindow)})
		if p, ok := s.choose(cands, ByFuzzyQuote); ok && p.Score >= StrongScore {
			return p
		}
	}
	for _, r := range seedRegions(d, exact, maxErrors) {
		approx(r)
	}
	if p, ok := s.choose(cands, ByFuzzyQuote); ok {
		return p
	}
	return s.orphan(cands, "no place in the text matches the quote and its context closely enough")
}

// nearbyWindow is how far around its old position a quote is first looked
// for, in code points.
const nearbyWindow = 4096

// region is a stretch of text to search.
type region struct{ lo, hi int }

// seedRegions returns the stretches of text around exact copies of parts
// of the quote (up to SeedPieces pieces of SeedLen code points, or of half
// the quote when it is shorter, spread over it), where an altered copy of
// the whole quote might be. A piece found more than maxSeedHits times tells
// nothing and is skipped.
func seedRegions(d *document.Document, exact []rune, maxErrors int) []region {
	m := len(exact)
	piece := min(SeedLen, max(4, m/2))
	var regions []region
	for _, off := range seedOffsets(m, piece) {
		hits := byteOccurrencesUpTo(d, d.Text, string(exact[off:off+piece]), maxSeedHits+1)
		if len(hits) > maxSeedHits {
			continue // a piece this common tells nothing
		}
		for _, b := range hits {
			at := d.RuneOffset(b)
			lo := max(0, at-off-maxErrors)
			regions = append(regions, region{lo, min(d.Len(), at-off+m+maxErrors)})
		}
	}
	order.Sort(regions, func(a, b region) int { return a.lo - b.lo })
	var merged []region
	for _, r := range regions {
		if n := len(merged); n > 0 && r.lo <= merged[n-1].hi {
			merged[n-1].hi = max(merged[n-1].hi, r.hi)
		} else {
			merged = append(merged, r)
		}
	}
	return merged
}

// seedOffsets spreads up to SeedPieces pieces of a quote of length m
// evenly over it: its start, its end, and between.
func seedOffsets(m, piece int) []int {
	n := min(SeedPieces, m/piece)
	if n <= 1 {
		return []int{0}
	}
	offs := make([]int, n)
	for i := range offs {
		offs[i] = i * (m - piece) / (n - 1)
	}
	return offs
}

const maxSeedHits = 64

// nearby is the fast path for a text edited elsewhere: the quote, with its
// whole prefix and suffix, close to where it was. Such a place scores
// higher than any other could, save one with the same context, and the
// nearer of those wins anyway.
func (s *scorer) nearby(exact []rune) (Placement, bool) {
	if s.q.Start < 0 {
		return Placement{}, false
	}
	lo := max(0, s.q.Start-nearbyWindow)
	hi := min(len(s.text), s.q.End+nearbyWindow)
	if lo >= hi {
		return Placement{}, false
	}
	blo, bhi := s.doc.ByteOffset(lo), s.doc.ByteOffset(hi)
	var best *candidate
	for _, at := range byteOccurrences(s.doc, s.doc.Text[blo:bhi], s.q.Exact) {
		start := s.doc.RuneOffset(blo + at)
		c := s.score(start, start+len(exact), 0)
		if c.context == 1 && (best == nil || abs(start-s.q.Start) < abs(best.start-s.q.Start)) {
			best = &c
		}
	}
	if best == nil {
		return Placement{}, false
	}
	return Placement{Start: best.start, End: best.end, Method: ByQuote, Score: best.score}, true
}

type scorer struct {
	doc            *document.Document
	text           []rune
	q              Quote
	prefix, suffix []rune
	quoteLen       int
}

type candidate struct {
	start, end int
	quote      float64 // 1 − errors/length
	context    float64
	score      float64
	accepted   bool
}

func (s *scorer) score(start, end, errors int) candidate {
	c := candidate{start: start, end: end, quote: 1 - float64(errors)/float64(s.quoteLen)}
	total, weights := 50*c.quote, 50.0
	var context []float64
	if len(s.prefix) > 0 {
		before := s.text[max(0, start-len(s.prefix)):start]
		sim := 1 - float64(editDistance(s.prefix, before))/float64(len(s.prefix))
		total, weights, context = total+20*sim, weights+20, append(context, sim)
	}
	if len(s.suffix) > 0 {
		after := s.text[end:min(len(s.text), end+len(s.suffix))]
		sim := 1 - float64(editDistance(s.suffix, after))/float64(len(s.suffix))
		total, weights, context = total+20*sim, weights+20, append(context, sim)
	}
	if s.q.Start >= 0 {
		dist := float64(abs(start - s.q.Start))
		total, weights = total+2*(1-dist/float64(max(len(s.text), 1))), weights+2
	}
	c.score = total / weights
	c.context = 1
	if len(context) > 0 {
		c.context = 0
		for _, x := range context {
			c.context += x / float64(len(context))
		}
	}
	contextFree := ContextFreeExact
	if errors > 0 {
		contextFree = ContextFreeFuzzy
	}
	c.accepted = c.quote >= 1-MaxErrorRate && (s.quoteLen >= contextFree || c.context >= MinContext)
	return c
}

// choose picks the best accepted candidate, if one stands out.
func (s *scorer) choose(cands []candidate, method Method) (Placement, bool) {
	var best *candidate
	for i := range cands {
		if c := &cands[i]; c.accepted && (best == nil || c.score > best.score) {
			best = c
		}
	}
	if best == nil {
		return Placement{}, false
	}
	for i := range cands {
		c := &cands[i]
		if c == best || !c.accepted || best.score-c.score > TieMargin || overlaps(*c, *best) {
			continue
		}
		if s.q.Start < 0 || abs(c.start-s.q.Start) == abs(best.start-s.q.Start) {
			return Placement{}, false // a tie nothing breaks
		}
		if abs(c.start-s.q.Start) < abs(best.start-s.q.Start) {
			best = c
		}
	}
	return Placement{Start: best.start, End: best.end, Method: method, Score: best.score}, true
}

func (s *scorer) orphan(cands []candidate, reason string) Placement {
	accepted := 0
	for _, c := range cands {
		if c.accepted {
			accepted++
		}
	}
	if accepted > 1 {
		reason = fmt.Sprintf("the quote fits %d places equally well", accepted)
	}
	return Placement{Method: Orphaned, Reason: reason}
}

func overlaps(a, b candidate) bool { return a.start < b.end && b.start < a.end }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// PlaceAll places annotations in d. sameText says that they were made on
// d's very text; only then is an annotation with a position and no quote
// placed by its position alone. Each comes back placed, with its quote and
// context taken from d, or unplaced, with its old quote kept; the
// placements say how.
func PlaceAll(d *document.Document, as []annotation.Annotation, sameText bool) ([]annotation.Annotation, []Placement) {
	out := make([]annotation.Annotation, len(as))
	places := make([]Placement, len(as))
	for i, a := range as {
		out[i], places[i] = PlaceOne(d, a, sameText)
	}
	return out, places
}

// PlaceOne places one annotation in d; see PlaceAll.
func PlaceOne(d *document.Document, a annotation.Annotation, sameText bool) (annotation.Annotation, Placement) {
	start, end := a.Start, a.End
	if !a.Placed() || (a.Exact == "" && !sameText) {
		start, end = -1, -1
	}
	p := Place(d, Quote{Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix, Start: start, End: end})
	if p.Method == Orphaned {
		a.Start, a.End = annotation.Unplaced, annotation.Unplaced
		return a, p
	}
	return a.MovedTo(d, p.Start, p.End), p
}
