package annotation

import (
	"fmt"
	"slices"
	"time"
)

// Relation is what a link says of the passage it comes from and the one
// it goes to: evidence supports or undermines a claim or a prediction, a
// claim supports or undermines another claim, and a prediction follows
// from a claim or evidence.
type Relation string

const (
	Supports    Relation = "supports"
	Undermines  Relation = "undermines"
	FollowsFrom Relation = "follows-from"
)

// Relations lists every relation in the order the reader sees them.
var Relations = []Relation{Supports, Undermines, FollowsFrom}

// Valid reports whether r is one of Relations.
func (r Relation) Valid() bool { return slices.Contains(Relations, r) }

// Label is the relation as a sentence says it: "supports", "follows from".
func (r Relation) Label() string {
	if r == FollowsFrom {
		return "follows from"
	}
	return string(r)
}

// Attacks reports whether r speaks against what it links to.
func (r Relation) Attacks() bool { return r == Undermines }

// Link goes from the annotation that holds it to the annotation To.
type Link struct {
	ID      string    `json:"id"`
	To      string    `json:"to"`
	Type    Relation  `json:"type"`
	Created time.Time `json:"created"`
}

// Fits says why a link of type r may not go from a passage tagged from to
// one tagged to, or is nil when it may.
func Fits(from Tag, r Relation, to Tag) error {
	ok := false
	switch r {
	case Supports, Undermines:
		ok = from == Evidence && (to == Claim || to == Prediction) || from == Claim && to == Claim
	case FollowsFrom:
		ok = from == Prediction && (to == Claim || to == Evidence)
	default:
		return fmt.Errorf("%q is not supports, undermines or follows-from", r)
	}
	if ok {
		return nil
	}
	return fmt.Errorf("%s cannot %s %s: %s", article(from), verb(r), article(to), rule(r))
}

// RelationsFitting lists the relations that may go from a passage tagged
// from to one tagged to.
func RelationsFitting(from, to Tag) []Relation {
	var rs []Relation
	for _, r := range Relations {
		if Fits(from, r, to) == nil {
			rs = append(rs, r)
		}
	}
	return rs
}

func article(t Tag) string {
	if t == Evidence {
		return "evidence"
	}
	return "a " + string(t)
}

func verb(r Relation) string {
	if r == FollowsFrom {
		return "follow from"
	}
	return string(r)[:len(r)-1]
}

func rule(r Relation) string {
	if r == FollowsFrom {
		return "only a prediction follows from a claim or evidence"
	}
	return "evidence " + string(r)[:len(r)-1] + "s a claim or a prediction, and a claim another claim"
}

// Check checks what a link from the annotation from holds by itself;
// CheckLinks checks it against the other annotations.
func (l *Link) Check(from string) error {
	switch {
	case l.ID == "" || hasControl(l.ID):
		return &FieldError{"links.id", fmt.Sprintf("%q is not an id", Shorten(l.ID, 40))}
	case !l.Type.Valid():
		return &FieldError{"links.type", fmt.Sprintf("%q is not supports, undermines or follows-from", l.Type)}
	case l.To == "" || hasControl(l.To):
		return &FieldError{"links.to", fmt.Sprintf("%q is not an id", Shorten(l.To, 40))}
	case l.To == from:
		return &FieldError{"links.to", "links the annotation to itself"}
	case l.Created.IsZero():
		return &FieldError{"links.created", "is missing"}
	}
	return nil
}

// LinkError says which annotation's link is wrong, and why.
type LinkError struct {
	From   string // the id of the annotation that holds the link
	LinkID string
	Err    error
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("link %s from %s: %v", e.LinkID, e.From, e.Err)
}

func (e *LinkError) Unwrap() error { return e.Err }

// CheckLinks checks the links of as against each other and the tags: each
// goes to an annotation of as, fits the tags at both ends, is the only
// link from its annotation to that one, and has an id no other link has.
func CheckLinks(as []Annotation) error {
	tags := make(map[string]Tag, len(as))
	for _, a := range as {
		tags[a.ID] = a.Tag
	}
	linkIDs := map[string]bool{}
	for _, a := range as {
		for i, l := range a.Links {
			fail := func(err error) error { return &LinkError{From: a.ID, LinkID: l.ID, Err: err} }
			to, ok := tags[l.To]
			switch {
			case !ok:
				return fail(fmt.Errorf("goes to %s, which is not an annotation of this text", l.To))
			case linkIDs[l.ID]:
				return fail(fmt.Errorf("id %s is another link's too", l.ID))
			case slices.ContainsFunc(a.Links[:i], func(m Link) bool { return m.To == l.To }):
				return fail(fmt.Errorf("repeats a link to %s", l.To))
			}
			if err := Fits(a.Tag, l.Type, to); err != nil {
				return fail(err)
			}
			linkIDs[l.ID] = true
		}
	}
	return nil
}

// LinkEnd is one link as seen from one of its ends.
type LinkEnd struct {
	Link
	From string // the id of the annotation that holds it
	Out  bool   // it goes from the annotation asked about
}

// LinksOf lists the links from and to the annotation id, those from it
// first.
func LinksOf(as []Annotation, id string) []LinkEnd {
	var out, in []LinkEnd
	for _, a := range as {
		for _, l := range a.Links {
			switch {
			case a.ID == id:
				out = append(out, LinkEnd{Link: l, From: a.ID, Out: true})
			case l.To == id:
				in = append(in, LinkEnd{Link: l, From: a.ID})
			}
		}
	}
	return append(out, in...)
}

// CountLinks counts the links of as.
func CountLinks(as []Annotation) int {
	n := 0
	for _, a := range as {
		n += len(a.Links)
	}
	return n
}

// PruneLinks drops from as, in place, the links that CheckLinks would
// refuse (to an annotation not in as, not fitting the tags, or repeating
// one), and counts them. A merge of two sets that each hold can make
// such links, when one side's retag wins over the other's link.
func PruneLinks(as []Annotation) int {
	tags := make(map[string]Tag, len(as))
	for _, a := range as {
		tags[a.ID] = a.Tag
	}
	dropped := 0
	seen := map[string]bool{}
	for i := range as {
		a := &as[i]
		if len(a.Links) == 0 {
			continue
		}
		kept := make([]Link, 0, len(a.Links))
		for _, l := range a.Links {
			to, ok := tags[l.To]
			if !ok || seen[l.ID] || Fits(a.Tag, l.Type, to) != nil || slices.ContainsFunc(kept, func(m Link) bool { return m.To == l.To }) {
				dropped++
				continue
			}
			seen[l.ID] = true
			kept = append(kept, l)
		}
		if len(kept) != len(a.Links) {
			a.Links = kept
		}
	}
	return dropped
}

// Grouped is an annotation's place in a list grouped by claim. It points
// at the annotation, as a list of thousands is made again after each
// change and a copy of each would be most of its cost.
type Grouped struct {
	*Annotation
	// Under is how the annotation bears on the claim listed above it, or
	// "" for a claim, and for one that bears on no claim listed.
	Under Relation
	// Apart starts the annotations that bear on no claim listed.
	Apart bool
}

// GroupByClaim lists as by claim: each claim in the order of the text,
// then under it the evidence and predictions linked to it (what supports
// or undermines it, and what follows from it), each under the first of
// its claims only; then the rest, in the order of the text. The list
// points into as.
func GroupByClaim(as []Annotation) []Grouped {
	claims := map[string]bool{}
	for i := range as {
		if as[i].Tag == Claim {
			claims[as[i].ID] = true
		}
	}
	// members holds, for each claim, what bears on it.
	members := map[string][]Grouped{}
	placed := map[string]bool{}
	for i := range as {
		a := &as[i]
		if a.Tag == Claim {
			continue
		}
		for _, l := range a.Links {
			if claims[l.To] && !placed[a.ID] {
				members[l.To] = append(members[l.To], Grouped{Annotation: a, Under: l.Type})
				placed[a.ID] = true
			}
		}
	}
	out := make([]Grouped, 0, len(as))
	for i := range as {
		if a := &as[i]; a.Tag == Claim {
			out = append(out, Grouped{Annotation: a})
			out = append(out, members[a.ID]...)
		}
	}
	first := true
	for i := range as {
		if a := &as[i]; a.Tag != Claim && !placed[a.ID] {
			out = append(out, Grouped{Annotation: a, Apart: first && len(out) > 0})
			first = false
		}
	}
	return out
}
