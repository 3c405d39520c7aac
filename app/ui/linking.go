package ui

import (
	"slices"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The highlights of links: the passages linked to the selected one, and,
// while a link is being made, the passage it would go to.
const (
	linkedHighlight     = "linked"
	linkTargetHighlight = "link-target"
)

// linking is a link being made: from the annotation the reader chose
// "Link…" on, to the one they point at (a click on its passage or its
// row, or j/k then Enter), with the relation they then choose.
type linking struct {
	w    *workspace
	from string // "" when no link is being made
	// candidate is the annotation j/k rests on; to, the one picked, whose
	// relations the link bar offers.
	candidate, to string
}

func (l *linking) active() bool { return l.from != "" }

// start begins a link from the annotation id.
func (l *linking) start(id string) {
	if _, ok := l.w.sess.Find(id); !ok || l.w.refuseEdit() {
		return
	}
	l.from, l.candidate, l.to = id, "", ""
	l.w.paint()
	l.w.ctx.Defer(func(app.Context) { focusByID("link-bar") })
}

func (l *linking) cancel() {
	if l.active() {
		l.from, l.candidate, l.to = "", "", ""
		l.w.paint()
		l.w.ctx.Defer(func(app.Context) { focusByID("document") })
	}
}

// pick makes id the annotation the link goes to, and moves the focus to
// the first relation that fits.
func (l *linking) pick(id string) {
	if id == "" || id == l.from {
		return
	}
	l.to, l.candidate = id, id
	l.w.paint()
	l.w.ctx.Defer(func(app.Context) {
		if b := app.Window().Get("document").Call("querySelector", "#link-bar .relation"); b.Truthy() {
			b.Call("focus")
		}
	})
}

// move rests the candidate on the next (1) or previous (-1) annotation of
// the list, past the one the link comes from.
func (l *linking) move(step int) {
	shown := l.w.sess.Shown()
	shown = slices.DeleteFunc(slices.Clone(shown), func(a annotation.Annotation) bool { return a.ID == l.from })
	if len(shown) == 0 {
		return
	}
	at := slices.IndexFunc(shown, func(a annotation.Annotation) bool { return a.ID == l.candidate })
	next := at + step
	if at < 0 {
		next = map[bool]int{true: 0, false: len(shown) - 1}[step > 0]
	}
	next = max(0, min(len(shown)-1, next))
	l.candidate, l.to = shown[next].ID, ""
	l.w.paint()
	if a := shown[next]; a.Placed() {
		l.w.painter.scrollToSpan(a.Start, a.End)
	}
}

// make links with relation r, and ends the link.
func (l *linking) make(r annotation.Relation) {
	from, to := l.from, l.to
	l.from, l.candidate, l.to = "", "", ""
	l.w.edited(l.w.sess.Link(from, to, r))
	l.w.paint()
	l.w.ctx.Defer(func(app.Context) { focusByID("document") })
}

// key handles a key while a link is being made; it reports whether it
// did.
func (l *linking) key(e app.Value) bool {
	if !l.active() {
		return false
	}
	switch e.Get("key").String() {
	case "j":
		l.move(1)
	case "k":
		l.move(-1)
	case "Enter":
		if l.to != "" {
			return false // the focused relation button takes it
		}
		l.pick(l.candidate)
	case "Escape":
		l.cancel()
	default:
		return false
	}
	return true
}

// spans are the passages to paint: those linked to the selected
// annotations, and the one a link being made would go to.
func (l *linking) spans() (linked, target [][2]int) {
	w := l.w
	at := func(id string) ([2]int, bool) {
		if id == "" {
			return [2]int{}, false
		}
		a, ok := w.sess.Find(id)
		return [2]int{a.Start, a.End}, ok && a.Placed()
	}
	for _, id := range w.sess.Selected() {
		for _, end := range w.sess.LinksOf(id) {
			other := end.To
			if !end.Out {
				other = end.From
			}
			if s, ok := at(other); ok {
				linked = append(linked, s)
			}
		}
	}
	to := l.to
	if to == "" {
		to = l.candidate
	}
	if s, ok := at(to); ok && l.active() {
		target = append(target, s)
	}
	return linked, target
}

// paintSpans fills the highlight called name with ranges over spans,
// making it the first time.
func (p *painter) paintSpans(name string, spans [][2]int) {
	h, ok := p.highlights[name]
	if !ok {
		h = app.Window().Get("Highlight").New()
		h.Set("priority", len(p.highlights))
		app.Window().Get("CSS").Get("highlights").Call("set", name, h)
		p.highlights[name] = h
	}
	h.Call("clear")
	for _, s := range spans {
		h.Call("add", p.domRange(s[0], s[1]))
	}
}

func focusByID(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus", map[string]any{"preventScroll": true})
	}
}

// linkBar says what a link being made needs next, and offers the
// relations that fit once its target is picked.
type linkBar struct {
	app.Compo
	W              *workspace
	From, To       annotation.Annotation
	Candidate      annotation.Annotation
	HasTo, HasCand bool
}

func (b *linkBar) Render() app.UI {
	l := &b.W.link
	prompt := "Link “" + annotation.Shorten(b.From.Exact, 40) + "” to: click the passage or its row, or press j or k, then Enter."
	if b.HasCand && !b.HasTo {
		prompt = "Link “" + annotation.Shorten(b.From.Exact, 40) + "” to “" + annotation.Shorten(b.Candidate.Exact, 40) + "”? Enter picks it; j or k moves on."
	}
	var relations []annotation.Relation
	if b.HasTo {
		prompt = "“" + annotation.Shorten(b.From.Exact, 40) + "” … “" + annotation.Shorten(b.To.Exact, 40) + "”:"
		relations = annotation.RelationsFitting(b.From.Tag, b.To.Tag)
		if len(relations) == 0 {
			prompt += " no link fits a " + b.From.Tag.Label() + " and a " + b.To.Tag.Label() + ". Pick another passage."
		}
	}
	// A region of its own, named, so that it is found among the landmarks.
	return app.Section().ID("link-bar").Class("link-bar").TabIndex(-1).Aria("label", "Make a link").Body(
		app.Span().Attr("role", "status").Attr("aria-live", "polite").Text(prompt),
		app.Range(relations).Slice(func(i int) app.UI {
			r := relations[i]
			return app.Button().Class("relation", "relation-"+string(r)).OnClick(func(ctx app.Context, e app.Event) {
				l.make(r)
				b.W.refresh()
			}, r).Text(r.Label())
		}),
		app.Button().Class("cancel").OnClick(func(ctx app.Context, e app.Event) {
			l.cancel()
			b.W.refresh()
		}).Text("Cancel"),
	)
}

// bar is the link bar while a link is being made.
func (l *linking) bar() app.UI {
	if !l.active() {
		return nil
	}
	from, _ := l.w.sess.Find(l.from)
	to, hasTo := l.w.sess.Find(l.to)
	cand, hasCand := l.w.sess.Find(l.candidate)
	return &linkBar{W: l.w, From: from, To: to, Candidate: cand, HasTo: hasTo && l.to != "", HasCand: hasCand && l.candidate != ""}
}
