package session

import (
	"fmt"
	"slices"

	"github.com/claimmark/claimmark/app/annotation"
)

// Link links the annotation from to the annotation to with relation r,
// as one step. A link to itself, a second link between the same two, or
// one that does not fit their tags is refused with a message.
func (s *Session) Link(from, to string, r annotation.Relation) Change {
	i, j := s.index(from), s.index(to)
	if i < 0 || j < 0 || s.refused() {
		return Change{}
	}
	a, b := s.anns[i], s.anns[j]
	switch {
	case from == to:
		s.Fail("A passage cannot be linked to itself. Choose another passage.")
		return Change{}
	case slices.ContainsFunc(a.Links, func(l annotation.Link) bool { return l.To == to }):
		s.Fail(fmt.Sprintf("%s is already linked to %s.", quote(a), quote(b)))
		return Change{}
	case slices.ContainsFunc(b.Links, func(l annotation.Link) bool { return l.To == from }):
		s.Fail(fmt.Sprintf("%s is already linked to %s.", quote(b), quote(a)))
		return Change{}
	}
	if err := annotation.Fits(a.Tag, r, b.Tag); err != nil {
		s.Fail("Not linked: " + capital(err.Error()) + ".")
		return Change{}
	}
	now := annotation.Timestamp(s.now())
	next := a
	next.Links = append(slices.Clip(a.Links), annotation.Link{ID: annotation.NewID(), To: to, Type: r, Created: now})
	next.Modified = now
	c := s.apply(step{label: "link of " + quote(a)}, []edit{{id: from, before: ptr(a), after: &next}})
	s.selected = []string{from}
	s.Say(fmt.Sprintf("Linked: %s %s %s.", quote(a), r.Label(), quote(b)))
	return c
}

// Unlink removes the link with the id from the annotation from.
func (s *Session) Unlink(from, linkID string) Change {
	i := s.index(from)
	if i < 0 || s.refused() {
		return Change{}
	}
	a := s.anns[i]
	k := slices.IndexFunc(a.Links, func(l annotation.Link) bool { return l.ID == linkID })
	if k < 0 {
		return Change{}
	}
	next := a
	next.Links = slices.Delete(slices.Clone(a.Links), k, k+1)
	next.Modified = annotation.Timestamp(s.now())
	c := s.apply(step{label: "unlink of " + quote(a)}, []edit{{id: from, before: ptr(a), after: &next}})
	to, _ := s.Find(a.Links[k].To)
	s.Say(fmt.Sprintf("Unlinked %s from %s.", quote(a), quote(to)), Undo)
	return c
}

// LinksOf lists the links from and to the annotation id.
func (s *Session) LinksOf(id string) []annotation.LinkEnd { return annotation.LinksOf(s.anns, id) }

// unlinkEdits are the edits that take away, from the annotations not in
// gone, their links to annotations in gone or for which drop is true.
func (s *Session) unlinkEdits(gone map[string]bool, drop func(from annotation.Annotation, l annotation.Link) bool) []edit {
	var edits []edit
	now := annotation.Timestamp(s.now())
	for _, a := range s.anns {
		if gone[a.ID] || len(a.Links) == 0 {
			continue
		}
		kept := slices.DeleteFunc(slices.Clone(a.Links), func(l annotation.Link) bool { return gone[l.To] || drop != nil && drop(a, l) })
		if len(kept) == len(a.Links) {
			continue
		}
		next := a
		next.Links, next.Modified = kept, now
		if len(kept) == 0 {
			next.Links = nil
		}
		edits = append(edits, edit{id: a.ID, before: ptr(a), after: &next})
	}
	return edits
}

// misfits counts the links from and to the annotations with the ids that
// would no longer fit if they were tagged t.
func (s *Session) misfits(ids []string, t annotation.Tag) int {
	n := 0
	s.eachMisfit(ids, t, func(annotation.Annotation, annotation.Link) { n++ })
	return n
}

func (s *Session) eachMisfit(ids []string, t annotation.Tag, fn func(from annotation.Annotation, l annotation.Link)) {
	retagged := map[string]bool{}
	for _, id := range ids {
		retagged[id] = true
	}
	tagOf := func(a annotation.Annotation) annotation.Tag {
		if retagged[a.ID] {
			return t
		}
		return a.Tag
	}
	for _, a := range s.anns {
		for _, l := range a.Links {
			if !retagged[a.ID] && !retagged[l.To] {
				continue
			}
			if to, ok := s.Find(l.To); ok && annotation.Fits(tagOf(a), l.Type, tagOf(to)) != nil {
				fn(a, l)
			}
		}
	}
}

func capital(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
