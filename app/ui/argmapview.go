package ui

import (
	"strconv"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/argmap"
	"github.com/claimmark/claimmark/app/format"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

const sheetMap = "map"

// mapView shows the open text's argument: as a map drawn in SVG, or as
// an outline (a nested list) with the same links, for the keyboard and
// screen readers. A click on a node, or a press on an outline entry,
// goes to its passage.
type mapView struct {
	app.Compo
	W *workspace
	// Doc and Edits name the annotations drawn: the map draws again only
	// when they change, not at each render of the page.
	Doc   string
	Edits int

	outline bool
	// view is the part of the map drawn, as x0, y0, x1, y1: the box in
	// sight and a margin around it, as drawing thousands of nodes would
	// stall the page. all draws everything, to download or print the map.
	view [4]float64
	all  bool
	// layout is the map as laid out for the annotations laidOut names.
	layout  argmap.Map
	laidOut string
}

// viewMargin is how far beyond the box in sight the map is drawn, so
// that a scroll shows drawn nodes while the next render comes.
const viewMargin = 300

const svgNS = "http://www.w3.org/2000/svg"

// OnMount draws the map again if its box is larger than the first guess
// (a large screen, or one zoomed out), once it is painted.
func (v *mapView) OnMount(ctx app.Context) { afterPaint(ctx, v.follow) }

func (v *mapView) onScroll(ctx app.Context, e app.Event) { v.follow() }

// follow draws the map again around the box in sight, once that comes
// within a third of the margin of the edge of what is drawn.
func (v *mapView) follow() {
	box := app.Window().Get("document").Call("querySelector", ".argmap-scroll")
	if !box.Truthy() {
		return
	}
	x, y := box.Get("scrollLeft").Float(), box.Get("scrollTop").Float()
	seen := [4]float64{x, y, x + box.Get("clientWidth").Float(), y + box.Get("clientHeight").Float()}
	const inset = viewMargin / 3
	if seen[0] >= v.view[0]+inset && seen[1] >= v.view[1]+inset && seen[2] <= v.view[2]-inset && seen[3] <= v.view[3]-inset {
		return
	}
	v.around(seen)
	v.Update()
}

// around makes the part drawn the box seen and the margin around it.
func (v *mapView) around(seen [4]float64) {
	v.view = [4]float64{seen[0] - viewMargin, seen[1] - viewMargin, seen[2] + viewMargin, seen[3] + viewMargin}
}

func abs(x float64) float64 { return max(x, -x) }

func (v *mapView) Render() app.UI {
	if v.view == [4]float64{} {
		v.around([4]float64{0, 0, 1200, 800}) // before the box is there: as if it were a large screen at the top left
	}
	as := v.W.sess.Annotations()
	return app.Section().ID("argmap").Class("argmap").Aria("labelledby", "argmap-title").Body(
		app.H2().ID("argmap-title").Text("Map of the argument"),
		app.Div().Class("argmap-tools").Attr("role", "group").Aria("label", "Show").Body(
			app.Button().Aria("pressed", strconv.FormatBool(!v.outline)).OnClick(func(ctx app.Context, e app.Event) { v.outline = false }).Text("Map"),
			app.Button().Aria("pressed", strconv.FormatBool(v.outline)).OnClick(func(ctx app.Context, e app.Event) { v.outline = true }).Text("Outline"),
			app.Button().Class("download-svg").OnClick(v.downloadSVG).Text("Download SVG"),
			app.Button().Class("print-map").OnClick(v.printMap).Text("Print map"),
		),
		app.If(annotation.CountLinks(as) == 0, app.P().Class("hint").Text("No links yet: select a passage and choose Link… to join it to another.")),
		v.body(as),
		closeButton(sheetMap),
	)
}

// body is the outline, or the map, laid out again only when the
// annotations changed.
func (v *mapView) body(as []annotation.Annotation) app.UI {
	if v.outline {
		return v.outlineList(as)
	}
	if key := v.Doc + " " + strconv.Itoa(v.Edits); v.laidOut != key {
		v.layout, v.laidOut = argmap.Layout(as), key
	}
	// A click on a node goes to its passage.
	return app.Div().Class("argmap-scroll").OnScroll(v.onScroll).OnClick(func(ctx app.Context, e app.Event) {
		if node := e.Get("target").Call("closest", "[data-id][data-node]"); node.Truthy() {
			v.goTo(node.Get("dataset").Get("id").String())
		}
	}).Body(v.svg())
}

func svgElem(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

// svg draws the part of the map in view: support as a solid line with an
// arrow, attack as a dashed line ending in a bar, so that they differ by
// more than colour. go-app sets a class through className, which an SVG
// element does not take, so SVG elements are styled by their data
// attributes.
func (v *mapView) svg() app.UI {
	m := v.layout
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	marker := func(id string, body app.UI) app.UI {
		return svgElem("marker").ID(id).Attr("viewBox", "0 0 10 10").Attr("refX", "9").Attr("refY", "5").
			Attr("markerWidth", "8").Attr("markerHeight", "8").Attr("orient", "auto-start-reverse").Body(body)
	}
	view := argmap.Box{X0: v.view[0], Y0: v.view[1], X1: v.view[2], Y1: v.view[3]}
	if v.all {
		view = argmap.Everything
	}
	edges := make([]app.UI, 0, len(m.Edges))
	for _, e := range m.Edges {
		// Each line is cut to the part drawn: a browser dashes the whole of
		// a line before it clips it, and a dashed line 100,000 units long
		// stalls its painting for seconds.
		x1, y1, x2, y2, to, ok := e.Clip(view)
		if !ok {
			continue
		}
		line := svgElem("line").DataSet("relation", string(e.Relation)).DataSet("id", e.ID).
			// Drawn from the premise up to the conclusion, where the arrow is.
			Attr("x1", f(x2)).Attr("y1", f(y2)).Attr("x2", f(x1)).Attr("y2", f(y1))
		switch {
		case !to: // the arrow is out of sight
		case e.Relation.Attacks():
			line = line.Attr("marker-end", "url(#bar)")
		default:
			line = line.Attr("marker-end", "url(#arrow)")
		}
		edges = append(edges, line.Body(svgElem("title").Text(e.Relation.Label())))
	}
	nodes := make([]app.UI, 0, len(m.Nodes))
	for _, n := range m.Nodes {
		if !view.Overlaps(n.X, n.Y, n.X+argmap.NodeWidth, n.Y+argmap.NodeHeight) {
			continue
		}
		lines := make([]app.UI, len(n.Lines))
		for j, l := range n.Lines {
			lines[j] = svgElem("tspan").Attr("x", f(n.X+10)).Attr("y", f(n.Y+30+float64(j)*16)).Text(l)
		}
		nodes = append(nodes, svgElem("g").DataSet("node", string(n.Tag)).DataSet("apart", strconv.FormatBool(!n.Linked)).DataSet("id", n.ID).Body(
			svgElem("rect").Attr("x", f(n.X)).Attr("y", f(n.Y)).Attr("width", f(argmap.NodeWidth)).Attr("height", f(argmap.NodeHeight)).Attr("rx", "6"),
			svgElem("text").DataSet("part", "tag").Attr("x", f(n.X+10)).Attr("y", f(n.Y+14)).Text(n.Tag.Label()),
			svgElem("text").Body(lines...),
		))
	}
	w, h := f(max(m.Width, 200)), f(max(m.Height, 80))
	return svgElem("svg").ID("argmap-svg").Attr("viewBox", "0 0 "+w+" "+h).Attr("width", w).Attr("height", h).
		Attr("role", "img").Aria("label", "Map of the argument: "+countText(len(m.Nodes), "passage")+", "+countText(len(m.Edges), "link")+". The outline lists the same.").Body(
		svgElem("defs").Body(
			marker("arrow", svgElem("path").Attr("d", "M 0 0 L 10 5 L 0 10 z")),
			marker("bar", svgElem("path").Attr("d", "M 8 0 L 10 0 L 10 10 L 8 10 z")),
		),
		svgElem("g").Body(edges...),
		svgElem("g").Body(nodes...),
	)
}

func (v *mapView) outlineList(as []annotation.Annotation) app.UI {
	tops, apart := argmap.Outline(as)
	return app.Div().Class("argmap-outline").Body(
		app.Ul().Aria("label", "The argument").Body(v.items(tops)...),
		app.If(len(apart) > 0,
			app.H3().Text("Not linked"),
			app.Ul().Aria("label", "Not linked").Body(v.items(apart)...),
		),
	)
}

func (v *mapView) items(items []argmap.Item) []app.UI {
	out := make([]app.UI, len(items))
	for i, it := range items {
		id := it.ID
		how := ""
		if it.Relation != "" {
			how = map[annotation.Relation]string{annotation.Supports: "Supports: ", annotation.Undermines: "Undermines: ", annotation.FollowsFrom: "It follows from: "}[it.Relation]
		}
		again := ""
		if it.Again {
			again = " (listed above)"
		}
		out[i] = app.Li().Class(classIf(it.Relation.Attacks(), "attack")).Body(
			app.Button().Class("outline-go").OnClick(func(ctx app.Context, e app.Event) { v.goTo(id) }, id).Body(
				app.Span().Class("how").Text(how),
				tagLabel(it.Tag), app.Text(" "),
				quote(it.Exact),
				app.Text(again),
			),
			app.If(len(it.Under) > 0, app.Ul().Body(v.items(it.Under)...)),
		)
	}
	return out
}

// goTo selects a passage and scrolls the text to it.
func (v *mapView) goTo(id string) {
	v.W.selectOnly(id, true)
	v.W.refresh()
}

// downloadSVG saves the whole map, with its styles, as an SVG file.
func (v *mapView) downloadSVG(ctx app.Context, e app.Event) {
	v.all = true
	v.Update()
	ctx.Defer(func(app.Context) { v.saveSVG() })
}

func (v *mapView) saveSVG() {
	v.all = false
	defer v.Update()
	svg := app.Window().Call("claimmarkSVG", "argmap-svg")
	if !svg.Truthy() {
		v.W.fail("Show the map first, then download it.")
		v.W.refresh()
		return
	}
	download(format.FileName(v.W.title(), ".map.svg"), "image/svg+xml", []byte(svg.String()))
	v.W.say("Downloaded the map.")
	v.W.refresh()
}

// printMap prints the whole map alone, on a page of its own.
func (v *mapView) printMap(ctx app.Context, e app.Event) {
	v.all = true
	v.Update()
	ctx.Defer(func(app.Context) {
		app.Window().Call("claimmarkPrintMap")
		v.all = false
		v.Update()
	})
}
