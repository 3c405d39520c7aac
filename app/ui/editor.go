package ui

import (
	"strconv"
	"strings"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/session"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// annotationEditor holds the controls of the selected annotation: its
// tag, its note and Delete.
type annotationEditor struct {
	app.Compo
	W          *workspace
	Annotation annotation.Annotation
	Links      []linkLine

	// noteOf is the annotation whose note the textarea holds, and synced
	// the note it was last given. The textarea is filled once per
	// annotation, and again only with a note changed elsewhere (another
	// tab, an undo) while it still holds what it was given: never from
	// state while the reader types, so a render between two keystrokes
	// cannot drop one.
	noteOf, synced string
}

func (ed *annotationEditor) OnMount(ctx app.Context)  { ed.fillNote() }
func (ed *annotationEditor) OnUpdate(ctx app.Context) { ed.fillNote() }

func (ed *annotationEditor) fillNote() {
	a := ed.Annotation
	area := app.Window().GetElementByID("note-" + a.ID)
	switch {
	case !area.Truthy():
	case ed.noteOf != a.ID:
		area.Set("value", a.Note)
		ed.noteOf, ed.synced = a.ID, a.Note
	case a.Note != ed.synced:
		if area.Get("value").String() == ed.synced {
			area.Set("value", a.Note)
		}
		ed.synced = a.Note
	}
}

func (ed *annotationEditor) Render() app.UI {
	a := ed.Annotation
	noteID := "note-" + a.ID
	return app.Div().Class("editor").Body(
		app.Div().Class("retag").Aria("label", "Tag").Attr("role", "group").Body(
			app.Range(annotation.Tags).Slice(func(i int) app.UI {
				t := annotation.Tags[i]
				return app.Button().
					Class("tag", "tag-"+string(t)).
					Aria("pressed", strconv.FormatBool(t == a.Tag)).
					Aria("label", "Tag as "+t.Label()).
					OnClick(func(ctx app.Context, e app.Event) { ed.retag(t) }, t).
					Text(t.Label())
			}),
		),
		app.Label().For(noteID).Text("Note"),
		app.Textarea().
			ID(noteID).
			Rows(3).
			// UTF-16 units, so never more code points than the limit.
			MaxLength(annotation.MaxNoteLen).
			OnInput(ed.onNote),
		app.If(a.Tag == annotation.Prediction, &forecastForm{W: ed.W, Annotation: a}),
		linkList(ed.W, ed.Links),
		app.Div().Class("editor-actions").Body(
			app.Button().Class("link").Aria("label", "Link this "+strings.ToLower(a.Tag.Label())+" to another passage").
				OnClick(func(ctx app.Context, e app.Event) { ed.W.link.start(a.ID); ed.W.refresh() }).Text("Link…"),
			app.Button().Class("delete").Aria("label", "Delete this "+strings.ToLower(a.Tag.Label())).OnClick(ed.onDelete).Text("Delete"),
		),
	)
}

// linkLine is one link of the selected annotation as its editor lists it.
type linkLine struct {
	From, LinkID string // the annotation that holds the link, and its id
	Other        string // the annotation at the other end
	Text         string // "Supports “…”" or "“…” undermines this"
	Attacks      bool
}

// lines lists the links from and to the annotation id.
func (l *linking) lines(id string) []linkLine {
	w := l.w
	var lines []linkLine
	for _, end := range w.sess.LinksOf(id) {
		other := end.To
		if !end.Out {
			other = end.From
		}
		o, _ := w.sess.Find(other)
		q := "“" + annotation.Shorten(o.Exact, 60) + "”"
		text := strings.ToUpper(end.Type.Label()[:1]) + end.Type.Label()[1:] + " " + q
		if !end.Out {
			text = q + " " + end.Type.Label() + " this"
		}
		lines = append(lines, linkLine{From: end.From, LinkID: end.ID, Other: other, Text: text, Attacks: end.Type.Attacks()})
	}
	return lines
}

func linkList(w *workspace, lines []linkLine) app.UI {
	if len(lines) == 0 {
		return nil
	}
	return app.Div().Class("links").Body(
		app.H3().Text("Links"),
		app.Ul().Body(app.Range(lines).Slice(func(i int) app.UI {
			l := lines[i]
			return app.Li().Class(classIf(l.Attacks, "attack")).Body(
				app.Button().Class("link-go").OnClick(func(ctx app.Context, e app.Event) {
					w.selectOnly(l.Other, true)
					w.refresh()
				}, l.Other).Text(l.Text),
				app.Button().Class("unlink").Aria("label", "Remove the link: "+l.Text).OnClick(func(ctx app.Context, e app.Event) {
					if !w.refuseEdit() {
						w.edited(w.sess.Unlink(l.From, l.LinkID))
					}
					w.refresh()
				}, l.LinkID).Text("×"),
			)
		})),
	)
}

func (ed *annotationEditor) retag(t annotation.Tag) {
	if w := ed.W; !w.refuseEdit() {
		w.edited(w.sess.Retag([]string{ed.Annotation.ID}, t))
	}
	ed.W.refresh()
}

func (ed *annotationEditor) onNote(ctx app.Context, e app.Event) {
	w := ed.W
	defer w.refresh()
	if w.refuseEdit() {
		return
	}
	c := w.sess.SetNote(ed.Annotation.ID, ctx.JSSrc().Get("value").String())
	if w.sess.Message().Kind == session.Problem {
		w.showSession() // the note was cut at the limit
	}
	if !c.Empty() {
		w.changed(&c)
	}
}

func (ed *annotationEditor) onDelete(ctx app.Context, e app.Event) {
	ed.W.delete([]string{ed.Annotation.ID})
	ed.W.refresh()
}
