package ui

import (
	"strconv"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Actions that rows send to the reader.
const (
	actionSelect = "claimmark/select"
	actionRetag  = "claimmark/retag"
	actionNote   = "claimmark/note"
	actionDelete = "claimmark/delete"
)

// quoteLen is how many code points of a quote the list shows.
const quoteLen = 160

// annotationRow is one item of the annotation list. A row whose
// annotation and selection did not change is not re-rendered.
type annotationRow struct {
	app.Compo
	Annotation annotation.Annotation
	Selected   bool

	// noteOf is the annotation whose note the textarea holds, and synced
	// the note it was last given. The textarea is filled once per
	// annotation, and again only with a note changed elsewhere (another
	// tab, an undo) while it still holds what it was given: never from
	// state while the reader types, so a render between two keystrokes
	// cannot drop one.
	noteOf, synced string
}

func (r *annotationRow) OnMount(ctx app.Context)  { r.fillNote() }
func (r *annotationRow) OnUpdate(ctx app.Context) { r.fillNote() }

func (r *annotationRow) fillNote() {
	if !r.Selected {
		r.noteOf = ""
		return
	}
	area := app.Window().GetElementByID("note-" + r.Annotation.ID)
	switch note := r.Annotation.Note; {
	case !area.Truthy():
	case r.noteOf != r.Annotation.ID:
		area.Set("value", note)
		r.noteOf, r.synced = r.Annotation.ID, note
	case note != r.synced:
		if area.Get("value").String() == r.synced {
			area.Set("value", note)
		}
		r.synced = note
	}
}

func (r *annotationRow) Render() app.UI {
	a := r.Annotation
	return app.Li().
		ID("item-"+a.ID).
		DataSet("tag", string(a.Tag)).
		DataSet("id", a.ID).
		Class("item", classIf(r.Selected, "selected")).
		Aria("current", strconv.FormatBool(r.Selected)).
		Body(
			app.Button().
				Class("item-open").
				OnClick(r.onSelect).
				Body(
					app.Span().Class("tag", "tag-"+string(a.Tag)).Text(a.Tag.Label()),
					app.Q().Class("quote").Dir("auto").Text(annotation.Shorten(a.Exact, quoteLen)),
					app.If(a.Note != "" && !r.Selected, app.P().Class("note").Text(a.Note)),
				),
			r.editor(),
		)
}

// editor holds the controls of a selected annotation; nil otherwise.
func (r *annotationRow) editor() app.UI {
	if !r.Selected {
		return nil
	}
	a := r.Annotation
	noteID := "note-" + a.ID
	return app.Div().Class("editor").Body(
		app.Div().Class("retag").Aria("label", "Tag").Attr("role", "group").Body(
			app.Range(annotation.Tags).Slice(func(i int) app.UI {
				t := annotation.Tags[i]
				return app.Button().
					Class("tag", "tag-"+string(t)).
					Aria("pressed", strconv.FormatBool(t == a.Tag)).
					Aria("label", "Tag as "+t.Label()).
					OnClick(r.onRetag(t)).
					Text(t.Label())
			}),
		),
		app.Label().For(noteID).Text("Note"),
		app.Textarea().
			ID(noteID).
			Rows(3).
			// UTF-16 units, so never more code points than the limit.
			MaxLength(annotation.MaxNoteLen).
			OnInput(r.onNote),
		app.Button().Class("delete").OnClick(r.onDelete).Text("Delete"),
	)
}

func (r *annotationRow) onSelect(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionSelect, r.Annotation.ID)
}

func (r *annotationRow) onRetag(t annotation.Tag) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		ctx.NewActionWithValue(actionRetag, r.Annotation.ID, app.T("tag", string(t)))
	}
}

func (r *annotationRow) onNote(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionNote, r.Annotation.ID, app.T("note", ctx.JSSrc().Get("value").String()))
}

func (r *annotationRow) onDelete(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionDelete, r.Annotation.ID)
}
