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
		app.Button().Class("delete").Aria("label", "Delete this "+strings.ToLower(a.Tag.Label())).OnClick(ed.onDelete).Text("Delete"),
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
		w.changed()
	}
}

func (ed *annotationEditor) onDelete(ctx app.Context, e app.Event) {
	ed.W.delete([]string{ed.Annotation.ID})
	ed.W.refresh()
}
