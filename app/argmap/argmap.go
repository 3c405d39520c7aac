// Package argmap lays out a text's argument as a graph: its passages as
// nodes, its links as edges from what gives a reason (the premise) to
// what it bears on (the conclusion). The layout is layered: the main
// claims, which bear on nothing, on top, and each passage in the layer
// below the lowest of its conclusions, so that every edge goes down from
// a conclusion to its premise and evidence hangs under what it supports
// or undermines. Within a layer, passages are ordered by the mean place
// of their conclusions above, then by the order of the text. Passages
// that no link joins are laid apart, in a column to the right.
//
// A link's premise is the passage it comes from, but for follows-from,
// where it is the passage it goes to: a prediction is the conclusion of
// the claim or evidence it follows from.
package argmap

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/claimmark/claimmark/app/annotation"
)

// Sizes of the layout, in SVG user units.
const (
	NodeWidth  = 220.0
	NodeHeight = 72.0
	GapX       = 28.0
	GapY       = 56.0
	Margin     = 16.0
	// LineLen is how many characters a line of a node's label holds, and
	// Lines how many lines it shows.
	LineLen = 30
	Lines   = 3
)

// Node is a passage on the map.
type Node struct {
	ID     string
	Tag    annotation.Tag
	Lines  []string // its quote, wrapped and cut to Lines
	Layer  int      // 0 on top; -1 for a passage no link joins
	X, Y   float64  // its top left corner
	Linked bool
}

// Edge is a link on the map, from the conclusion above to the premise
// below: its ends are the bottom middle of the one and the top middle of
// the other.
type Edge struct {
	ID                  string
	Premise, Conclusion string
	Relation            annotation.Relation
	X1, Y1, X2, Y2      float64 // from the conclusion to the premise
	// Up is set for a link that closes a cycle (A supports B supports C
	// supports A): it cannot go down, and is drawn up instead.
	Up bool
}

// Map is a laid out argument.
type Map struct {
	Nodes         []Node
	Edges         []Edge
	Width, Height float64
}

// Ends returns a link's premise and conclusion.
func Ends(from string, l annotation.Link) (premise, conclusion string) {
	if l.Type == annotation.FollowsFrom {
		return l.To, from
	}
	return from, l.To
}

type graph struct {
	order       map[string]int      // the place in the text
	conclusions map[string][]string // of each passage
	premises    map[string][]string
	links       []linkEnds
}

type linkEnds struct {
	id, premise, conclusion string
	r                       annotation.Relation
}

func newGraph(as []annotation.Annotation) (*graph, []annotation.Annotation) {
	placed := make([]annotation.Annotation, 0, len(as))
	for _, a := range as {
		if a.Placed() {
			placed = append(placed, a)
		}
	}
	annotation.Sort(placed)
	g := &graph{order: make(map[string]int, len(placed)), conclusions: map[string][]string{}, premises: map[string][]string{}}
	for i, a := range placed {
		g.order[a.ID] = i
	}
	for _, a := range placed {
		for _, l := range a.Links {
			p, c := Ends(a.ID, l)
			if _, ok := g.order[p]; !ok {
				continue
			}
			if _, ok := g.order[c]; !ok {
				continue
			}
			g.links = append(g.links, linkEnds{l.ID, p, c, l.Type})
			g.conclusions[p] = append(g.conclusions[p], c)
			g.premises[c] = append(g.premises[c], p)
		}
	}
	for _, ps := range g.premises { // in the order of the text
		slices.SortFunc(ps, func(a, b string) int { return cmp.Compare(g.order[a], g.order[b]) })
	}
	return g, placed
}

// layers gives each linked passage its layer: one below the lowest of its
// conclusions. A link that would close a cycle is left out of the
// count, and reported in up.
func (g *graph) layers(placed []annotation.Annotation) (layer map[string]int, up map[[2]string]bool) {
	layer = make(map[string]int, len(placed))
	up = map[[2]string]bool{}
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	// Iterative depth-first search: a long chain of links must not
	// exhaust the stack, least of all in the browser's.
	type frame struct {
		id string
		i  int
	}
	for _, a := range placed {
		if state[a.ID] != unseen || len(g.conclusions[a.ID])+len(g.premises[a.ID]) == 0 {
			continue
		}
		stack := []frame{{a.ID, 0}}
		state[a.ID] = onPath
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			cs := g.conclusions[top.id]
			if top.i < len(cs) {
				c := cs[top.i]
				top.i++
				switch state[c] {
				case unseen:
					state[c] = onPath
					stack = append(stack, frame{c, 0})
				case onPath:
					up[[2]string{top.id, c}] = true
				}
				continue
			}
			l := 0
			for _, c := range cs {
				if !up[[2]string{top.id, c}] {
					l = max(l, layer[c]+1)
				}
			}
			layer[top.id] = l
			state[top.id] = done
			stack = stack[:len(stack)-1]
		}
	}
	return layer, up
}

// Layout lays out the argument of as: its placed annotations and the
// links between them.
func Layout(as []annotation.Annotation) Map {
	g, placed := newGraph(as)
	layer, up := g.layers(placed)
	depth := 0
	for _, l := range layer {
		depth = max(depth, l+1)
	}
	rows := make([][]string, depth)
	var apart []string
	for _, a := range placed {
		if l, ok := layer[a.ID]; ok {
			rows[l] = append(rows[l], a.ID)
		} else {
			apart = append(apart, a.ID)
		}
	}
	// Each row in the order of the mean place of its conclusions above.
	col := map[string]float64{}
	if depth > 0 {
		for i, id := range rows[0] {
			col[id] = float64(i)
		}
	}
	for l := 1; l < depth; l++ {
		mean := make(map[string]float64, len(rows[l]))
		for _, id := range rows[l] {
			sum, n := 0.0, 0
			for _, c := range g.conclusions[id] {
				if x, ok := col[c]; ok && layer[c] < l {
					sum, n = sum+x, n+1
				}
			}
			mean[id] = float64(len(rows[l]) + g.order[id]) // none above: last
			if n > 0 {
				mean[id] = sum / float64(n)
			}
		}
		slices.SortStableFunc(rows[l], func(a, b string) int {
			return cmp.Or(cmp.Compare(mean[a], mean[b]), cmp.Compare(g.order[a], g.order[b]))
		})
		for i, id := range rows[l] {
			col[id] = float64(i)
		}
	}
	m := Map{}
	at := make(map[string]*Node, len(placed))
	byID := make(map[string]annotation.Annotation, len(placed))
	for _, a := range placed {
		byID[a.ID] = a
	}
	widest := 0
	for _, row := range rows {
		widest = max(widest, len(row))
	}
	for l, row := range rows {
		for i, id := range row {
			a := byID[id]
			m.Nodes = append(m.Nodes, Node{ID: id, Tag: a.Tag, Lines: Wrap(a.Exact, LineLen, Lines), Layer: l, Linked: true,
				X: Margin + float64(i)*(NodeWidth+GapX), Y: Margin + float64(l)*(NodeHeight+GapY)})
		}
	}
	apartX := Margin + float64(widest)*(NodeWidth+GapX)
	if widest > 0 {
		apartX += GapX // a wider gap before the column apart
	}
	for i, id := range apart {
		a := byID[id]
		m.Nodes = append(m.Nodes, Node{ID: id, Tag: a.Tag, Lines: Wrap(a.Exact, LineLen, Lines), Layer: -1,
			X: apartX, Y: Margin + float64(i)*(NodeHeight+GapX)})
	}
	for i := range m.Nodes {
		n := &m.Nodes[i]
		at[n.ID] = n
		m.Width = max(m.Width, n.X+NodeWidth+Margin)
		m.Height = max(m.Height, n.Y+NodeHeight+Margin)
	}
	for _, l := range g.links {
		c, p := at[l.conclusion], at[l.premise]
		e := Edge{ID: l.id, Premise: l.premise, Conclusion: l.conclusion, Relation: l.r, Up: up[[2]string{l.premise, l.conclusion}],
			X1: c.X + NodeWidth/2, Y1: c.Y + NodeHeight, X2: p.X + NodeWidth/2, Y2: p.Y}
		if e.Up {
			e.Y1, e.Y2 = c.Y, p.Y+NodeHeight
		}
		m.Edges = append(m.Edges, e)
	}
	return m
}

// Wrap breaks s at spaces into at most n lines of about width
// characters; the last one ends in an ellipsis when s does not fit.
func Wrap(s string, width, n int) []string {
	words := strings.Fields(s)
	var lines []string
	line := ""
	for _, w := range words {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
		if len(lines) == n {
			last := lines[n-1]
			if r := []rune(last); len(r) > width-1 {
				last = string(r[:width-1])
			}
			lines[n-1] = last + "…"
			return lines
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	for i, l := range lines {
		if r := []rune(l); len(r) > width { // one word longer than a line
			lines[i] = string(r[:width-1]) + "…"
		}
	}
	return lines
}

// Item is a passage in the outline of the argument, with what bears on
// it under it.
type Item struct {
	ID       string
	Tag      annotation.Tag
	Exact    string
	Relation annotation.Relation // how it bears on the item above; "" on top
	Under    []Item
	// Again is set where the passage is listed already, with what bears
	// on it: the outline lists that once, so that it stays as long as the
	// map has links, cycles included.
	Again bool
}

// Outline is the argument as a nested list, the same as the map: the main
// claims, each with what bears on it under it, then the passages no link
// joins.
func Outline(as []annotation.Annotation) (tops, apart []Item) {
	g, placed := newGraph(as)
	layer, _ := g.layers(placed)
	byID := make(map[string]annotation.Annotation, len(placed))
	for _, a := range placed {
		byID[a.ID] = a
	}
	relation := map[[2]string]annotation.Relation{}
	for _, l := range g.links {
		relation[[2]string{l.premise, l.conclusion}] = l.r
	}
	listed := map[string]bool{}
	var under func(id string) []Item
	under = func(id string) []Item {
		listed[id] = true
		var items []Item
		for _, p := range g.premises[id] {
			a := byID[p]
			it := Item{ID: p, Tag: a.Tag, Exact: a.Exact, Relation: relation[[2]string{p, id}], Again: listed[p]}
			if !it.Again {
				it.Under = under(p)
			}
			items = append(items, it)
		}
		return items
	}
	for _, a := range placed {
		l, ok := layer[a.ID]
		switch {
		case !ok:
			apart = append(apart, Item{ID: a.ID, Tag: a.Tag, Exact: a.Exact})
		case l == 0:
			tops = append(tops, Item{ID: a.ID, Tag: a.Tag, Exact: a.Exact, Under: under(a.ID)})
		}
	}
	return tops, apart
}
