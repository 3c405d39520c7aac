package session

import (
	"slices"

	"github.com/claimmark/claimmark/app/annotation"
)

// Kind is what a message is: a confirmation, which fades, or a problem,
// which stays until it is dismissed or replaced.
type Kind int

const (
	Confirmation Kind = iota
	Problem
)

// Action is what a message offers to do.
type Action int

const (
	Undo Action = iota + 1
	Retry
	ExportNow
	Reload
	RetagAnyway // retag, and remove the links that no longer fit
)

// Message is what the reader is told after an action. Text "" is none.
type Message struct {
	Text    string
	Kind    Kind
	Actions []Action
}

// Offers reports whether the message offers a.
func (m Message) Offers(a Action) bool { return slices.Contains(m.Actions, a) }

// Fades reports whether the message goes by itself after a while: a
// confirmation that offers nothing to do.
func (m Message) Fades() bool { return m.Kind == Confirmation && len(m.Actions) == 0 }

// Message is the message shown now.
func (s *Session) Message() Message { return s.msg }

// Say sets a confirmation.
func (s *Session) Say(text string, actions ...Action) {
	s.msg = Message{Text: text, Actions: actions}
}

// Fail sets a problem.
func (s *Session) Fail(text string, actions ...Action) {
	s.msg = Message{Text: text, Kind: Problem, Actions: actions}
}

// Dismiss clears the message.
func (s *Session) Dismiss() { s.msg = Message{} }

// Selected are the ids of the annotations selected.
func (s *Session) Selected() []string { return s.selected }

// IsSelected reports whether the annotation with the id is selected.
func (s *Session) IsSelected(id string) bool { return slices.Contains(s.selected, id) }

// Select selects the annotation with the id alone, if it is there.
func (s *Session) Select(id string) bool {
	if s.index(id) < 0 {
		return false
	}
	s.selected = []string{id}
	return true
}

// SelectAll selects those of the annotations with the ids that are there,
// as a click on passages that overlap does.
func (s *Session) SelectAll(ids []string) {
	s.selected = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return s.index(id) < 0 })
}

// ClearSelection selects no annotation, as a click on plain text does.
func (s *Session) ClearSelection() { s.selected = nil }

// Filter is the tag the list shows, or "" for all.
func (s *Session) Filter() annotation.Tag { return s.filter }

// SetFilter shows the annotations of one tag in the list, or all with "".
func (s *Session) SetFilter(t annotation.Tag) { s.filter = t }

// Grouped reports whether the list is grouped by claim.
func (s *Session) Grouped() bool { return s.grouped }

// SetGrouped groups the list by claim, or lists it in document order.
func (s *Session) SetGrouped(on bool) { s.grouped = on }

// List is the list as filtered, and grouped by claim when asked: the
// placed annotations of the filter's tag, in document order or each
// claim followed by what bears on it. It is made again only after a
// change, as a page renders it at each key. It points into the
// annotations, so it holds until the next change; callers must not
// change it.
func (s *Session) List() []annotation.Grouped {
	key := listKey{s.edits, s.filter, s.grouped, true}
	if s.listFor == key {
		return s.list
	}
	var out []annotation.Annotation
	// Pointers, not copies: an annotation is large, and copying thousands
	// after each change was most of a retag's time.
	s.list = make([]annotation.Grouped, 0, len(s.anns))
	for i := range s.anns {
		switch a := &s.anns[i]; {
		case !a.Placed() || s.filter != "" && a.Tag != s.filter:
		case s.grouped:
			out = append(out, *a)
		default:
			s.list = append(s.list, annotation.Grouped{Annotation: a})
		}
	}
	if s.grouped {
		s.list = annotation.GroupByClaim(out)
	}
	s.listFor = key
	return s.list
}

// listKey names what List was made from.
type listKey struct {
	edits   int
	filter  annotation.Tag
	grouped bool
	made    bool
}

// Shown is the annotations of List, in its order, which j and k follow.
func (s *Session) Shown() []annotation.Annotation {
	list := s.List()
	out := make([]annotation.Annotation, len(list))
	for i, g := range list {
		out[i] = *g.Annotation
	}
	return out
}
