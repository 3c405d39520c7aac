package ui

import (
	"encoding/binary"
	"slices"

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
	painted    map[string]*paintedRange

	// For claimmarkPaint (web/claimmark.js): the text nodes and the tag
	// highlights as JS arrays.
	nodeArray, tagArray app.Value
}

type paintedRange struct {
	tag        annotation.Tag
	start, end int
	selected   bool
	// The range itself, or where claimmarkPaint returned it: fetched from
	// JS only when it is needed again.
	rng   app.Value
	batch app.Value
	index int
}

func (r *paintedRange) value() app.Value {
	if r.rng == nil {
		r.rng = r.batch.Index(r.index)
		r.batch = nil
	}
	return r.rng
}

// batchMin is how many new ranges make claimmarkPaint worth calling.
const batchMin = 16

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
	p.painted = map[string]*paintedRange{}
	children := article.Get("children")
	p.textNodes = make([]app.Value, children.Length())
	p.nodeArray = app.Window().Get("Array").New()
	for i := range p.textNodes {
		p.textNodes[i] = children.Index(i).Get("firstChild")
		p.nodeArray.Call("push", p.textNodes[i])
	}
	if p.tagArray == nil {
		p.tagArray = app.Window().Get("Array").New()
		for _, t := range annotation.Tags {
			p.tagArray.Call("push", p.highlights[string(t)])
		}
	}
}

// paint brings the highlights in line with as, touching only what changed.
func (p *painter) paint(as []annotation.Annotation, selected map[string]bool) {
	if p.doc == nil {
		return
	}
	seen := make(map[string]bool, len(as))
	var fresh []annotation.Annotation // need a new range, not selected
	for _, a := range as {
		if !a.Placed() {
			continue
		}
		seen[a.ID] = true
		old := p.painted[a.ID]
		isSelected := selected[a.ID]
		if old != nil && old.tag == a.Tag && old.start == a.Start && old.end == a.End && old.selected == isSelected {
			continue
		}
		if old != nil {
			p.remove(old)
		}
		moved := old == nil || old.start != a.Start || old.end != a.End
		if moved && !isSelected {
			fresh = append(fresh, a)
			continue
		}
		pr := &paintedRange{tag: a.Tag, start: a.Start, end: a.End, selected: isSelected}
		if moved {
			pr.rng = p.domRange(a.Start, a.End)
		} else {
			pr.rng = old.value()
		}
		p.highlights[string(a.Tag)].Call("add", pr.rng)
		if isSelected {
			p.highlights[selectedHighlight].Call("add", pr.rng)
		}
		p.painted[a.ID] = pr
	}
	p.paintMany(fresh)
	for id, old := range p.painted {
		if !seen[id] {
			p.remove(old)
			delete(p.painted, id)
		}
	}
}

// paintMany paints new ranges, in one call into JS when there are many.
func (p *painter) paintMany(as []annotation.Annotation) {
	paint := app.Window().Get("claimmarkPaint")
	if len(as) < batchMin || !paint.Truthy() {
		for _, a := range as {
			rng := p.domRange(a.Start, a.End)
			p.highlights[string(a.Tag)].Call("add", rng)
			p.painted[a.ID] = &paintedRange{tag: a.Tag, start: a.Start, end: a.End, rng: rng}
		}
		return
	}
	spans := make([]byte, 16*len(as))
	tags := make([]byte, len(as))
	for i, a := range as {
		from, to := anchor.Locate(p.doc, a.Start, false), anchor.Locate(p.doc, a.End, true)
		for j, v := range [4]int{from.Block, from.UTF16, to.Block, to.UTF16} {
			binary.LittleEndian.PutUint32(spans[16*i+4*j:], uint32(v))
		}
		tags[i] = byte(slices.Index(annotation.Tags, a.Tag))
	}
	bytes := app.Window().Get("Uint8Array").New(len(spans))
	app.CopyBytesToJS(bytes, spans)
	tagBytes := app.Window().Get("Uint8Array").New(len(tags))
	app.CopyBytesToJS(tagBytes, tags)
	spanInts := app.Window().Get("Int32Array").New(bytes.Get("buffer"))
	// Call, not Invoke: go-app's Invoke does not unwrap its Value arguments.
	batch := app.Window().Call("claimmarkPaint", p.nodeArray, spanInts, tagBytes, p.tagArray)
	for i, a := range as {
		p.painted[a.ID] = &paintedRange{tag: a.Tag, start: a.Start, end: a.End, batch: batch, index: i}
	}
}

func (p *painter) remove(r *paintedRange) {
	rng := r.value()
	p.highlights[string(r.tag)].Call("delete", rng)
	if r.selected {
		p.highlights[selectedHighlight].Call("delete", rng)
	}
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
