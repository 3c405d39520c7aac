package annotation

import "sort"

// Index answers which annotations cover a code point, in O(log n + k).
// It holds annotations in document order, each with the largest End among
// it and those before it, so a lookup can stop walking back early.
type Index struct {
	items  []Annotation
	maxEnd []int
}

// NewIndex indexes the placed annotations of as, which must be in
// document order.
func NewIndex(as []Annotation) *Index {
	ix := &Index{}
	m := 0
	for _, a := range as {
		if !a.Placed() {
			continue
		}
		m = max(m, a.End)
		ix.items = append(ix.items, a)
		ix.maxEnd = append(ix.maxEnd, m)
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
