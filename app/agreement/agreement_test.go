package agreement_test

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/agreement"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

func near(a, b float64) bool { return math.Abs(a-b) < 0.0005 }

// Krippendorff's example of reliability data with four observers, twelve
// units and missing values ("Computing Krippendorff's Alpha-Reliability",
// 2011, section C): nominal alpha is 0.743.
func TestAlphaKrippendorffExample(t *testing.T) {
	const m = 0 // missing
	byUnit := [][4]int{
		{1, 1, m, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
		{4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {m, 5, 5, 5}, {m, m, 1, 1}, {m, m, 3, m},
	}
	values := make([][]int, 4)
	missing := make([][]bool, 4)
	for _, unit := range byUnit {
		for c, v := range unit {
			values[c] = append(values[c], v)
			missing[c] = append(missing[c], v == m)
		}
	}
	if a, ok := agreement.Alpha(values, missing); !ok || !near(a, 0.743) {
		t.Errorf("alpha = %.4f, %v; want 0.743", a, ok)
	}
}

// Worked by hand: two coders, four units, values a a / a b / b b / b b.
// Coincidences: o_aa = 2, o_ab = o_ba = 1, o_bb = 4; n_a = 3, n_b = 5,
// n = 8; alpha = 1 - (n-1) * 2 / (2 * n_a * n_b) = 1 - 7*2/30 = 0.5333.
func TestAlphaByHand(t *testing.T) {
	values := [][]string{{"a", "a", "b", "b"}, {"a", "b", "b", "b"}}
	if a, ok := agreement.Alpha(values, nil); !ok || !near(a, 1-14.0/30) {
		t.Errorf("alpha = %.4f, %v; want %.4f", a, ok, 1-14.0/30)
	}
}

func TestAlphaEdges(t *testing.T) {
	if _, ok := agreement.Alpha([][]string{{"a", "b", "a"}}, nil); ok {
		t.Error("alpha is defined for one coder")
	}
	if _, ok := agreement.Alpha([][]string{{"", "", ""}, {"", "", ""}}, nil); ok {
		t.Error("alpha is defined when nobody tagged anything")
	}
	if a, ok := agreement.Alpha([][]string{{"a", "b", "a"}, {"a", "b", "a"}, {"a", "b", "a"}}, nil); !ok || a != 1 {
		t.Errorf("total agreement: alpha = %v, %v; want 1", a, ok)
	}
	if a, ok := agreement.Alpha([][]string{{"a", "b"}, {"b", "a"}}, nil); !ok || a >= 0 {
		t.Errorf("total disagreement: alpha = %v, %v; want below 0", a, ok)
	}
}

// The kappa example of Cohen's kappa's textbook presentation: 50 items,
// both yes 20, A yes B no 5, A no B yes 10, both no 15: p_o = 0.7,
// p_e = 0.5, kappa = 0.4.
func TestKappaTextbook(t *testing.T) {
	var a, b []string
	add := func(n int, x, y string) {
		for range n {
			a, b = append(a, x), append(b, y)
		}
	}
	add(20, "yes", "yes")
	add(5, "yes", "no")
	add(10, "no", "yes")
	add(15, "no", "no")
	if k, ok := agreement.Kappa(a, b); !ok || !near(k, 0.4) {
		t.Errorf("kappa = %.4f, %v; want 0.4", k, ok)
	}
	if k, ok := agreement.Kappa(a, a); !ok || k != 1 {
		t.Errorf("kappa with itself = %v, %v", k, ok)
	}
	if _, ok := agreement.Kappa([]string{"x", "x"}, []string{"x", "x"}); ok {
		t.Error("kappa defined when chance agreement is certain")
	}
}

func doc(t *testing.T) *document.Document {
	t.Helper()
	d, err := document.New("Title\n\nRussia's oil flows east. China buys it, state-run firms say.")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func span(t *testing.T, d *document.Document, tag annotation.Tag, phrase string) annotation.Annotation {
	t.Helper()
	rs := d.Runes()
	for i := range rs {
		if string(rs[i:min(len(rs), i+len([]rune(phrase)))]) == phrase {
			return annotation.New(d, tag, i, i+len([]rune(phrase)), time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
		}
	}
	t.Fatalf("no %q", phrase)
	return annotation.Annotation{}
}

func TestWordsAndValues(t *testing.T) {
	d := doc(t)
	var got []string
	words := agreement.Words(d)
	for _, w := range words {
		got = append(got, d.Slice(w.Start, w.End))
	}
	want := []string{"Title", "Russia's", "oil", "flows", "east", "China", "buys", "it", "state-run", "firms", "say"}
	if !slices.Equal(got, want) {
		t.Fatalf("words %q", got)
	}
	// The shorter passage gives its tag; a passage touching part of a
	// word covers it.
	vs := agreement.Values(words, []annotation.Annotation{
		span(t, d, annotation.Claim, "Russia's oil flows east. China buys it"),
		span(t, d, annotation.Evidence, "China buys"),
		span(t, d, annotation.Prediction, "run"),
	})
	wantV := []annotation.Tag{"", "claim", "claim", "claim", "claim", "evidence", "evidence", "claim", "prediction", "", ""}
	if !slices.Equal(vs, wantV) {
		t.Errorf("values %q", vs)
	}
}

func TestScore(t *testing.T) {
	d := doc(t)
	key := []annotation.Annotation{
		span(t, d, annotation.Claim, "Russia's oil flows east."),
		span(t, d, annotation.Evidence, "China buys it"),
	}
	student := []annotation.Annotation{
		span(t, d, annotation.Claim, "Russia's oil flows"), // 18 of 24: matches
		span(t, d, annotation.Claim, "oil flows east."),    // the key passage is taken
		span(t, d, annotation.Prediction, "China buys it"), // another tag
		span(t, d, annotation.Evidence, "firms say"),       // no overlap
	}
	s := agreement.Score(student, key)
	if s.Matched != 1 || !near(s.Precision, 0.25) || !near(s.Recall, 0.5) || !near(s.F1, 1.0/3) {
		t.Errorf("scores %+v", s)
	}
	if s := agreement.Score(nil, nil); !math.IsNaN(s.Precision) || !math.IsNaN(s.Recall) || !math.IsNaN(s.F1) {
		t.Errorf("no passages: %+v", s)
	}
	// Half of the longer is enough; less is not.
	a := span(t, d, annotation.Claim, "oil flows east")
	if !agreement.Matches(span(t, d, annotation.Claim, "oil flo"), a) || agreement.Matches(span(t, d, annotation.Claim, "oil fl"), a) {
		t.Error("the half-overlap rule")
	}
}

func TestCompare(t *testing.T) {
	d := doc(t)
	key := []annotation.Annotation{span(t, d, annotation.Claim, "Russia's oil flows east.")}
	readers := []agreement.Reader{
		{Name: "Ana", Annotations: []annotation.Annotation{span(t, d, annotation.Claim, "Russia's oil flows east.")}},
		{Name: "Ben", Annotations: []annotation.Annotation{span(t, d, annotation.Claim, "Russia's oil flows east.")}},
		{Name: "Cy", Annotations: []annotation.Annotation{span(t, d, annotation.Evidence, "China buys it")}},
	}
	c := agreement.Compare(d, readers, key)
	if len(c.Rows) != 3 || c.Rows[0].Scores.F1 != 1 || c.Rows[2].Scores.Matched != 0 || c.Rows[2].Counts[annotation.Evidence] != 1 {
		t.Errorf("rows %+v", c.Rows)
	}
	if k := c.Pairs[0].Kappa; c.Pairs[0].A != "Ana" || c.Pairs[0].B != "Ben" || !k.Defined || k.Value != 1 {
		t.Errorf("pairs %+v", c.Pairs)
	}
	if a := c.Alpha[annotation.Prediction]; a.Defined {
		t.Errorf("alpha on prediction, which nobody used: %+v", a)
	}
	if a := c.Alpha[agreement.None]; !a.Defined || a.Value >= 1 || a.Value <= -1 {
		t.Errorf("overall alpha %+v", a)
	}
	// Heat: "oil" tagged claim by Ana and Ben; "buys" evidence by Cy.
	var oil, buys *agreement.Word
	for i, w := range c.Words {
		switch d.Slice(w.Start, w.End) {
		case "oil":
			oil = &c.Words[i]
		case "buys":
			buys = &c.Words[i]
		}
	}
	if oil == nil || !slices.Equal(oil.By[annotation.Claim], []string{"Ana", "Ben"}) || buys == nil || !slices.Equal(buys.By[annotation.Evidence], []string{"Cy"}) {
		t.Errorf("heat %+v %+v", oil, buys)
	}
}

// TestScoreLinksByHand: the key links its evidence to its claim (supports)
// and the claim to the prediction (the prediction follows from it).
func TestScoreLinksByHand(t *testing.T) {
	d := doc(t)
	link := func(from *annotation.Annotation, to annotation.Annotation, r annotation.Relation) {
		from.Links = append(from.Links, annotation.Link{ID: annotation.NewID(), To: to.ID, Type: r, Created: from.Created})
	}
	kc, ke, kp := span(t, d, annotation.Claim, "Russia's oil flows east."), span(t, d, annotation.Evidence, "China buys it"), span(t, d, annotation.Prediction, "state-run firms say")
	link(&ke, kc, annotation.Supports)
	link(&kp, kc, annotation.FollowsFrom)
	key := []annotation.Annotation{kc, ke, kp}

	// The student's ends match the key's by the passage rule: a claim a
	// little shorter, the same evidence, the same prediction.
	sc, se, sp := span(t, d, annotation.Claim, "Russia's oil flows"), span(t, d, annotation.Evidence, "China buys it"), span(t, d, annotation.Prediction, "state-run firms say")
	link(&se, sc, annotation.Supports)    // matches the key's first link
	link(&sp, se, annotation.FollowsFrom) // the key has no such link
	s := agreement.ScoreLinks([]annotation.Annotation{sc, se, sp}, key)
	if s.Matched != 1 || s.Passages != 2 || s.Key != 2 || !near(s.Precision, 0.5) || !near(s.Recall, 0.5) || !near(s.F1, 0.5) {
		t.Errorf("scores %+v", s)
	}
	// The same ends with another relation do not match.
	se.Links[0].Type = annotation.Undermines
	if s := agreement.ScoreLinks([]annotation.Annotation{sc, se}, key); s.Matched != 0 || s.Passages != 1 {
		t.Errorf("another relation: %+v", s)
	}
	// Ends that match the wrong key passages do not match: the student's
	// claim is on the evidence's words.
	wrong := span(t, d, annotation.Claim, "China buys it")
	se2 := span(t, d, annotation.Evidence, "Russia's oil flows east.")
	link(&se2, wrong, annotation.Supports)
	if s := agreement.ScoreLinks([]annotation.Annotation{wrong, se2}, key); s.Matched != 0 {
		t.Errorf("ends on other passages: %+v", s)
	}
	// Both sides' links are all counted once: two student links onto the
	// one key link match it once.
	a, b := span(t, d, annotation.Evidence, "China buys"), span(t, d, annotation.Evidence, "China buys it")
	link(&a, sc, annotation.Supports)
	link(&b, sc, annotation.Supports)
	if s := agreement.ScoreLinks([]annotation.Annotation{sc, a, b}, key); s.Matched != 1 || s.Passages != 2 {
		t.Errorf("two onto one: %+v", s)
	}
}
