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
// changed annotation and never disturbs the reader's selection. On a long
// text, only the annotations near the screen are in the highlights
// (window.go says why).
type painter struct {
	doc        *document.Document
	highlights map[string]app.Value
	painted    map[string]*paintedRange
	// order is the painted ranges in the order of the annotations of the
	// last paint, and spare the slice the next one fills. A change moves
	// few annotations, so the next paint finds most of them in order,
	// without hashing 10,000 ids.
	order, spare []*paintedRange
	pass         int // counts calls of paint, to find the ranges a call did not see
	win          paintWindow

	// The first block of each section, and the element of each block,
	// as docView renders them.
	sections []int
	blocks   app.Value // a NodeList
	// The text node of each block, and the tag highlights, as JS arrays
	// (for claimmarkPaint, web/claimmark.js).
	nodeArray, tagArray app.Value
}

type paintedRange struct {
	id         string
	at         int // in order
	tag        annotation.Tag
	start, end int
	selected   bool
	shown      bool // in the highlights now
	pass       int  // the last paint that saw its annotation
	// The range itself, or where claimmarkPaint returned it, fetched from
	// JS only when it is needed again; neither, until it is first shown.
	rng   app.Value
	batch app.Value
	index int
}

// rangeOf is r's DOM range, made now if it has none yet.
func (p *painter) rangeOf(r *paintedRange) app.Value {
	switch {
	case r.rng != nil:
	case r.batch != nil:
		r.rng = r.batch.Index(r.index)
		r.batch = nil
	default:
		r.rng = p.domRange(r.start, r.end)
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
	p.order, p.spare = nil, nil
	p.win = paintWindow{}
	p.sections = d.Sections()
	p.blocks = article.Call("querySelectorAll", "[data-block]")
	// In one crossing into JS: two for each block took 13 ms on a 1 MB text.
	if fn := app.Window().Get("claimmarkTextNodes"); fn.Truthy() {
		p.nodeArray = app.Window().Call("claimmarkTextNodes", p.blocks)
	} else {
		p.nodeArray = app.Window().Get("Array").New()
		for i := range p.blocks.Length() {
			p.nodeArray.Call("push", p.blocks.Index(i).Get("firstChild"))
		}
	}
	if p.tagArray == nil {
		p.tagArray = app.Window().Get("Array").New()
		for _, t := range annotation.Tags {
			p.tagArray.Call("push", p.highlights[string(t)])
		}
	}
}

// paint brings the highlights in line with as, touching only what changed.
func (p *painter) paint(as []annotation.Annotation, selected []string) {
	if p.doc == nil {
		return
	}
	if p.setWindow(len(as)) {
		defer p.sync()
	}
	// Annotations by index, and no set of those seen: with 10,000, copies
	// and a map were most of a retag's painting.
	p.pass++
	if len(p.painted) == 0 && len(as) > 0 {
		// Room for all at once: growing took 8 ms of the first paint of 10,000.
		p.painted = make(map[string]*paintedRange, len(as))
		p.spare = make([]*paintedRange, 0, len(as))
	}
	order := p.spare[:0]
	next := 0                 // in p.order: where the annotation after the last one found was
	var fresh []*paintedRange // to show, with no range yet
	for i := range as {
		a := &as[i]
		if !a.Placed() {
			continue
		}
		var old *paintedRange
		if next < len(p.order) && p.order[next].id == a.ID {
			old = p.order[next]
			next++
		} else if old = p.painted[a.ID]; old != nil && old.at >= next {
			next = old.at + 1
		}
		isSelected := len(selected) > 0 && slices.Contains(selected, a.ID) // a few at most: no map to hash into
		if old != nil && old.tag == a.Tag && old.start == a.Start && old.end == a.End && old.selected == isSelected {
			old.pass, old.at = p.pass, len(order)
			order = append(order, old)
			continue
		}
		pr := &paintedRange{id: a.ID, at: len(order), tag: a.Tag, start: a.Start, end: a.End, selected: isSelected, pass: p.pass}
		order = append(order, pr)
		if old != nil {
			p.hide(old)
			if old.start == a.Start && old.end == a.End {
				pr.rng, pr.batch, pr.index = old.rng, old.batch, old.index
			}
		}
		p.painted[a.ID] = pr
		switch {
		case !p.win.holds(pr):
		case pr.rng == nil && pr.batch == nil && !isSelected:
			fresh = append(fresh, pr)
		default:
			p.show(pr)
		}
	}
	p.showMany(fresh)
	for _, old := range p.order {
		if old.pass != p.pass {
			p.hide(old)
			if p.painted[old.id] == old {
				delete(p.painted, old.id)
			}
		}
	}
	clear(p.order) // so that the spare holds no ranges that are gone
	p.order, p.spare = order, p.order
}

// show adds r to its highlights.
func (p *painter) show(r *paintedRange) {
	rng := p.rangeOf(r)
	p.highlights[string(r.tag)].Call("add", rng)
	if r.selected {
		p.highlights[selectedHighlight].Call("add", rng)
	}
	r.shown = true
}

// hide takes r out of its highlights.
func (p *painter) hide(r *paintedRange) {
	if !r.shown {
		return
	}
	rng := p.rangeOf(r)
	p.highlights[string(r.tag)].Call("delete", rng)
	if r.selected {
		p.highlights[selectedHighlight].Call("delete", rng)
	}
	r.shown = false
}

// showMany shows ranges not yet made, in one call into JS when there are
// many.
func (p *painter) showMany(rs []*paintedRange) {
	paint := app.Window().Get("claimmarkPaint")
	if len(rs) < batchMin || !paint.Truthy() {
		for _, r := range rs {
			p.show(r)
		}
		return
	}
	spans := make([]byte, 16*len(rs))
	tags := make([]byte, len(rs))
	for i, r := range rs {
		from, to := anchor.Locate(p.doc, r.start, false), anchor.Locate(p.doc, r.end, true)
		for j, v := range [4]int{from.Block, from.UTF16, to.Block, to.UTF16} {
			binary.LittleEndian.PutUint32(spans[16*i+4*j:], uint32(v))
		}
		tags[i] = byte(slices.Index(annotation.Tags, r.tag))
	}
	bytes := app.Window().Get("Uint8Array").New(len(spans))
	app.CopyBytesToJS(bytes, spans)
	tagBytes := app.Window().Get("Uint8Array").New(len(tags))
	app.CopyBytesToJS(tagBytes, tags)
	spanInts := app.Window().Get("Int32Array").New(bytes.Get("buffer"))
	// Call, not Invoke: go-app's Invoke does not unwrap its Value arguments.
	batch := app.Window().Call("claimmarkPaint", p.nodeArray, spanInts, tagBytes, p.tagArray)
	for i, r := range rs {
		r.batch, r.index, r.shown = batch, i, true
	}
}

// domRange returns a DOM Range over the code points start to end.
func (p *painter) domRange(start, end int) app.Value {
	from := anchor.Locate(p.doc, start, false)
	to := anchor.Locate(p.doc, end, true)
	rng := app.Window().Get("document").Call("createRange")
	rng.Call("setStart", p.nodeArray.Index(from.Block), from.UTF16)
	rng.Call("setEnd", p.nodeArray.Index(to.Block), to.UTF16)
	return rng
}
