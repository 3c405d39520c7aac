package annotation

import "slices"

// Counts says how incoming annotations relate to those already there: new
// ids, ids already there with the same content (tag, place, quote, note,
// links and forecast; times aside), and ids already there with other content.
type Counts struct {
	New, Duplicate, Conflict int
}

// Classify counts incoming against existing, by id.
func Classify(existing, incoming []Annotation) Counts {
	byID := make(map[string]*Annotation, len(existing))
	for i := range existing {
		byID[existing[i].ID] = &existing[i]
	}
	var c Counts
	for _, a := range incoming {
		switch old, ok := byID[a.ID]; {
		case !ok:
			c.New++
		case sameContent(*old, a):
			c.Duplicate++
		default:
			c.Conflict++
		}
	}
	return c
}

// Merge returns existing with incoming merged in by id: a new id is added;
// for an id in both with other content, the one modified later wins, the
// existing one on a tie. The result is in document order.
func Merge(existing, incoming []Annotation) []Annotation {
	out := append(make([]Annotation, 0, len(existing)+len(incoming)), existing...)
	at := make(map[string]int, len(out)+len(incoming))
	for i, a := range out {
		at[a.ID] = i
	}
	for _, a := range incoming {
		i, ok := at[a.ID]
		switch {
		case !ok:
			at[a.ID] = len(out)
			out = append(out, a)
		case !sameContent(out[i], a) && a.Modified.After(out[i].Modified):
			out[i] = a
		}
	}
	Sort(out)
	return out
}

func sameContent(a, b Annotation) bool {
	return a.Tag == b.Tag && a.Start == b.Start && a.End == b.End && a.Exact == b.Exact && a.Note == b.Note &&
		slices.EqualFunc(a.Links, b.Links, func(l, m Link) bool { return l.ID == m.ID && l.To == m.To && l.Type == m.Type }) &&
		a.Forecast.Equal(b.Forecast)
}
