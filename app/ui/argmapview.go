package ui

import (
	"strconv"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/argmap"
	"github.com/claimmark/claimmark/app/format"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

const sheetMap = "map"

const svgNS = "http://www.w3.org/2000/svg"

// mapView shows the open text's argument: as a map drawn in SVG, or as
// an outline (a nested list) with the same links, for the keyboard and
// screen readers. A click on a node, or a press on an outline entry,
// goes to its passage.
type mapView struct {
	app.Compo
	W   *workspace
	Rev int

	outline bool
	// view is the part of the map in sight in its scrolling box, as x0,
	// y0, x1, y1; only what lies near it is drawn, as drawing thousands
	// of nodes would stall the page. all draws everything, to download or
	// print the map.
	view [4]float64
	all  bool
	// layout is the map as laid out for the page's render laidOut: a
	// scroll renders the map alone, and need not lay it out again.
	layout  argmap.Map
	laidOut int
}

// viewMargin is how far beyond the box in sight the map is drawn, so
// that a scroll shows drawn nodes while the next render comes.
const viewMargin = 600

func (v *mapView) OnMount(ctx app.Context) {
	v.measure()
	v.Update()
}

// measure reads the box in sight.
func (v *mapView) measure() {
	box := app.Window().Get("document").Call("querySelector", ".argmap-scroll")
	w, h := 1600.0, 1200.0
	x, y := 0.0, 0.0
	if box.Truthy() {
		x, y = box.Get("scrollLeft").Float(), box.Get("scrollTop").Float()
		w, h = box.Get("clientWidth").Float(), box.Get("clientHeight").Float()
	}
	v.view = [4]float64{x - viewMargin, y - viewMargin, x + w + viewMargin, y + h + viewMargin}
}

func (v *mapView) onScroll(ctx app.Context, e app.Event) {
	old := v.view
	v.measure()
	// Draw again only when the box moved a good part of the margin.
	if d := max(abs(old[0]-v.view[0]), abs(old[1]-v.view[1])); d < viewMargin/3 {
		v.view = old
		return
	}
	v.Update()
}

func abs(x float64) float64 { return max(x, -x) }

// inView reports whether the box from (x0, y0) to (x1, y1) is near the
// part in sight.
func (v *mapView) inView(x0, y0, x1, y1 float64) bool {
	return v.all || x1 >= v.view[0] && x0 <= v.view[2] && y1 >= v.view[1] && y0 <= v.view[3]
}

func (v *mapView) Render() app.UI {
	if v.view == [4]float64{} {
		v.measure() // before the box is there: as if it were a large screen at the top left
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

// svgElem is an SVG element. go-app sets a class through className,
// which an SVG element does not take, so SVG elements are styled by
// their data attributes.
// body is the outline, or the map, laid out again only when the page
// rendered since.
func (v *mapView) body(as []annotation.Annotation) app.UI {
	if v.outline {
		return v.outlineList(as)
	}
	if v.laidOut != v.Rev || v.layout.Nodes == nil {
		v.layout, v.laidOut = argmap.Layout(as), v.Rev
	}
	return v.svg(v.layout)
}

func svgElem(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

// svg draws m: support as a solid line with an arrow, attack as a dashed
// line ending in a bar, so that they differ by more than colour.
func (v *mapView) svg(m argmap.Map) app.UI {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	marker := func(id string, body app.UI) app.UI {
		return svgElem("marker").ID(id).Attr("viewBox", "0 0 10 10").Attr("refX", "9").Attr("refY", "5").
			Attr("markerWidth", "8").Attr("markerHeight", "8").Attr("orient", "auto-start-reverse").Body(body)
	}
	edges := make([]app.UI, 0, len(m.Edges))
	for _, e := range m.Edges {
		if !v.inView(min(e.X1, e.X2), min(e.Y1, e.Y2), max(e.X1, e.X2), max(e.Y1, e.Y2)) {
			continue
		}
		attack := e.Relation.Attacks()
		end := "url(#arrow)"
		if attack {
			end = "url(#bar)"
		}
		// Drawn from the premise up to the conclusion, where the arrow is.
		edges = append(edges, svgElem("line").DataSet("relation", string(e.Relation)).DataSet("id", e.ID).
			Attr("x1", f(e.X2)).Attr("y1", f(e.Y2)).Attr("x2", f(e.X1)).Attr("y2", f(e.Y1)).
			Attr("marker-end", end).Body(svgElem("title").Text(e.Relation.Label())))
	}
	nodes := make([]app.UI, 0, len(m.Nodes))
	for _, n := range m.Nodes {
		if !v.inView(n.X, n.Y, n.X+argmap.NodeWidth, n.Y+argmap.NodeHeight) {
			continue
		}
		id := n.ID
		lines := make([]app.UI, len(n.Lines))
		for j, l := range n.Lines {
			lines[j] = svgElem("tspan").Attr("x", f(n.X+10)).Attr("y", f(n.Y+30+float64(j)*16)).Text(l)
		}
		nodes = append(nodes, svgElem("g").DataSet("node", string(n.Tag)).DataSet("apart", strconv.FormatBool(!n.Linked)).DataSet("id", id).
			OnClick(func(ctx app.Context, e app.Event) { v.goTo(id) }, id).Body(
			svgElem("rect").Attr("x", f(n.X)).Attr("y", f(n.Y)).Attr("width", f(argmap.NodeWidth)).Attr("height", f(argmap.NodeHeight)).Attr("rx", "6"),
			svgElem("text").DataSet("part", "tag").Attr("x", f(n.X+10)).Attr("y", f(n.Y+14)).Text(n.Tag.Label()),
			svgElem("text").Body(lines...),
		))
	}
	w, h := f(max(m.Width, 200)), f(max(m.Height, 80))
	return app.Div().Class("argmap-scroll").OnScroll(v.onScroll).Body(
		svgElem("svg").ID("argmap-svg").Attr("viewBox", "0 0 "+w+" "+h).Attr("width", w).Attr("height", h).
			Attr("role", "img").Aria("label", "Map of the argument: "+countText(len(m.Nodes), "passage")+", "+countText(len(m.Edges), "link")+". The outline lists the same.").Body(
			svgElem("defs").Body(
				marker("arrow", svgElem("path").Attr("d", "M 0 0 L 10 5 L 0 10 z")),
				marker("bar", svgElem("path").Attr("d", "M 8 0 L 10 0 L 10 10 L 8 10 z")),
			),
			svgElem("g").Body(edges...),
			svgElem("g").Body(nodes...),
		),
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
