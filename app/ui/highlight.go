package ui

import (
	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// selectedHighlight is the CSS highlight name of the selected annotations.
const selectedHighlight = "selected"

// painter paints annotations with the CSS Custom Highlight API: one
// Highlight per tag, filled with live DOM Ranges over the rendered text.
// The text itself is never re-rendered, so painting costs one Range per
// changed annotation and never disturbs the reader's selection.
type painter struct {
	doc        *document.Document
	textNodes  []app.Value
	highlights map[string]app.Value
	painted    map[string]paintedRange
}

type paintedRange struct {
	tag        annotation.Tag
	start, end int
	selected   bool
	rng        app.Value
}

// supported reports whether the browser has CSS.highlights.
func highlightsSupported() bool {
	css := app.Window().Get("CSS")
	return css.Truthy() && css.Get("highlights").Truthy()
}

// reset binds the painter to the text of d as rendered in article, and
// clears every highlight.
func (p *painter) reset(d *document.Document, article app.Value) {
	registry := app.Window().Get("CSS").Get("highlights")
	if p.highlights == nil {
		p.highlights = map[string]app.Value{}
		names := []string{string(annotation.Claim), string(annotation.Evidence), string(annotation.Prediction), selectedHighlight}
		for i, name := range names {
			h := app.Window().Get("Highlight").New()
			h.Set("priority", i)
			registry.Call("set", name, h)
			p.highlights[name] = h
		}
	}
	for _, h := range p.highlights {
		h.Call("clear")
	}
	p.doc = d
	p.painted = map[string]paintedRange{}
	children := article.Get("children")
	p.textNodes = make([]app.Value, children.Length())
	for i := range p.textNodes {
		p.textNodes[i] = children.Index(i).Get("firstChild")
	}
}

// paint brings the highlights in line with as, touching only what changed.
func (p *painter) paint(as []annotation.Annotation, selected map[string]bool) {
	if p.doc == nil {
		return
	}
	seen := make(map[string]bool, len(as))
	for _, a := range as {
		if !a.Placed() {
			continue
		}
		seen[a.ID] = true
		old, ok := p.painted[a.ID]
		isSelected := selected[a.ID]
		if ok && old.tag == a.Tag && old.start == a.Start && old.end == a.End && old.selected == isSelected {
			continue
		}
		if ok {
			p.remove(old)
		}
		rng := old.rng
		if !ok || old.start != a.Start || old.end != a.End {
			rng = p.domRange(a.Start, a.End)
		}
		p.highlights[string(a.Tag)].Call("add", rng)
		if isSelected {
			p.highlights[selectedHighlight].Call("add", rng)
		}
		p.painted[a.ID] = paintedRange{tag: a.Tag, start: a.Start, end: a.End, selected: isSelected, rng: rng}
	}
	for id, old := range p.painted {
		if !seen[id] {
			p.remove(old)
			delete(p.painted, id)
		}
	}
}

func (p *painter) remove(r paintedRange) {
	p.highlights[string(r.tag)].Call("delete", r.rng)
	p.highlights[selectedHighlight].Call("delete", r.rng)
}

// domRange returns a DOM Range over the code points start to end.
func (p *painter) domRange(start, end int) app.Value {
	from := anchor.Locate(p.doc, start, false)
	to := anchor.Locate(p.doc, end, true)
	rng := app.Window().Get("document").Call("createRange")
	rng.Call("setStart", p.textNodes[from.Block], from.UTF16)
	rng.Call("setEnd", p.textNodes[to.Block], to.UTF16)
	return rng
}
