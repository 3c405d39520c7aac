package argmap_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/argmap"
	"github.com/claimmark/claimmark/app/document"
)

var now = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)

// passages makes n annotations on a text of n sentences, tagged by tags
// in turn, each on its own sentence.
func passages(t testing.TB, n int, tags ...annotation.Tag) []annotation.Annotation {
	var b strings.Builder
	b.WriteString("Title\n\n")
	for i := range n {
		fmt.Fprintf(&b, "Sentence number %d says something. ", i)
	}
	d, err := document.New(b.String())
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(d.Text)
	as := make([]annotation.Annotation, n)
	at := 7
	for i := range n {
		s := fmt.Sprintf("Sentence number %d says something.", i)
		for string(runes[at:at+len(s)]) != s {
			at++
		}
		as[i] = annotation.New(d, tags[i%len(tags)], at, at+len(s), now)
		as[i].ID = fmt.Sprintf("a%04d", i)
		at += len(s)
	}
	return as
}

func link(as []annotation.Annotation, from, to int, r annotation.Relation) {
	as[from].Links = append(as[from].Links, annotation.Link{ID: fmt.Sprintf("l%d-%d", from, to), To: as[to].ID, Type: r, Created: now})
}

// checkLayout holds a map to the layout's rules: no two nodes overlap,
// and every edge goes down from its conclusion to its premise.
func checkLayout(t *testing.T, m argmap.Map) {
	t.Helper()
	layer := map[string]int{}
	for i, a := range m.Nodes {
		layer[a.ID] = a.Layer
		for _, b := range m.Nodes[i+1:] {
			if a.X < b.X+argmap.NodeWidth && b.X < a.X+argmap.NodeWidth && a.Y < b.Y+argmap.NodeHeight && b.Y < a.Y+argmap.NodeHeight {
				t.Fatalf("%s at (%v, %v) and %s at (%v, %v) overlap", a.ID, a.X, a.Y, b.ID, b.X, b.Y)
			}
		}
		if a.X+argmap.NodeWidth > m.Width || a.Y+argmap.NodeHeight > m.Height {
			t.Fatalf("%s lies outside the map", a.ID)
		}
	}
	for _, e := range m.Edges {
		if e.Up {
			continue
		}
		if layer[e.Conclusion] >= layer[e.Premise] || e.Y1 >= e.Y2 {
			t.Fatalf("edge %s goes from layer %d to %d, y %v to %v", e.ID, layer[e.Conclusion], layer[e.Premise], e.Y1, e.Y2)
		}
	}
}

func TestLayoutByHand(t *testing.T) {
	as := passages(t, 6, annotation.Claim, annotation.Evidence, annotation.Evidence, annotation.Prediction, annotation.Claim, annotation.Evidence)
	link(as, 1, 0, annotation.Supports)    // evidence 1 supports claim 0
	link(as, 2, 0, annotation.Undermines)  // evidence 2 undermines claim 0
	link(as, 3, 0, annotation.FollowsFrom) // prediction 3 follows from claim 0: 3 is above 0
	link(as, 2, 3, annotation.Supports)    // evidence 2 supports prediction 3
	// 4 and 5 are joined by nothing.
	m := argmap.Layout(as)
	checkLayout(t, m)
	got := map[string]int{}
	for _, n := range m.Nodes {
		got[n.ID] = n.Layer
	}
	want := map[string]int{"a0003": 0, "a0000": 1, "a0001": 2, "a0002": 2, "a0004": -1, "a0005": -1}
	for id, l := range want {
		if got[id] != l {
			t.Errorf("%s in layer %d, want %d", id, got[id], l)
		}
	}
	if len(m.Edges) != 4 {
		t.Errorf("%d edges", len(m.Edges))
	}
	tops, apart := argmap.Outline(as)
	if len(tops) != 1 || tops[0].ID != "a0003" || len(apart) != 2 {
		t.Fatalf("outline: %+v, apart %+v", tops, apart)
	}
	// Under the prediction: claim 0 (it follows from it) and evidence 2;
	// under the claim, 1 and 2 again.
	var lines []string
	var walk func(items []argmap.Item, depth int)
	walk = func(items []argmap.Item, depth int) {
		for _, it := range items {
			lines = append(lines, fmt.Sprintf("%s%s %s again=%v", strings.Repeat("  ", depth), it.ID, it.Relation, it.Again))
			walk(it.Under, depth+1)
		}
	}
	walk(tops, 0)
	want2 := "a0003  again=false|  a0000 follows-from again=false|    a0001 supports again=false|    a0002 undermines again=false|  a0002 supports again=true"
	if strings.Join(lines, "|") != want2 {
		t.Errorf("outline:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.ReplaceAll(want2, "|", "\n"))
	}
}

func TestLayoutCycle(t *testing.T) {
	as := passages(t, 3, annotation.Claim)
	link(as, 0, 1, annotation.Supports)
	link(as, 1, 2, annotation.Supports)
	link(as, 2, 0, annotation.Supports)
	m := argmap.Layout(as)
	checkLayout(t, m)
	up := 0
	for _, e := range m.Edges {
		if e.Up {
			up++
		}
	}
	if up != 1 || len(m.Edges) != 3 {
		t.Errorf("%d of %d edges drawn up, want 1 of 3", up, len(m.Edges))
	}
	tops, _ := argmap.Outline(as)
	if len(tops) != 1 {
		t.Errorf("a cycle has %d tops", len(tops))
	}
}

// TestLayoutOf50 lays out 50 passages joined at random, as a reader's
// argument might be, many times over.
func TestLayoutOf50(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		as := passages(t, 50, annotation.Claim, annotation.Evidence, annotation.Evidence, annotation.Prediction)
		for range 60 {
			from, to := r.IntN(50), r.IntN(50)
			fits := annotation.RelationsFitting(as[from].Tag, as[to].Tag)
			if from == to || len(fits) == 0 {
				continue
			}
			link(as, from, to, fits[r.IntN(len(fits))])
		}
		annotation.PruneLinks(as) // drops repeats
		m := argmap.Layout(as)
		checkLayout(t, m)
		if len(m.Edges) != annotation.CountLinks(as) || len(m.Nodes) != 50 {
			t.Fatalf("%d nodes and %d edges for %d links", len(m.Nodes), len(m.Edges), annotation.CountLinks(as))
		}
	}
}

func TestWrap(t *testing.T) {
	if got := argmap.Wrap("China is a major purchaser of Russian oil and is one of Russia’s key trade partners overall", 20, 3); strings.Join(got, "|") != "China is a major|purchaser of Russian|oil and is one of…" {
		t.Errorf("Wrap = %q", got)
	}
	if got := argmap.Wrap("short", 20, 3); strings.Join(got, "|") != "short" {
		t.Errorf("Wrap = %q", got)
	}
}

func BenchmarkLayout2000(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	as := passages(b, 2000, annotation.Claim, annotation.Evidence, annotation.Evidence, annotation.Prediction)
	for n := 0; n < 2000; {
		from, to := r.IntN(2000), r.IntN(2000)
		if fits := annotation.RelationsFitting(as[from].Tag, as[to].Tag); from != to && len(fits) > 0 {
			link(as, from, to, fits[0])
			n++
		}
	}
	annotation.PruneLinks(as)
	b.ResetTimer()
	for b.Loop() {
		argmap.Layout(as)
	}
}

func TestClip(t *testing.T) {
	b := argmap.Box{X0: 0, Y0: 0, X1: 100, Y1: 100}
	cases := []struct {
		name           string
		e              argmap.Edge
		x1, y1, x2, y2 float64
		to, ok         bool
	}{
		{"inside", argmap.Edge{X1: 10, Y1: 10, X2: 90, Y2: 90}, 10, 10, 90, 90, true, true},
		{"through", argmap.Edge{X1: -100, Y1: 50, X2: 300, Y2: 50}, 0, 50, 100, 50, false, true},
		{"arrow inside", argmap.Edge{X1: 50, Y1: 50, X2: 50, Y2: 1000}, 50, 50, 50, 100, true, true},
		{"diagonal", argmap.Edge{X1: -50, Y1: -50, X2: 50, Y2: 50}, 0, 0, 50, 50, false, true},
		{"beside", argmap.Edge{X1: 200, Y1: 0, X2: 200, Y2: 100}, 0, 0, 0, 0, false, false},
		{"past a corner", argmap.Edge{X1: 250, Y1: 0, X2: 0, Y2: 250}, 0, 0, 0, 0, false, false},
		{"along a side", argmap.Edge{X1: 0, Y1: -10, X2: 0, Y2: 10}, 0, 0, 0, 10, false, true},
	}
	for _, c := range cases {
		x1, y1, x2, y2, to, ok := c.e.Clip(b)
		if ok != c.ok || to != c.to || x1 != c.x1 || y1 != c.y1 || x2 != c.x2 || y2 != c.y2 {
			t.Errorf("%s: got (%g %g %g %g) to %v ok %v, want (%g %g %g %g) to %v ok %v", c.name, x1, y1, x2, y2, to, ok, c.x1, c.y1, c.x2, c.y2, c.to, c.ok)
		}
	}
}

func TestEverythingHoldsAnyMap(t *testing.T) {
	e := argmap.Edge{X1: -1e9, Y1: 5, X2: 1e9, Y2: 7}
	if x1, y1, x2, y2, to, ok := e.Clip(argmap.Everything); !ok || !to || x1 != e.X1 || y1 != e.Y1 || x2 != e.X2 || y2 != e.Y2 {
		t.Errorf("clipped to everything: (%g %g %g %g) to %v ok %v", x1, y1, x2, y2, to, ok)
	}
	b := argmap.Box{X0: 0, Y0: 0, X1: 100, Y1: 100}
	if !b.Overlaps(90, 90, 300, 300) || b.Overlaps(101, 0, 200, 50) || !argmap.Everything.Overlaps(1e12, 1e12, 1e12+1, 1e12+1) {
		t.Error("Overlaps is wrong")
	}
}
