package annotation

import "sort"

// Index answers which annotations cover a code point, in O(log n + k).
// It holds annotations in document order, each with the largest End among
// it and those before it, so a lookup can stop walking back early.
type Index struct {
	items  []Annotation
	maxEnd []int
}

// NewIndex indexes as, which must be in document order.
func NewIndex(as []Annotation) *Index {
	ix := &Index{items: as, maxEnd: make([]int, len(as))}
	m := 0
	for i, a := range as {
		m = max(m, a.End)
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
