package annotation

import (
	"slices"
	"sort"
)

// Index answers which annotations cover a code point, in O(log n + k).
// It holds annotations in document order, each with the largest End among
// it and those before it, so a lookup can stop walking back early.
type Index struct {
	items  []Annotation
	maxEnd []int
}

// NewIndex indexes the placed annotations of as, which must be in
// document order. It keeps as, not a copy (it is made again after each
// change of thousands), so as must not change while it is used.
func NewIndex(as []Annotation) *Index {
	// Unplaced annotations start before every placed one.
	first := sort.Search(len(as), func(i int) bool { return as[i].Start >= 0 })
	ix := &Index{items: as[first:], maxEnd: make([]int, len(as)-first)}
	m := 0
	for i := range ix.items {
		m = max(m, ix.items[i].End)
		ix.maxEnd[i] = m
	}
	return ix
}

// At returns the annotations whose span holds the code point at offset,
// the shortest (innermost) first.
func (ix *Index) At(offset int) []Annotation {
	// Annotations after i start past offset.
	i := sort.Search(len(ix.items), func(i int) bool { return ix.items[i].Start > offset })
	var hits []Annotation
	for j := i - 1; j >= 0 && ix.maxEnd[j] > offset; j-- {
		if ix.items[j].End > offset {
			hits = append(hits, ix.items[j])
		}
	}
	sort.SliceStable(hits, func(a, b int) bool {
		return hits[a].End-hits[a].Start < hits[b].End-hits[b].Start
	})
	return hits
}

// Segment is a stretch of text and the annotations that cover all of it.
type Segment struct {
	Start, End int
	// Covering are the annotations over the stretch, as indexes into the
	// slice given to Segments.
	Covering []int
}

// Segments cuts the text from start to end at every edge of the placed
// annotations of as, so that each stretch is covered by the same ones:
// what a page without highlights marks up, one element per stretch.
func Segments(as []Annotation, start, end int) []Segment {
	edges := []int{start, end}
	for _, a := range as {
		if a.Placed() && a.Start < end && a.End > start {
			edges = append(edges, max(a.Start, start), min(a.End, end))
		}
	}
	slices.Sort(edges)
	edges = slices.Compact(edges)
	out := make([]Segment, 0, len(edges)-1)
	for i := 0; i+1 < len(edges); i++ {
		s := Segment{Start: edges[i], End: edges[i+1]}
		for j, a := range as {
			if a.Placed() && a.Start <= s.Start && a.End >= s.End {
				s.Covering = append(s.Covering, j)
			}
		}
		out = append(out, s)
	}
	return out
}
