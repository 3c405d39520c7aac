package ui

import (
	"fmt"
	"strconv"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func (r *Reader) Render() app.UI {
	canTag := r.hasSelection || len(r.sess.Selected()) > 0
	return app.Div().Class("shell").
		OnDragOver(r.onDragOver).
		OnDrop(r.onDrop).
		Body(
			r.renderToolbar(canTag),
			&messageBar{Message: r.msg.Message, Shown: r.msg.shown},
			// Sheets come and go; kept in one element so that the text
			// after them is never re-created (go-app matches children by
			// position).
			app.Div().Class("sheets").Body(
				app.If(r.pasting, r.renderPaste()),
				r.renderImport(),
				r.renderData(),
				r.renderLibrary(),
				r.renderMakeHandout(),
				r.renderExercise(),
				r.renderClass(),
			),
			app.Main().Class("layout").Body(
				app.Div().OnClick(r.onDocumentClick).Body(&docView{Doc: r.doc}),
				r.renderPanel(),
			),
		)
}

func (r *Reader) renderToolbar(canTag bool) app.UI {
	return app.Header().Class("toolbar").Body(
		app.Span().Class("brand").Text("claimmark"),
		r.renderSaveState(),
		app.Div().Class("tools").Attr("role", "toolbar").Aria("label", "Tag the selection").Body(
			app.Range(annotation.Tags).Slice(func(i int) app.UI {
				t := annotation.Tags[i]
				return app.Button().
					Class("tag", "tag-"+string(t)).
					Title(t.Label()+" ("+string(t[0])+")").
					Disabled(!canTag).
					// Keep the text selection: a press must not move focus.
					OnMouseDown(preventDefault).
					OnClick(func(ctx app.Context, e app.Event) { r.tag(t) }, t).
					Text(t.Label())
			}),
		),
		&historyButtons{UndoLabel: r.sess.UndoLabel(), RedoLabel: r.sess.RedoLabel()},
		app.Div().Class("files").Body(
			app.Button().ID("library-button").Aria("expanded", strconv.FormatBool(r.library != nil)).
				OnClick(func(ctx app.Context, e app.Event) { r.toggleLibrary() }).Text("Library"),
			app.Label().Class("button").For("open-file").Text("Open file"),
			app.Input().
				ID("open-file").
				Class("visually-hidden").
				Type("file").
				Accept(".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html").
				OnChange(r.onFileChosen),
			app.Button().OnClick(func(ctx app.Context, e app.Event) {
				r.pasting = !r.pasting
			}).Text("Paste text"),
			app.Label().Class("button").For("import-file").Text("Import"),
			app.Input().
				ID("import-file").
				Class("visually-hidden").
				Type("file").
				// Many at once: a handout with its class's submissions.
				Multiple(true).
				Accept(".json,.jsonld,application/json,application/ld+json").
				OnChange(r.onFileChosen),
			&exportMenu{Disabled: r.doc == nil},
			app.If(r.updateReady,
				app.Button().ID("update").Class("update").
					OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }).
					Text("Update available, reload"),
			),
		),
	)
}

func preventDefault(ctx app.Context, e app.Event) { e.PreventDefault() }

func (r *Reader) renderPaste() app.UI {
	return app.Section().Class("paste").Aria("label", "Paste a text").Body(
		app.Label().For("paste-text").Text("Text to open"),
		app.Textarea().ID("paste-text").Rows(8).Placeholder("Paste the text here. A short first line becomes its title."),
		app.Div().Body(
			app.Button().OnClick(r.onPasteOpen).Text("Open"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { r.pasting = false }).Text("Cancel"),
		),
	)
}

func (r *Reader) renderPanel() app.UI {
	counts := map[annotation.Tag]int{}
	var unplaced []annotation.Annotation
	for _, a := range r.sess.Annotations() {
		if a.Placed() {
			counts[a.Tag]++
		} else {
			unplaced = append(unplaced, a)
		}
	}
	shown := r.shown()
	rows := shown[:min(len(shown), r.listLength())]
	selected := make(map[string]bool, len(r.sess.Selected()))
	for _, id := range r.sess.Selected() {
		selected[id] = true
	}
	return app.Aside().Class("panel").Body(
		app.H2().Text("Annotations"),
		app.Div().Class("filters").Attr("role", "group").Aria("label", "Show").Body(
			r.filterButton("", "All", len(r.sess.Annotations())-len(unplaced)),
			app.Range(annotation.Tags).Slice(func(i int) app.UI {
				t := annotation.Tags[i]
				return r.filterButton(t, t.Label(), counts[t])
			}),
		),
		// Hidden rather than left out, so that the list after them keeps
		// its place among the children, and the focus of its note fields.
		app.P().Class("hint").Hidden(len(r.sess.Annotations()) > 0).Text("Select a passage, then press Claim, Evidence or Prediction (or c, e, p)."),
		app.P().Class("hint", "privacy").Text("Your texts and annotations stay on this device, in this browser; export them to keep a copy."),
		app.P().Class("hint", "reminder").Hidden(r.exportReminder() == "").Text(r.exportReminder()),
		app.Ol().Aria("label", "Annotations").Class("items").Body(
			app.Range(rows).Slice(func(i int) app.UI {
				return &annotationRow{Annotation: rows[i], Selected: selected[rows[i].ID]}
			}),
		),
		app.If(len(rows) < len(shown),
			app.Button().Class("more").OnClick(func(ctx app.Context, e app.Event) {
				r.listLimit = len(rows) + listPage
			}).Text(fmt.Sprintf("Show more (%d not shown)", len(shown)-len(rows))),
		),
		app.If(len(unplaced) > 0, r.renderUnplaced(unplaced)),
	)
}

// renderUnplaced lists the annotations that lost their place, to attach
// to a new selection or delete.
func (r *Reader) renderUnplaced(unplaced []annotation.Annotation) app.UI {
	return app.Section().Class("unplaced").Aria("label", "Unplaced").Body(
		app.H2().Text("Unplaced ("+strconv.Itoa(len(unplaced))+")"),
		app.P().Class("hint").Text("Not found in this text. Select the passage they belong to, then choose Attach here."),
		app.Ol().Aria("label", "Unplaced annotations").Class("items").Body(
			app.Range(unplaced).Slice(func(i int) app.UI {
				a := unplaced[i]
				return app.Li().Class("item").DataSet("tag", string(a.Tag)).DataSet("id", a.ID).Body(
					app.Div().Class("item-open").Body(
						app.Span().Class("tag", "tag-"+string(a.Tag)).Text(a.Tag.Label()),
						app.Q().Class("quote").Dir("auto").Text(annotation.Shorten(a.Exact, quoteLen)),
						app.If(a.Note != "", app.P().Class("note").Text(a.Note)),
					),
					app.Div().Class("editor").Body(
						app.Button().
							Disabled(!r.hasSelection).
							OnMouseDown(preventDefault).
							OnClick(func(ctx app.Context, e app.Event) { r.attach(a.ID) }, a.ID).
							Text("Attach here"),
						app.Button().Class("delete").
							OnClick(func(ctx app.Context, e app.Event) { r.delete([]string{a.ID}) }, a.ID).
							Text("Delete"),
					),
				)
			}),
		),
	)
}

func (r *Reader) filterButton(t annotation.Tag, label string, n int) app.UI {
	return app.Button().
		Class("filter").
		DataSet("filter", string(t)).
		Aria("pressed", strconv.FormatBool(r.sess.Filter() == t)).
		OnClick(func(ctx app.Context, e app.Event) { r.sess.SetFilter(t) }, t).
		Body(
			app.Span().Text(label+" "),
			app.Span().Class("count").Text(strconv.Itoa(n)),
		)
}

// classIf returns class when cond holds; go-app ignores an empty class.
func classIf(cond bool, class string) string {
	if cond {
		return class
	}
	return ""
}
