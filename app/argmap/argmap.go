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

// graph is the placed passages, in the order of the text, and the links
// between them, each passage named by its place in that order.
type graph struct {
	placed []*annotation.Annotation
	links  []linkEnds
	// out holds the links from each passage to its conclusions, in the
	// order of the links; in the links from its premises, in the order of
	// the text.
	out, in [][]int
}

type linkEnds struct {
	id                  string
	premise, conclusion int
	r                   annotation.Relation
}

func newGraph(as []annotation.Annotation) *graph {
	// Pointers, not copies: an annotation is large, and a page lays out
	// thousands again at each change.
	placed := make([]*annotation.Annotation, 0, len(as))
	for i := range as {
		if as[i].Placed() {
			placed = append(placed, &as[i])
		}
	}
	inOrder := func(a, b *annotation.Annotation) int { return annotation.Compare(*a, *b) }
	if !slices.IsSortedFunc(placed, inOrder) {
		slices.SortFunc(placed, inOrder)
	}
	g := &graph{placed: placed, out: make([][]int, len(placed)), in: make([][]int, len(placed))}
	index := make(map[string]int, len(placed))
	for i, a := range placed {
		index[a.ID] = i
	}
	for _, a := range placed {
		for _, l := range a.Links {
			pid, cid := Ends(a.ID, l)
			p, ok := index[pid]
			if !ok {
				continue
			}
			c, ok := index[cid]
			if !ok {
				continue
			}
			k := len(g.links)
			g.links = append(g.links, linkEnds{l.ID, p, c, l.Type})
			g.out[p] = append(g.out[p], k)
			g.in[c] = append(g.in[c], k)
		}
	}
	for _, ks := range g.in {
		slices.SortFunc(ks, func(a, b int) int { return cmp.Compare(g.links[a].premise, g.links[b].premise) })
	}
	return g
}

// layers gives each linked passage its layer: one below the lowest of its
// conclusions; a passage no link joins gets -1. A link that would close
// a cycle is left out of the count, and reported in up.
func (g *graph) layers() (layer []int, up []bool) {
	n := len(g.placed)
	layer, up = make([]int, n), make([]bool, len(g.links))
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]uint8, n)
	// Iterative depth-first search: a long chain of links must not
	// exhaust the stack, least of all in the browser's.
	type frame struct{ at, i int }
	var stack []frame
	for a := range layer {
		layer[a] = -1
	}
	for a := range n {
		if state[a] != unseen || len(g.out[a])+len(g.in[a]) == 0 {
			continue
		}
		stack = append(stack[:0], frame{a, 0})
		state[a] = onPath
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			ks := g.out[top.at]
			if top.i < len(ks) {
				k := ks[top.i]
				top.i++
				switch c := g.links[k].conclusion; state[c] {
				case unseen:
					state[c] = onPath
					stack = append(stack, frame{c, 0})
				case onPath:
					up[k] = true
				}
				continue
			}
			l := 0
			for _, k := range ks {
				if !up[k] {
					l = max(l, layer[g.links[k].conclusion]+1)
				}
			}
			layer[top.at] = l
			state[top.at] = done
			stack = stack[:len(stack)-1]
		}
	}
	return layer, up
}

// Layout lays out the argument of as: its placed annotations and the
// links between them.
func Layout(as []annotation.Annotation) Map {
	g := newGraph(as)
	layer, up := g.layers()
	depth := 0
	for _, l := range layer {
		depth = max(depth, l+1)
	}
	rows := make([][]int, depth)
	var apart []int
	for a, l := range layer {
		if l >= 0 {
			rows[l] = append(rows[l], a)
		} else {
			apart = append(apart, a)
		}
	}
	// Each row in the order of the mean place of its conclusions above,
	// then of the text.
	col := make([]float64, len(g.placed))
	mean := make([]float64, len(g.placed))
	if depth > 0 {
		for i, a := range rows[0] {
			col[a] = float64(i)
		}
	}
	for l := 1; l < depth; l++ {
		for _, a := range rows[l] {
			sum, n := 0.0, 0
			for _, k := range g.out[a] {
				if c := g.links[k].conclusion; layer[c] < l {
					sum, n = sum+col[c], n+1
				}
			}
			mean[a] = float64(len(rows[l]) + a) // none above: last
			if n > 0 {
				mean[a] = sum / float64(n)
			}
		}
		slices.SortStableFunc(rows[l], func(a, b int) int {
			return cmp.Or(cmp.Compare(mean[a], mean[b]), cmp.Compare(a, b))
		})
		for i, a := range rows[l] {
			col[a] = float64(i)
		}
	}
	m := Map{Nodes: make([]Node, 0, len(g.placed)), Edges: make([]Edge, 0, len(g.links))}
	nodeOf := make([]int, len(g.placed)) // each passage's place in m.Nodes
	node := func(a, l int, x, y float64) {
		p := g.placed[a]
		nodeOf[a] = len(m.Nodes)
		m.Nodes = append(m.Nodes, Node{ID: p.ID, Tag: p.Tag, Lines: Wrap(p.Exact, LineLen, Lines), Layer: l, Linked: l >= 0, X: x, Y: y})
	}
	widest := 0
	for _, row := range rows {
		widest = max(widest, len(row))
	}
	for l, row := range rows {
		for i, a := range row {
			node(a, l, Margin+float64(i)*(NodeWidth+GapX), Margin+float64(l)*(NodeHeight+GapY))
		}
	}
	apartX := Margin + float64(widest)*(NodeWidth+GapX)
	if widest > 0 {
		apartX += GapX // a wider gap before the column apart
	}
	for i, a := range apart {
		node(a, -1, apartX, Margin+float64(i)*(NodeHeight+GapX))
	}
	for i := range m.Nodes {
		n := &m.Nodes[i]
		m.Width = max(m.Width, n.X+NodeWidth+Margin)
		m.Height = max(m.Height, n.Y+NodeHeight+Margin)
	}
	for k, l := range g.links {
		c, p := &m.Nodes[nodeOf[l.conclusion]], &m.Nodes[nodeOf[l.premise]]
		e := Edge{ID: l.id, Premise: p.ID, Conclusion: c.ID, Relation: l.r, Up: up[k],
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
	lines := make([]string, 0, n)
	var line strings.Builder
	count := 0 // of line, in characters
	for w := range strings.FieldsSeq(s) {
		wc := utf8.RuneCountInString(w)
		switch {
		case count == 0:
		case count+1+wc <= width:
			line.WriteByte(' ')
			count++
		default:
			lines = append(lines, line.String())
			line.Reset()
			count = 0
		}
		if len(lines) == n {
			last := lines[n-1]
			if r := []rune(last); len(r) > width-1 {
				last = string(r[:width-1])
			}
			lines[n-1] = last + "…"
			return lines
		}
		line.WriteString(w)
		count += wc
	}
	if count > 0 {
		lines = append(lines, line.String())
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
	g := newGraph(as)
	layer, _ := g.layers()
	listed := make([]bool, len(g.placed))
	item := func(a int) Item {
		p := g.placed[a]
		return Item{ID: p.ID, Tag: p.Tag, Exact: p.Exact}
	}
	var under func(c int) []Item
	under = func(c int) []Item {
		listed[c] = true
		var items []Item
		for _, k := range g.in[c] {
			l := g.links[k]
			it := item(l.premise)
			it.Relation, it.Again = l.r, listed[l.premise]
			if !it.Again {
				it.Under = under(l.premise)
			}
			items = append(items, it)
		}
		return items
	}
	for a, l := range layer {
		switch l {
		case -1:
			apart = append(apart, item(a))
		case 0:
			it := item(a)
			it.Under = under(a)
			tops = append(tops, it)
		}
	}
	return tops, apart
}
