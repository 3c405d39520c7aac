package agreement

import (
	"slices"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/internal/order"
)

// Matches reports whether a reader's passage a matches a key passage k:
// the same tag, and an overlap of at least half of the longer of the two.
func Matches(a, k annotation.Annotation) bool {
	return a.Tag == k.Tag && Overlaps(a, k)
}

// Overlaps reports whether two passages overlap by at least half of the
// longer of the two, whatever their tags.
func Overlaps(a, k annotation.Annotation) bool {
	overlap := min(a.End, k.End) - max(a.Start, k.Start)
	longer := max(a.End-a.Start, k.End-k.Start)
	return a.Placed() && k.Placed() && 2*overlap >= longer
}

// Scores are a reader's passages measured against a key.
type Scores struct {
	// Matched counts the pairs of a reader's passage and a key passage
	// that match, each passage in one pair at most.
	Matched, Passages, Key int
	// Precision is Matched/Passages, Recall Matched/Key, F1 their
	// harmonic mean; each is NaN when its denominator is 0.
	Precision, Recall, F1 float64
}

// Score measures as against key. Pairs are chosen greedily, the largest
// overlap first, so that each passage counts once.
func Score(as, key []annotation.Annotation) Scores {
	type pair struct{ a, k, overlap int }
	var pairs []pair
	placed := func(xs []annotation.Annotation) []annotation.Annotation {
		return slices.DeleteFunc(slices.Clone(xs), func(x annotation.Annotation) bool { return !x.Placed() })
	}
	as, key = placed(as), placed(key)
	for i, a := range as {
		for j, k := range key {
			if Matches(a, k) {
				pairs = append(pairs, pair{i, j, min(a.End, k.End) - max(a.Start, k.Start)})
			}
		}
	}
	order.SortStable(pairs, func(x, y pair) int { return y.overlap - x.overlap })
	usedA, usedK := make([]bool, len(as)), make([]bool, len(key))
	s := Scores{Passages: len(as), Key: len(key)}
	for _, p := range pairs {
		if !usedA[p.a] && !usedK[p.k] {
			usedA[p.a], usedK[p.k] = true, true
			s.Matched++
		}
	}
	s.Precision = ratio(s.Matched, s.Passages)
	s.Recall = ratio(s.Matched, s.Key)
	s.F1 = ratio(2*s.Matched, s.Passages+s.Key)
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return nan
	}
	return float64(a) / float64(b)
}

// Reader is one reader's annotations of the text.
type Reader struct {
	Name        string
	Annotations []annotation.Annotation
}

// Row is one reader's line of a comparison.
type Row struct {
	Name   string
	Counts map[annotation.Tag]int
	// Scores against the key, when there is one; Links, the scores of
	// the reader's links against the key's, when the key has links.
	Scores, Links *Scores
}

// Figure is an agreement coefficient, which may be undefined.
type Figure struct {
	Value   float64
	Defined bool
}

// Pair is the agreement of two readers.
type Pair struct {
	A, B  string
	Kappa Figure
}

// Word is how the readers tagged one word.
type Word struct {
	Span
	// By holds, for each tag, the readers who gave the word that tag.
	By map[annotation.Tag][]string
}

// Comparison is everything the teacher's view shows.
type Comparison struct {
	Rows []Row
	// Alpha is Krippendorff's alpha among all readers, overall (key "")
	// and for each tag.
	Alpha map[annotation.Tag]Figure
	Pairs []Pair
	// Words lists the words some reader tagged, in order.
	Words []Word
}

// Compare compares readers over d, and each with key when key is not nil.
func Compare(d *document.Document, readers []Reader, key []annotation.Annotation) Comparison {
	words := Words(d)
	values := make([][]annotation.Tag, len(readers))
	var c Comparison
	for i, r := range readers {
		values[i] = Values(words, r.Annotations)
		row := Row{Name: r.Name, Counts: map[annotation.Tag]int{}}
		for _, a := range r.Annotations {
			if a.Placed() {
				row.Counts[a.Tag]++
			}
		}
		if key != nil {
			s := Score(r.Annotations, key)
			row.Scores = &s
		}
		if annotation.CountLinks(key) > 0 {
			s := ScoreLinks(r.Annotations, key)
			row.Links = &s
		}
		c.Rows = append(c.Rows, row)
	}
	// Each value as a number: none 0, then the tags in order.
	k := len(annotation.Tags) + 1
	coded := make([][]uint16, len(values))
	for i, vs := range values {
		coded[i] = make([]uint16, len(vs))
		for u, v := range vs {
			if v != None {
				coded[i][u] = uint16(slices.Index(annotation.Tags, v) + 1)
			}
		}
	}
	c.Alpha = map[annotation.Tag]Figure{}
	v, ok := alphaCodes(coded, nil, k)
	c.Alpha[None] = Figure{v, ok}
	for ti, t := range annotation.Tags {
		v, ok := alphaCodes(binary(coded, uint16(ti+1)), nil, 2)
		c.Alpha[t] = Figure{v, ok}
	}
	for i := range readers {
		for j := i + 1; j < len(readers); j++ {
			v, ok := kappaCodes(coded[i], coded[j], k)
			c.Pairs = append(c.Pairs, Pair{A: readers[i].Name, B: readers[j].Name, Kappa: Figure{v, ok}})
		}
	}
	for w, span := range words {
		var word *Word
		for i, r := range readers {
			if t := values[i][w]; t != None {
				if word == nil {
					word = &Word{Span: span, By: map[annotation.Tag][]string{}}
				}
				word.By[t] = append(word.By[t], r.Name)
			}
		}
		if word != nil {
			c.Words = append(c.Words, *word)
		}
	}
	return c
}

// binary turns coded values into whether each is t: 1 or 0.
func binary(values [][]uint16, t uint16) [][]uint16 {
	out := make([][]uint16, len(values))
	for i, vs := range values {
		out[i] = make([]uint16, len(vs))
		for u, v := range vs {
			if v == t {
				out[i][u] = 1
			}
		}
	}
	return out
}

// ScoreLinks measures the links of as against those of key. A reader's
// link matches a key link when its two ends match the key link's ends
// (Matches: the same tag and enough overlap) and the relation is the
// same; each key link is matched once at most, in the order of the text.
func ScoreLinks(as, key []annotation.Annotation) Scores {
	type end struct {
		from, to annotation.Annotation
		r        annotation.Relation
	}
	links := func(xs []annotation.Annotation) []end {
		byID := make(map[string]annotation.Annotation, len(xs))
		for _, x := range xs {
			byID[x.ID] = x
		}
		var out []end
		for _, x := range xs {
			for _, l := range x.Links {
				if to, ok := byID[l.To]; ok && x.Placed() && to.Placed() {
					out = append(out, end{x, to, l.Type})
				}
			}
		}
		return out
	}
	mine, theirs := links(as), links(key)
	used := make([]bool, len(theirs))
	s := Scores{Passages: len(mine), Key: len(theirs)}
	for _, m := range mine {
		for j, k := range theirs {
			if !used[j] && m.r == k.r && Matches(m.from, k.from) && Matches(m.to, k.to) {
				used[j] = true
				s.Matched++
				break
			}
		}
	}
	s.Precision = ratio(s.Matched, s.Passages)
	s.Recall = ratio(s.Matched, s.Key)
	s.F1 = ratio(2*s.Matched, s.Passages+s.Key)
	return s
}
