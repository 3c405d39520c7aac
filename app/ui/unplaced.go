package ui

import (
	"strconv"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// unplacedList lists the annotations that lost their place, to attach to
// a new selection or delete.
type unplacedList struct {
	app.Compo
	W            *workspace
	Annotations  []annotation.Annotation
	HasSelection bool
}

func (u *unplacedList) Render() app.UI {
	return app.Section().Class("unplaced").Aria("label", "Unplaced").Body(
		app.H2().Text("Unplaced ("+strconv.Itoa(len(u.Annotations))+")"),
		app.P().Class("hint").Text("Not found in this text. Select the passage they belong to, then choose Attach here."),
		app.Ol().Aria("label", "Unplaced annotations").Class("items").Body(
			app.Range(u.Annotations).Slice(func(i int) app.UI {
				a := u.Annotations[i]
				return app.Li().Class("item").DataSet("tag", string(a.Tag)).DataSet("id", a.ID).Body(
					app.Div().Class("item-open").Body(
						tagLabel(a.Tag),
						quote(a.Exact),
						app.If(a.Note != "", app.P().Class("note").Text(a.Note)),
					),
					app.Div().Class("editor").Body(
						app.Button().
							Disabled(!u.HasSelection).
							OnMouseDown(preventDefault).
							OnClick(func(ctx app.Context, e app.Event) { u.W.attach(a.ID); u.W.refresh() }, a.ID).
							Text("Attach here"),
						app.Button().Class("delete").
							OnClick(func(ctx app.Context, e app.Event) { u.W.delete([]string{a.ID}); u.W.refresh() }, a.ID).
							Text("Delete"),
					),
				)
			}),
		),
	)
}
