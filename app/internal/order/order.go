// Package order sorts slices of any element type through one compiled
// sort of indices. Each instantiation of slices.SortFunc for a struct
// type compiles its own copy of pdqsort, about 20 KB of wasm; sorting
// []int and moving the elements once costs a short loop per type instead.
package order

import "slices"

// Sort sorts s by cmp, as slices.SortFunc does.
func Sort[T any](s []T, cmp func(a, b T) int) {
	if slices.IsSortedFunc(s, cmp) {
		return
	}
	idx := indices(len(s))
	slices.SortFunc(idx, func(i, j int) int { return cmp(s[i], s[j]) })
	permute(s, idx)
}

// SortStable sorts s by cmp, keeping equal elements in their order, as
// slices.SortStableFunc does.
func SortStable[T any](s []T, cmp func(a, b T) int) {
	idx := indices(len(s))
	slices.SortStableFunc(idx, func(i, j int) int { return cmp(s[i], s[j]) })
	permute(s, idx)
}

func indices(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// permute puts s[idx[k]] at k.
func permute[T any](s []T, idx []int) {
	out := make([]T, len(s))
	for k, i := range idx {
		out[k] = s[i]
	}
	copy(s, out)
}
