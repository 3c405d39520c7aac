package session_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/session"
)

const text = "A title\n\nChina is a major purchaser of Russian oil. Trade will grow. Officials say so."

// clock is a session's time, moved on by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time       { return c.t }
func (c *clock) pass(d time.Duration) { c.t = c.t.Add(d) }
func span(s string) (start, end int) {
	i := strings.Index(text, s)
	start = len([]rune(text[:i]))
	return start, start + len([]rune(s))
}

func newSession(t *testing.T) (*session.Session, *clock) {
	t.Helper()
	d, err := document.New(text)
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	return session.New(d, nil, c.now), c
}

func tags(s *session.Session) []string {
	var out []string
	for _, a := range s.Annotations() {
		out = append(out, string(a.Tag)+" "+a.Exact)
	}
	return out
}

func add(t *testing.T, s *session.Session, tag annotation.Tag, phrase string) annotation.Annotation {
	t.Helper()
	start, end := span(phrase)
	c := s.Add(tag, start, end)
	if len(c.Put) != 1 {
		t.Fatalf("Add %q wrote %+v", phrase, c)
	}
	return c.Put[0]
}

func TestTagKey(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(*session.Session)
		hasSpan bool
		want    []string
		message string
	}{
		{"a span is tagged", nil, true, []string{"claim Trade will grow."}, "Claim added."},
		{"no span, nothing selected: only a word", nil, false, nil, "Select a passage first, then tag it."},
		{"no span, an annotation selected: it is retagged", func(s *session.Session) {
			start, end := span("Trade will grow.")
			s.Add(annotation.Prediction, start, end)
		}, false, []string{"claim Trade will grow."}, "Tagged “Trade will grow.” as Claim."},
		{"no span, the selection cleared by a click on plain text", func(s *session.Session) {
			start, end := span("Trade will grow.")
			s.Add(annotation.Prediction, start, end)
			s.ClearSelection()
		}, false, []string{"prediction Trade will grow."}, "Select a passage first, then tag it."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newSession(t)
			if tt.setup != nil {
				tt.setup(s)
			}
			start, end := span("Trade will grow.")
			s.Tag(annotation.Claim, start, end, tt.hasSpan)
			if got := tags(s); !slices.Equal(got, tt.want) {
				t.Errorf("annotations %q, want %q", got, tt.want)
			}
			if got := s.Message().Text; got != tt.message {
				t.Errorf("message %q, want %q", got, tt.message)
			}
		})
	}
}

func TestOverlapAndOrder(t *testing.T) {
	s, _ := newSession(t)
	add(t, s, annotation.Evidence, "Officials say so.")
	add(t, s, annotation.Claim, "China is a major purchaser of Russian oil. Trade will grow.")
	add(t, s, annotation.Prediction, "Trade will grow.")
	want := []string{"claim China is a major purchaser of Russian oil. Trade will grow.", "prediction Trade will grow.", "evidence Officials say so."}
	if got := tags(s); !slices.Equal(got, want) {
		t.Errorf("annotations %q, want %q in document order", got, want)
	}
	if got := s.Selected(); len(got) != 1 || got[0] != s.Annotations()[1].ID {
		t.Errorf("selected %v, want the one just added", got)
	}
	if c := s.Add(annotation.Claim, 5, 5); !c.Empty() || s.Message().Kind != session.Problem {
		t.Errorf("an empty span: %+v, %+v", c, s.Message())
	}
}

// Each kind of change is undone and redone, each undo writing what puts
// storage back, stamped later than what it replaces.
func TestUndoRedoEveryChange(t *testing.T) {
	tests := []struct {
		name   string
		change func(*session.Session, *clock)
		label  string
	}{
		{"tag", func(s *session.Session, _ *clock) { add(t, s, annotation.Claim, "Officials say so.") }, "tag of “Officials say so.”"},
		{"retag", func(s *session.Session, _ *clock) { s.Retag([]string{s.Annotations()[0].ID}, annotation.Evidence) }, "retag of “Trade will grow.”"},
		{"note", func(s *session.Session, _ *clock) { s.SetNote(s.Annotations()[0].ID, "why") }, "note on “Trade will grow.”"},
		{"delete", func(s *session.Session, _ *clock) { s.Delete([]string{s.Annotations()[0].ID}) }, "delete of “Trade will grow.”"},
		{"attach", func(s *session.Session, _ *clock) {
			start, end := span("Officials say so.")
			s.Attach(s.Annotations()[0].ID, start, end)
		}, "attach of “Trade will grow.”"},
		{"import", func(s *session.Session, c *clock) {
			d := s.Doc()
			start, end := span("Officials say so.")
			s.Import([]annotation.Annotation{annotation.New(d, annotation.Evidence, start, end, c.now())}, false, "x.json")
		}, "import of x.json"},
		{"replace", func(s *session.Session, c *clock) {
			start, end := span("Officials say so.")
			s.Import([]annotation.Annotation{annotation.New(s.Doc(), annotation.Evidence, start, end, c.now())}, true, "x.json")
		}, "import of x.json"},
		{"restore", func(s *session.Session, _ *clock) { s.Restore(nil, "restore of a snapshot") }, "restore of a snapshot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c := newSession(t)
			first := add(t, s, annotation.Prediction, "Trade will grow.")
			before := slices.Clone(s.Annotations())
			wantBefore := tags(s)
			c.pass(time.Minute)
			tt.change(s, c)
			after := slices.Clone(s.Annotations())
			wantAfter := tags(s)
			if annotation.EqualAll(before, after) {
				t.Fatal("the change changed nothing")
			}
			if got := s.UndoLabel(); got != "Undo "+tt.label {
				t.Errorf("UndoLabel %q, want %q", got, "Undo "+tt.label)
			}
			c.pass(time.Minute)
			undo := s.Undo()
			if !sameContent(s.Annotations(), before) {
				t.Errorf("after undo %q, want %q", tags(s), wantBefore)
			}
			for _, a := range undo.Put {
				if !a.Modified.After(first.Modified) {
					t.Errorf("undo wrote %s modified %v, not after the change", a.ID, a.Modified)
				}
			}
			if got := s.RedoLabel(); got != "Redo "+tt.label {
				t.Errorf("RedoLabel %q", got)
			}
			c.pass(time.Minute)
			s.Redo()
			if !sameContent(s.Annotations(), after) {
				t.Errorf("after redo %q, want %q", tags(s), wantAfter)
			}
			if !strings.HasPrefix(s.Message().Text, "Redid the ") {
				t.Errorf("message %q", s.Message().Text)
			}
		})
	}
}

// sameContent compares annotations but for their modification times,
// which undo moves on.
func sameContent(a, b []annotation.Annotation) bool {
	return slices.EqualFunc(a, b, func(x, y annotation.Annotation) bool { x.Modified = y.Modified; return x.Equal(&y) })
}

func TestDeleteTwoUndoBothRedo(t *testing.T) {
	s, _ := newSession(t)
	a := add(t, s, annotation.Claim, "China is a major purchaser of Russian oil.")
	b := add(t, s, annotation.Evidence, "Officials say so.")
	s.Delete([]string{a.ID})
	if m := s.Message(); m.Text != "Deleted “China is a … Russian oil.”" || !m.Offers(session.Undo) || m.Fades() {
		t.Errorf("message %+v", m)
	}
	s.Delete([]string{b.ID})
	s.Undo()
	s.Undo()
	if got := tags(s); len(got) != 2 {
		t.Fatalf("after two undos %q", got)
	}
	s.Redo()
	if got := tags(s); len(got) != 1 || got[0] != "evidence Officials say so." {
		t.Errorf("after a redo %q", got)
	}
	s.Redo()
	if got := tags(s); len(got) != 0 {
		t.Errorf("after two redos %q", got)
	}
	if s.Redo(); s.Message().Text != "Nothing to redo." {
		t.Errorf("message %q", s.Message().Text)
	}
}

func TestHistoryHoldsAtLeastAHundred(t *testing.T) {
	s, _ := newSession(t)
	a := add(t, s, annotation.Claim, "Trade will grow.")
	for i := range 150 {
		s.Retag([]string{a.ID}, annotation.Tags[i%2+1])
		s.Retag([]string{a.ID}, annotation.Claim)
	}
	n := 0
	for s.UndoLabel() != "" {
		s.Undo()
		n++
	}
	if n != session.MaxHistory {
		t.Errorf("%d steps undone, want %d", n, session.MaxHistory)
	}
}

func TestNoteBursts(t *testing.T) {
	s, c := newSession(t)
	a := add(t, s, annotation.Claim, "Trade will grow.")
	for _, note := range []string{"w", "wh", "why"} {
		c.pass(300 * time.Millisecond)
		s.SetNote(a.ID, note)
	}
	c.pass(session.NoteBurst + time.Second)
	s.SetNote(a.ID, "why not")
	s.Undo()
	if got, _ := s.Find(a.ID); got.Note != "why" {
		t.Errorf("after one undo the note is %q, want the first burst's %q", got.Note, "why")
	}
	s.Undo()
	if got, _ := s.Find(a.ID); got.Note != "" {
		t.Errorf("after two undos the note is %q", got.Note)
	}
	long := strings.Repeat("é", annotation.MaxNoteLen+5)
	s.SetNote(a.ID, long)
	if got, _ := s.Find(a.ID); len([]rune(got.Note)) != annotation.MaxNoteLen || s.Message().Kind != session.Problem {
		t.Errorf("a note past the limit: %d characters, message %+v", len([]rune(got.Note)), s.Message())
	}
}

func TestLimitsAndReadOnly(t *testing.T) {
	s, c := newSession(t)
	d := s.Doc()
	many := make([]annotation.Annotation, annotation.MaxPerText)
	for i := range many {
		many[i] = annotation.New(d, annotation.Claim, 10, 15, c.now())
	}
	if _, err := s.Import(many, false, "many.json"); err != nil {
		t.Fatal(err)
	}
	start, end := span("Trade will grow.")
	if ch := s.Add(annotation.Claim, start, end); !ch.Empty() || !strings.Contains(s.Message().Text, "as many as claimmark keeps") {
		t.Errorf("one past the limit: %+v, %q", ch, s.Message().Text)
	}
	if _, err := s.Import(many[:1], false, "more.json"); err != nil {
		t.Errorf("a merge of ids already there is within the limit: %v", err)
	}
	if _, err := s.Import([]annotation.Annotation{annotation.New(d, annotation.Claim, 10, 15, c.now())}, false, "one.json"); err == nil {
		t.Error("a merge past the limit was taken")
	}

	s, _ = newSession(t)
	a := add(t, s, annotation.Claim, "Trade will grow.")
	s.SetReadOnly("A newer version of claimmark is open in another tab.")
	for name, change := range map[string]func() session.Change{
		"add":    func() session.Change { return s.Add(annotation.Claim, start, end) },
		"retag":  func() session.Change { return s.Retag([]string{a.ID}, annotation.Evidence) },
		"note":   func() session.Change { return s.SetNote(a.ID, "x") },
		"delete": func() session.Change { return s.Delete([]string{a.ID}) },
		"undo":   s.Undo,
	} {
		if ch := change(); !ch.Empty() || s.Message().Kind != session.Problem || !strings.Contains(s.Message().Text, "newer version") {
			t.Errorf("%s while read-only: %+v, %+v", name, ch, s.Message())
		}
	}
}

// Undo never writes over what another tab changed since.
func TestUndoKeepsAnotherTabsChange(t *testing.T) {
	s, c := newSession(t)
	a := add(t, s, annotation.Claim, "Trade will grow.")
	b := add(t, s, annotation.Evidence, "Officials say so.")
	s.Retag([]string{a.ID, b.ID}, annotation.Prediction)
	// Another tab gives b a note.
	c.pass(time.Minute)
	theirs := slices.Clone(s.Annotations())
	for i := range theirs {
		if theirs[i].ID == b.ID {
			theirs[i].Note, theirs[i].Modified = "from the other tab", c.now()
		}
	}
	s.Remote(theirs)
	ch := s.Undo()
	if len(ch.Put) != 1 || ch.Put[0].ID != a.ID || ch.Put[0].Tag != annotation.Claim {
		t.Errorf("undo wrote %+v, want a back as a claim alone", ch)
	}
	if got, _ := s.Find(b.ID); got.Note != "from the other tab" || got.Tag != annotation.Prediction {
		t.Errorf("b after undo: %+v", got)
	}
	if !strings.Contains(s.Message().Text, "1 annotation changed in another tab since was kept") {
		t.Errorf("message %q", s.Message().Text)
	}
}

func TestMessages(t *testing.T) {
	s, _ := newSession(t)
	s.Say("Claim added.")
	if !s.Message().Fades() {
		t.Error("a confirmation does not fade")
	}
	s.Say("Deleted.", session.Undo)
	if s.Message().Fades() {
		t.Error("a message with an action fades")
	}
	s.Fail("Not saved.", session.Retry, session.ExportNow)
	if m := s.Message(); m.Fades() || m.Kind != session.Problem || !m.Offers(session.Retry) || m.Offers(session.Undo) {
		t.Errorf("problem %+v", m)
	}
	s.Dismiss()
	if s.Message().Text != "" {
		t.Error("dismissed, yet a message")
	}
}

// TestManyEditsInOneStep writes a step that deletes, changes and adds
// hundreds of annotations at once, as a replacing import does, and takes
// it back: every annotation is where Find looks for it, in document order.
func TestManyEditsInOneStep(t *testing.T) {
	d, err := document.New(strings.Repeat("Trade will grow and officials say so. ", 100))
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	s := session.New(d, nil, c.now)
	for i := 0; i+5 <= d.Len(); i += 6 {
		s.Add(annotation.Claim, i, i+5)
	}
	before := slices.Clone(s.Annotations())
	var next []annotation.Annotation
	for i, a := range before {
		switch i % 3 {
		case 0: // deleted
		case 1:
			a.Tag = annotation.Evidence
			a.Modified = a.Modified.Add(time.Second)
			next = append(next, a)
		case 2:
			next = append(next, a)
			a.ID = annotation.NewID()
			a.Start, a.End = a.Start+1, a.End+1
			a.Exact = string([]rune(d.Text)[a.Start:a.End])
			next = append(next, a)
		}
	}
	if _, err := s.Import(next, true, "a file"); err != nil {
		t.Fatal(err)
	}
	holds := func(when string, want []annotation.Annotation) {
		t.Helper()
		got := s.Annotations()
		if len(got) != len(want) {
			t.Fatalf("%s: %d annotations, want %d", when, len(got), len(want))
		}
		for i := range got {
			if i > 0 && annotation.Compare(got[i-1], got[i]) > 0 {
				t.Fatalf("%s: %d and %d out of order", when, i-1, i)
			}
		}
		for _, w := range want {
			a, ok := s.Find(w.ID)
			if !ok || a.Tag != w.Tag || a.Start != w.Start {
				t.Fatalf("%s: Find(%s) = %+v, %v; want %+v", when, w.ID, a, ok, w)
			}
		}
	}
	holds("after the import", next)
	s.Undo()
	holds("after undo", before)
	for _, a := range next {
		added := !slices.ContainsFunc(before, func(b annotation.Annotation) bool { return b.ID == a.ID })
		if _, ok := s.Find(a.ID); added && ok {
			t.Fatalf("after undo, the added %s is still found", a.ID)
		}
	}
	s.Redo()
	holds("after redo", next)
}

// TestMarksCountWhatTheTextShows checks that a note leaves the count of
// changes to what the text shows, and that the rest move it.
func TestMarksCountWhatTheTextShows(t *testing.T) {
	s, c := newSession(t)
	steps := []struct {
		name  string
		do    func()
		moves bool
	}{
		{"tag", func() { add(t, s, annotation.Claim, "Trade will grow.") }, true},
		{"note", func() { s.SetNote(s.Selected()[0], "Why?") }, false},
		{"more of the same note", func() { s.SetNote(s.Selected()[0], "Why? Who says?") }, false},
		{"undo of the note", func() { c.pass(time.Minute); s.Undo() }, false},
		{"retag", func() { s.Retag(s.Selected(), annotation.Evidence) }, true},
		{"undo of the retag", func() { s.Undo() }, true},
		{"delete", func() { s.Delete(s.Selected()) }, true},
		{"undo of the delete", func() { s.Undo() }, true},
		{"more evidence", func() { add(t, s, annotation.Evidence, "Officials say so.") }, true},
		{"a link", func() {
			as := s.Annotations()
			s.Link(as[1].ID, as[0].ID, annotation.Supports)
		}, true},
		{"another tab's annotations", func() { s.Remote(slices.Clone(s.Annotations())) }, true},
	}
	for _, st := range steps {
		before, edits := s.Marks(), s.Edits()
		st.do()
		if s.Edits() == edits {
			t.Fatalf("%s changed nothing", st.name)
		}
		if moved := s.Marks() != before; moved != st.moves {
			t.Errorf("%s: marks moved %v, want %v", st.name, moved, st.moves)
		}
	}
}

// TestFindFollowsPlaces checks that each annotation is found where it is
// after each kind of change: the places of the annotations are kept from
// one change to the next when no annotation moved, so a change that moves
// one and keeps them would find the wrong one.
func TestFindFollowsPlaces(t *testing.T) {
	s, c := newSession(t)
	oil := add(t, s, annotation.Claim, "major purchaser of Russian oil")
	grow := add(t, s, annotation.Evidence, "Trade will grow")
	add(t, s, annotation.Prediction, "Officials say so")
	check := func(step string) {
		t.Helper()
		for i, a := range s.Annotations() {
			got, ok := s.Find(a.ID)
			if !ok || !got.Equal(&s.Annotations()[i]) {
				t.Fatalf("after %s, Find(%s) = %+v, %v; want the annotation at %d", step, a.ID, got, ok, i)
			}
		}
		if _, ok := s.Find("none"); ok {
			t.Fatalf("after %s, Find found an id that is not there", step)
		}
	}
	check("adding")
	s.Retag([]string{oil.ID}, annotation.Evidence)
	check("a retag")
	// Moving the first past the others changes every place.
	start, end := span("Officials say so.")
	c.pass(time.Second)
	s.Attach(oil.ID, start, end)
	if s.Annotations()[0].ID == oil.ID {
		t.Fatalf("the moved annotation is still first: %v", tags(s))
	}
	check("moving one past the others")
	s.Undo()
	check("an undo of the move")
	s.Redo()
	check("its redo")
	s.Delete([]string{grow.ID})
	check("a deletion")
	s.SetNote(oil.ID, "why")
	check("a note")
	s.Undo()
	s.Undo()
	check("two undos")
}

// TestFindAfterManyChanges makes a thousand changes of every kind, chosen
// at random, and checks after each that every annotation is found where
// it is.
func TestFindAfterManyChanges(t *testing.T) {
	s, c := newSession(t)
	rng := rand.New(rand.NewPCG(1, 2))
	n := s.Doc().Len()
	pick := func() []string {
		as := s.Annotations()
		if len(as) == 0 {
			return nil
		}
		ids := []string{as[rng.IntN(len(as))].ID}
		if rng.IntN(4) == 0 {
			ids = append(ids, as[rng.IntN(len(as))].ID)
		}
		return ids
	}
	for step := range 1000 {
		c.pass(time.Duration(rng.IntN(3)) * time.Millisecond)
		start := rng.IntN(n - 1)
		end := start + 1 + rng.IntN(min(12, n-start-1)+1)
		end = min(end, n)
		switch k := rng.IntN(7); {
		case k == 0 || len(s.Annotations()) < 3:
			s.Add(annotation.Tags[rng.IntN(len(annotation.Tags))], start, end)
		case k == 1:
			s.Retag(pick(), annotation.Tags[rng.IntN(len(annotation.Tags))])
			s.ConfirmRetag()
		case k == 2:
			s.Delete(pick())
		case k == 3:
			if ids := pick(); ids != nil {
				s.Attach(ids[0], start, end)
			}
		case k == 4:
			s.Undo()
		case k == 5:
			s.Redo()
		case k == 6:
			if ids := pick(); ids != nil {
				s.SetNote(ids[0], fmt.Sprint(step))
			}
		}
		as := s.Annotations()
		for i := range as {
			got, ok := s.Find(as[i].ID)
			if !ok || !got.Equal(&as[i]) {
				t.Fatalf("step %d: Find(%s) = %v, %v; want the annotation at %d of %d", step, as[i].ID, got.ID, ok, i, len(as))
			}
			if i > 0 && annotation.Compare(as[i-1], as[i]) >= 0 {
				t.Fatalf("step %d: annotations %d and %d out of order", step, i-1, i)
			}
		}
	}
}
