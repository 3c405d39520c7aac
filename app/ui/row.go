package ui

import (
	"strconv"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// quoteLen is how many code points of a quote the list shows.
const quoteLen = 160

// tagLabel is a tag's name in its colour.
func tagLabel(t annotation.Tag) app.UI {
	return app.Span().Class("tag", "tag-"+string(t)).Text(t.Label())
}

// quote is a passage as the lists show it: shortened at a word, and
// isolated, so that a right-to-left quote sits between its marks.
func quote(exact string) app.UI {
	return app.Q().Class("quote").Dir("auto").Text(annotation.Shorten(exact, quoteLen))
}

// annotationRow is one item of the annotation list; the selected one
// holds its editor. A row whose annotation and selection did not change
// is not re-rendered.
type annotationRow struct {
	app.Compo
	W          *workspace
	Annotation annotation.Annotation
	Selected   bool
	Editor     bool // the selected row holds the editor (not on a phone)
	Links      []linkLine
	// Under is how the annotation bears on the claim above it, in a list
	// grouped by claim; Apart starts those that bear on none.
	Under annotation.Relation
	Apart bool
}

func (r *annotationRow) Render() app.UI {
	a := r.Annotation
	return app.Li().
		ID("item-"+a.ID).
		DataSet("tag", string(a.Tag)).
		DataSet("id", a.ID).
		Class("item", classIf(r.Selected, "selected"), classIf(r.Under != "", "under"), classIf(r.Apart, "apart")).
		Aria("current", strconv.FormatBool(r.Selected)).
		Body(
			app.Button().
				Class("item-open").
				OnClick(r.onSelect).
				Body(
					app.If(r.Under != "", app.Span().Class("under-label").Text("↳ "+r.Under.Label()+" ")),
					tagLabel(a.Tag),
					quote(a.Exact),
					app.If(a.Note != "" && !(r.Selected && r.Editor), app.P().Class("note").Text(a.Note)),
				),
			r.editor(),
		)
}

func (r *annotationRow) editor() app.UI {
	if !r.Selected || !r.Editor {
		return nil
	}
	return &annotationEditor{W: r.W, Annotation: r.Annotation, Links: r.Links}
}

func (r *annotationRow) onSelect(ctx app.Context, e app.Event) {
	if !r.Editor { // on a phone: the list's sheet gives way to the passage and its editor
		ctx.NewActionWithValue(actionClose, sheetList)
	}
	if r.W.link.active() {
		r.W.link.pick(r.Annotation.ID)
		r.W.refresh()
		return
	}
	r.W.selectOnly(r.Annotation.ID, true)
	r.W.refresh()
}
