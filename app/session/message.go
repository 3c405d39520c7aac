package session

import (
	"slices"
	"strings"
	"unicode"

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

// ClearSelection selects no annotation, as a click on plain text does.
func (s *Session) ClearSelection() { s.selected = nil }

// Filter is the tag the list shows, or "" for all.
func (s *Session) Filter() annotation.Tag { return s.filter }

// SetFilter shows the annotations of one tag in the list, or all with "".
func (s *Session) SetFilter(t annotation.Tag) { s.filter = t }

// Shown is the list as filtered: the placed annotations of the filter's
// tag, in document order.
func (s *Session) Shown() []annotation.Annotation {
	var out []annotation.Annotation
	for _, a := range s.anns {
		if a.Placed() && (s.filter == "" || a.Tag == s.filter) {
			out = append(out, a)
		}
	}
	return out
}

// Excerpt shortens s to about n code points by dropping its middle, cut
// at word boundaries, with an ellipsis: never in the middle of a word,
// unless a single word is longer than half of n.
func Excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	head, tail := (n-1)/2, n-1-(n-1)/2
	h := head
	for h > 0 && !unicode.IsSpace(r[h]) {
		h--
	}
	if h == 0 {
		h = head
	}
	t := len(r) - tail
	for t < len(r) && !unicode.IsSpace(r[t-1]) {
		t++
	}
	if t == len(r) {
		t = len(r) - tail
	}
	return strings.TrimRightFunc(string(r[:h]), unicode.IsSpace) + " … " + strings.TrimLeftFunc(string(r[t:]), unicode.IsSpace)
}
