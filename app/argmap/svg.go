package argmap

import (
	"math"
	"strconv"
	"strings"
)

// Everything is a box that holds any map: drawn in it, the map is drawn
// whole, to download or print.
var Everything = Box{X0: math.Inf(-1), Y0: math.Inf(-1), X1: math.Inf(1), Y1: math.Inf(1)}

// SVG draws the part of m that lies in view as SVG markup, with the id
// argmap-svg: support as a solid line with an arrow, attack as a dashed
// line ending in a bar, so that they differ by more than colour. Its
// parts are styled by their data attributes: data-node (the tag),
// data-apart, data-relation, and data-id (the passage or the link).
//
// A page that shows thousands of passages draws only the part in sight
// and a margin, and clips each line to it: a browser dashes the whole of
// a line before it clips it, and a dashed line 100,000 units long stalls
// its painting.
func (m Map) SVG(view Box) string {
	var b strings.Builder
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	attr := func(name, value string) {
		b.WriteString(" " + name + `="` + escapeXML(value) + `"`)
	}
	w, h := f(max(m.Width, 200)), f(max(m.Height, 80))
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" id="argmap-svg" role="img" viewBox="0 0 ` + w + " " + h + `" width="` + w + `" height="` + h + `"`)
	attr("aria-label", "Map of the argument: "+count(len(m.Nodes), "passage")+", "+count(len(m.Edges), "link")+". The outline lists the same.")
	b.WriteString(`><defs>` +
		`<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker>` +
		`<marker id="bar" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 8 0 L 10 0 L 10 10 L 8 10 z"/></marker>` +
		`</defs><g>`)
	for _, e := range m.Edges {
		x1, y1, x2, y2, to, ok := e.Clip(view)
		if !ok {
			continue
		}
		// Drawn from the premise up to the conclusion, where the arrow is.
		b.WriteString("<line")
		attr("data-relation", string(e.Relation))
		attr("data-id", e.ID)
		b.WriteString(` x1="` + f(x2) + `" y1="` + f(y2) + `" x2="` + f(x1) + `" y2="` + f(y1) + `"`)
		switch {
		case !to: // the arrow is out of sight
		case e.Relation.Attacks():
			b.WriteString(` marker-end="url(#bar)"`)
		default:
			b.WriteString(` marker-end="url(#arrow)"`)
		}
		b.WriteString("><title>" + escapeXML(e.Relation.Label()) + "</title></line>")
	}
	b.WriteString("</g><g>")
	for _, n := range m.Nodes {
		if n.X+NodeWidth < view.X0 || n.X > view.X1 || n.Y+NodeHeight < view.Y0 || n.Y > view.Y1 {
			continue
		}
		b.WriteString("<g")
		attr("data-node", string(n.Tag))
		attr("data-apart", strconv.FormatBool(!n.Linked))
		attr("data-id", n.ID)
		b.WriteString(`><rect x="` + f(n.X) + `" y="` + f(n.Y) + `" width="` + f(NodeWidth) + `" height="` + f(NodeHeight) + `" rx="6"/>`)
		b.WriteString(`<text data-part="tag" x="` + f(n.X+10) + `" y="` + f(n.Y+14) + `">` + escapeXML(n.Tag.Label()) + "</text><text>")
		for j, l := range n.Lines {
			b.WriteString(`<tspan x="` + f(n.X+10) + `" y="` + f(n.Y+30+float64(j)*16) + `">` + escapeXML(l) + "</tspan>")
		}
		b.WriteString("</text></g>")
	}
	b.WriteString("</g></svg>")
	return b.String()
}

func count(n int, what string) string {
	if n != 1 {
		what += "s"
	}
	return strconv.Itoa(n) + " " + what
}

// escapeXML escapes text for an attribute or element of markup. The html
// package would do it, at the cost of its table of entities in the wasm.
func escapeXML(s string) string {
	if !strings.ContainsAny(s, `<>&"'`) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
