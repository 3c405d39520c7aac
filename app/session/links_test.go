package session_test

import (
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/session"
)

// links lists a session's links as "from-quote relation to-quote".
func links(s *session.Session) []string {
	var out []string
	for _, a := range s.Annotations() {
		for _, l := range a.Links {
			to, _ := s.Find(l.To)
			out = append(out, a.Exact+" "+l.Type.Label()+" "+to.Exact)
		}
	}
	return out
}

func sameList(a, b []string) bool { return strings.Join(a, "|") == strings.Join(b, "|") }

func TestLinkRules(t *testing.T) {
	s, _ := newSession(t)
	claim := add(t, s, annotation.Claim, "China is a major purchaser")
	oil := add(t, s, annotation.Evidence, "Russian oil")
	grow := add(t, s, annotation.Prediction, "Trade will grow")
	say := add(t, s, annotation.Evidence, "Officials say so")

	if c := s.Link(oil.ID, claim.ID, annotation.Supports); len(c.Put) != 1 || len(c.Put[0].Links) != 1 {
		t.Fatalf("evidence supports claim wrote %+v", c)
	}
	if !strings.Contains(s.Message().Text, "supports") {
		t.Errorf("message %q", s.Message().Text)
	}
	refused := []struct {
		name     string
		from, to string
		r        annotation.Relation
		says     string
	}{
		{"itself", claim.ID, claim.ID, annotation.Supports, "itself"},
		{"again", oil.ID, claim.ID, annotation.Undermines, "already linked"},
		{"back again", claim.ID, oil.ID, annotation.Supports, "already linked"},
		{"evidence follows from evidence", say.ID, oil.ID, annotation.FollowsFrom, "only a prediction follows"},
		{"evidence supports evidence", say.ID, oil.ID, annotation.Supports, "evidence cannot support evidence"},
		{"prediction supports a claim", grow.ID, claim.ID, annotation.Supports, "a prediction cannot support a claim"},
		{"claim follows from evidence", claim.ID, say.ID, annotation.FollowsFrom, "a claim cannot follow from evidence"},
	}
	for _, tc := range refused {
		if c := s.Link(tc.from, tc.to, tc.r); !c.Empty() {
			t.Errorf("%s: wrote %+v", tc.name, c)
		}
		if m := s.Message(); m.Kind != session.Problem || !strings.Contains(strings.ToLower(m.Text), tc.says) {
			t.Errorf("%s: message %q, want a problem saying %q", tc.name, m.Text, tc.says)
		}
	}
	s.Link(grow.ID, claim.ID, annotation.FollowsFrom)
	s.Link(say.ID, grow.ID, annotation.Undermines)
	got := links(s)
	if !sameList(got, []string{"Russian oil supports China is a major purchaser", "Trade will grow follows from China is a major purchaser", "Officials say so undermines Trade will grow"}) {
		t.Errorf("links %q", got)
	}
	if err := annotation.CheckLinks(s.Annotations()); err != nil {
		t.Errorf("the session's links do not check: %v", err)
	}
	ends := s.LinksOf(claim.ID)
	if len(ends) != 2 || ends[0].Out || ends[1].Out {
		t.Errorf("links of the claim, both ways: %+v", ends)
	}
}

func TestDeleteTakesItsLinksAndUndoBringsThemBack(t *testing.T) {
	s, _ := newSession(t)
	claim := add(t, s, annotation.Claim, "China is a major purchaser")
	oil := add(t, s, annotation.Evidence, "Russian oil")
	say := add(t, s, annotation.Evidence, "Officials say so")
	grow := add(t, s, annotation.Prediction, "Trade will grow")
	s.Link(oil.ID, claim.ID, annotation.Supports)
	s.Link(say.ID, claim.ID, annotation.Undermines)
	s.Link(grow.ID, claim.ID, annotation.FollowsFrom)
	s.Link(say.ID, grow.ID, annotation.Supports)
	before := links(s)

	c := s.Delete([]string{claim.ID})
	if len(c.Delete) != 1 || len(c.Put) != 3 {
		t.Fatalf("delete wrote %d deletes and %d puts, want 1 and 3 (the annotations that linked to it)", len(c.Delete), len(c.Put))
	}
	if got := links(s); !sameList(got, []string{"Officials say so supports Trade will grow"}) {
		t.Errorf("after delete, links %q", got)
	}
	if m := s.Message().Text; !strings.Contains(m, "and 3 links") || !s.Message().Offers(session.Undo) {
		t.Errorf("delete says %q", m)
	}
	if err := annotation.CheckLinks(s.Annotations()); err != nil {
		t.Errorf("a link outlived its end: %v", err)
	}
	s.Undo()
	if got := links(s); !sameList(got, before) {
		t.Errorf("after undo, links %q, want %q", got, before)
	}
	s.Redo()
	if got := links(s); len(got) != 1 {
		t.Errorf("after redo, links %q", got)
	}
}

func TestLinkAndUnlinkUndo(t *testing.T) {
	s, _ := newSession(t)
	claim := add(t, s, annotation.Claim, "China is a major purchaser")
	oil := add(t, s, annotation.Evidence, "Russian oil")
	s.Link(oil.ID, claim.ID, annotation.Supports)
	if s.UndoLabel() != "Undo link of “Russian oil”" {
		t.Errorf("undo label %q", s.UndoLabel())
	}
	s.Undo()
	if len(links(s)) != 0 {
		t.Errorf("undo left %q", links(s))
	}
	s.Redo()
	l := s.LinksOf(oil.ID)
	if len(l) != 1 {
		t.Fatalf("redo: %+v", l)
	}
	s.Unlink(oil.ID, l[0].ID)
	if len(links(s)) != 0 || !s.Message().Offers(session.Undo) {
		t.Errorf("unlink left %q, said %q", links(s), s.Message().Text)
	}
	s.Undo()
	if len(links(s)) != 1 {
		t.Errorf("undo of unlink left %q", links(s))
	}
}

func TestRetagAsksBeforeRemovingLinks(t *testing.T) {
	s, _ := newSession(t)
	claim := add(t, s, annotation.Claim, "China is a major purchaser")
	oil := add(t, s, annotation.Evidence, "Russian oil")
	say := add(t, s, annotation.Evidence, "Officials say so")
	s.Link(oil.ID, claim.ID, annotation.Supports)
	s.Link(say.ID, claim.ID, annotation.Supports)
	before := links(s)

	// Evidence supporting evidence does not fit.
	if c := s.Retag([]string{claim.ID}, annotation.Evidence); !c.Empty() {
		t.Fatalf("retag wrote %+v before asking", c)
	}
	m := s.Message()
	if !m.Offers(session.RetagAnyway) || !strings.Contains(m.Text, "2 of its links") {
		t.Fatalf("retag asked %q (%v)", m.Text, m.Actions)
	}
	if got, _ := s.Find(claim.ID); got.Tag != annotation.Claim {
		t.Fatal("retagged before the answer")
	}
	c := s.ConfirmRetag()
	if len(c.Put) != 3 {
		t.Errorf("confirmed retag wrote %d annotations, want 3", len(c.Put))
	}
	if got, _ := s.Find(claim.ID); got.Tag != annotation.Evidence || len(links(s)) != 0 {
		t.Errorf("after the retag: %s, links %q", got.Tag, links(s))
	}
	if !strings.Contains(s.Message().Text, "Removed 2 links") {
		t.Errorf("said %q", s.Message().Text)
	}
	s.Undo()
	if got, _ := s.Find(claim.ID); got.Tag != annotation.Claim || !sameList(links(s), before) {
		t.Errorf("undo of the retag: %s, links %q", got.Tag, links(s))
	}
	// A retag the links still fit is made at once: a claim to a prediction.
	if c := s.Retag([]string{claim.ID}, annotation.Prediction); c.Empty() || len(links(s)) != 2 {
		t.Errorf("retag to prediction wrote %+v, links %q", c, links(s))
	}
	// Asking again after another change does nothing.
	if c := s.ConfirmRetag(); !c.Empty() {
		t.Errorf("a second confirm wrote %+v", c)
	}
}

func TestForecast(t *testing.T) {
	s, clk := newSession(t)
	grow := add(t, s, annotation.Prediction, "Trade will grow")
	claim := add(t, s, annotation.Claim, "China is a major purchaser")
	if c := s.SetForecast(claim.ID, annotation.Forecast{By: "2027"}); !c.Empty() || s.Message().Kind != session.Problem {
		t.Errorf("a claim took a forecast: %+v, %q", c, s.Message().Text)
	}
	s.SetForecast(grow.ID, annotation.Forecast{By: "2"})
	clk.pass(100e6)
	s.SetForecast(grow.ID, annotation.Forecast{By: "2027"})
	if s.UndoLabel() != "Undo forecast of “Trade will grow”" {
		t.Errorf("undo label %q", s.UndoLabel())
	}
	if c := s.SetForecast(grow.ID, annotation.Forecast{By: "2027", Probability: annotation.Percent(120)}); !c.Empty() {
		t.Errorf("120 %% was taken")
	}
	s.SetForecast(grow.ID, annotation.Forecast{By: "2027", Probability: annotation.Percent(88), Outcome: annotation.CameTrue})
	got, _ := s.Find(grow.ID)
	if got.OutcomeDate != "2026-12-01" || *got.Probability != 88 {
		t.Errorf("settled as %+v", got.Forecast)
	}
	s.Undo()
	got, _ = s.Find(grow.ID)
	if got.Outcome != annotation.Open || got.By != "2027" {
		t.Errorf("undo of the outcome left %+v", got.Forecast)
	}
	s.Undo() // the burst of typing "2", "2027"
	if got, _ = s.Find(grow.ID); !got.Forecast.IsZero() {
		t.Errorf("undo of the typing left %+v", got.Forecast)
	}
	s.Redo()
	// Retagging a prediction drops its forecast, and undo brings it back.
	s.Retag([]string{grow.ID}, annotation.Claim)
	if got, _ = s.Find(grow.ID); !got.Forecast.IsZero() || !strings.Contains(s.Message().Text, "went with its tag") {
		t.Errorf("retag kept %+v, said %q", got.Forecast, s.Message().Text)
	}
	s.Undo()
	if got, _ = s.Find(grow.ID); got.By != "2027" {
		t.Errorf("undo of the retag: %+v", got.Forecast)
	}
}

func TestImportLeavesOutLinksThatNoLongerFit(t *testing.T) {
	s, clk := newSession(t)
	claim := add(t, s, annotation.Claim, "China is a major purchaser")
	oil := add(t, s, annotation.Evidence, "Russian oil")
	clk.pass(time.Minute)
	// The file's copy of the claim was retagged as evidence later, and its
	// copy of the oil links to the claim as if it were still one.
	newer := claim
	newer.Tag, newer.Modified = annotation.Evidence, clk.now()
	linked := oil
	linked.Links = []annotation.Link{{ID: annotation.NewID(), To: claim.ID, Type: annotation.Supports, Created: clk.now()}}
	linked.Modified = clk.now()
	if _, err := s.Import([]annotation.Annotation{newer, linked}, false, "file.json"); err != nil {
		t.Fatal(err)
	}
	if len(links(s)) != 0 || !strings.Contains(s.Message().Text, "1 link no longer fit") {
		t.Errorf("links %q, said %q", links(s), s.Message().Text)
	}
	if err := annotation.CheckLinks(s.Annotations()); err != nil {
		t.Error(err)
	}
}

// TestEditsCountChanges: the count moves with every change to the
// annotations, undo and typing included, and with nothing else.
func TestEditsCountChanges(t *testing.T) {
	s, _ := newSession(t)
	n := s.Edits()
	step := func(what string, do func(), moves bool) {
		t.Helper()
		before := s.Edits()
		do()
		if got := s.Edits() != before; got != moves {
			t.Errorf("%s: the count moved %v, want %v", what, got, moves)
		}
	}
	claim := add(t, s, annotation.Claim, "China is a major purchaser")
	oil := add(t, s, annotation.Evidence, "Russian oil")
	if s.Edits() <= n {
		t.Fatalf("two adds left the count at %d", s.Edits())
	}
	step("link", func() { s.Link(oil.ID, claim.ID, annotation.Supports) }, true)
	step("typing", func() { s.SetNote(oil.ID, "a") }, true)
	step("more typing", func() { s.SetNote(oil.ID, "ab") }, true)
	step("undo", func() { s.Undo() }, true)
	step("select", func() { s.Select(claim.ID) }, false)
	step("filter", func() { s.SetFilter(annotation.Claim) }, false)
	step("group", func() { s.SetGrouped(true) }, false)
	step("a refused link", func() { s.Link(claim.ID, claim.ID, annotation.Supports) }, false)
	step("another tab", func() { s.Remote(s.Annotations()) }, true)
}

// TestListFollowsChanges: the list, kept between changes, shows each
// change, the filter and the grouping.
func TestListFollowsChanges(t *testing.T) {
	s, _ := newSession(t)
	quotes := func() string {
		var out []string
		for _, g := range s.List() {
			out = append(out, g.Exact)
		}
		return strings.Join(out, "|")
	}
	claim := add(t, s, annotation.Claim, "China is a major purchaser")
	oil := add(t, s, annotation.Evidence, "Russian oil")
	if got := quotes(); got != "China is a major purchaser|Russian oil" {
		t.Fatalf("list %q", got)
	}
	s.SetFilter(annotation.Evidence)
	if got := quotes(); got != "Russian oil" {
		t.Errorf("filtered list %q", got)
	}
	s.SetFilter("")
	s.Delete([]string{claim.ID})
	if got := quotes(); got != "Russian oil" {
		t.Errorf("list after delete %q", got)
	}
	s.Undo()
	s.Link(oil.ID, claim.ID, annotation.Supports)
	s.SetGrouped(true)
	if l := s.List(); len(l) != 2 || l[1].ID != oil.ID || l[1].Under != annotation.Supports {
		t.Errorf("grouped list %+v", l)
	}
}
