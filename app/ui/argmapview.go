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
}

func (v *mapView) Render() app.UI {
	as := v.W.sess.Annotations()
	return app.Section().ID("argmap").Class("argmap").Aria("labelledby", "argmap-title").Body(
		app.H2().ID("argmap-title").Text("Map of the argument"),
		app.Div().Class("argmap-tools").Attr("role", "group").Aria("label", "Show").Body(
			app.Button().Aria("pressed", strconv.FormatBool(!v.outline)).OnClick(func(ctx app.Context, e app.Event) { v.outline = false }).Text("Map"),
			app.Button().Aria("pressed", strconv.FormatBool(v.outline)).OnClick(func(ctx app.Context, e app.Event) { v.outline = true }).Text("Outline"),
			app.Button().Class("download-svg").OnClick(v.downloadSVG).Text("Download SVG"),
			app.Button().Class("print-map").OnClick(printMap).Text("Print map"),
		),
		app.If(annotation.CountLinks(as) == 0, app.P().Class("hint").Text("No links yet: select a passage and choose Link… to join it to another.")),
		app.If(v.outline, v.outlineList(as)).Else(v.svg(argmap.Layout(as))),
		closeButton(sheetMap),
	)
}

// svgElem is an SVG element. go-app sets a class through className,
// which an SVG element does not take, so SVG elements are styled by
// their data attributes.
func svgElem(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

// svg draws m: support as a solid line with an arrow, attack as a dashed
// line ending in a bar, so that they differ by more than colour.
func (v *mapView) svg(m argmap.Map) app.UI {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	marker := func(id string, body app.UI) app.UI {
		return svgElem("marker").ID(id).Attr("viewBox", "0 0 10 10").Attr("refX", "9").Attr("refY", "5").
			Attr("markerWidth", "8").Attr("markerHeight", "8").Attr("orient", "auto-start-reverse").Body(body)
	}
	edges := make([]app.UI, len(m.Edges))
	for i, e := range m.Edges {
		attack := e.Relation.Attacks()
		end := "url(#arrow)"
		if attack {
			end = "url(#bar)"
		}
		// Drawn from the premise up to the conclusion, where the arrow is.
		edges[i] = svgElem("line").DataSet("relation", string(e.Relation)).DataSet("id", e.ID).
			Attr("x1", f(e.X2)).Attr("y1", f(e.Y2)).Attr("x2", f(e.X1)).Attr("y2", f(e.Y1)).
			Attr("marker-end", end).Body(svgElem("title").Text(e.Relation.Label()))
	}
	nodes := make([]app.UI, len(m.Nodes))
	for i, n := range m.Nodes {
		id := n.ID
		lines := make([]app.UI, len(n.Lines))
		for j, l := range n.Lines {
			lines[j] = svgElem("tspan").Attr("x", f(n.X+10)).Attr("y", f(n.Y+30+float64(j)*16)).Text(l)
		}
		nodes[i] = svgElem("g").DataSet("node", string(n.Tag)).DataSet("apart", strconv.FormatBool(!n.Linked)).DataSet("id", id).
			OnClick(func(ctx app.Context, e app.Event) { v.goTo(id) }, id).Body(
			svgElem("rect").Attr("x", f(n.X)).Attr("y", f(n.Y)).Attr("width", f(argmap.NodeWidth)).Attr("height", f(argmap.NodeHeight)).Attr("rx", "6"),
			svgElem("text").DataSet("part", "tag").Attr("x", f(n.X+10)).Attr("y", f(n.Y+14)).Text(n.Tag.Label()),
			svgElem("text").Body(lines...),
		)
	}
	w, h := f(max(m.Width, 200)), f(max(m.Height, 80))
	return app.Div().Class("argmap-scroll").Body(
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

// downloadSVG saves the map as drawn, with its styles, as an SVG file.
func (v *mapView) downloadSVG(ctx app.Context, e app.Event) {
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

// printMap prints the map alone, on a page of its own.
func printMap(ctx app.Context, e app.Event) { app.Window().Call("claimmarkPrintMap") }
