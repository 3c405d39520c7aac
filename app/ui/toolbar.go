package ui

import (
	"strconv"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// toolbar is the page's header: the tag buttons, Undo and Redo, the state
// of saving, and the files: library, open, paste, import and export.
type toolbar struct {
	app.Compo
	W *workspace

	CanTag, HasDoc        bool
	State, Label          string // of saving
	Commits               int
	DataOpen, LibraryOpen bool
	ListOpen              bool // the list's sheet, on a phone
	Count                 int  // the annotations, on the list's button
	UndoLabel, RedoLabel  string
	UpdateReady           bool
}

func (t *toolbar) Render() app.UI {
	return app.Header().Class("toolbar").Body(
		app.Span().Class("brand").Text("claimmark"),
		app.Button().Class("save-state", "wide-only").DataSet("state", t.State).DataSet("commits", t.Commits).
			Aria("expanded", strconv.FormatBool(t.DataOpen)).
			Title("Storage, snapshots and backups").
			Aria("label", t.Label+": open the Data panel (storage, snapshots and backups)").
			OnClick(t.toggle(sheetData)).
			Text(t.Label),
		app.Div().Class("tools").Attr("role", "toolbar").Aria("label", "Tag the selection").Body(
			app.Range(annotation.Tags).Slice(func(i int) app.UI {
				tag := annotation.Tags[i]
				return app.Button().
					Class("tag", "tag-"+string(tag)).
					Title(tag.Label()+" ("+string(tag[0])+")").
					Disabled(!t.CanTag).
					// Keep the text selection: a press must not move focus.
					OnMouseDown(preventDefault).
					OnClick(func(ctx app.Context, e app.Event) { t.W.tag(tag); t.W.refresh() }, tag).
					Text(tag.Label())
			}),
		),
		&historyButtons{UndoLabel: t.UndoLabel, RedoLabel: t.RedoLabel},
		// On a phone only: the list is a sheet of its own.
		app.Button().ID("list-button").Aria("expanded", strconv.FormatBool(t.ListOpen)).
			Aria("label", "Annotations: "+countText(t.Count, "annotation")).
			OnClick(t.toggle(sheetList)).Text("☰ "+strconv.Itoa(t.Count)),
		app.Div().Class("files").Body(
			app.Button().ID("library-button").Class("wide-only").Aria("expanded", strconv.FormatBool(t.LibraryOpen)).
				OnClick(t.toggle(sheetLibrary)).Text("Library"),
			fileButton("open-file", "Open file", "wide-only"),
			app.Input().
				ID("open-file").
				// Named here too: on a phone its label is in the More menu.
				Aria("label", "Open file").
				Class("visually-hidden").
				Type("file").
				Accept(".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html").
				OnChange(t.chosen),
			app.Button().Class("wide-only").OnClick(t.toggle(sheetPaste)).Text("Paste text"),
			fileButton("import-file", "Import", "wide-only"),
			app.Input().
				ID("import-file").
				Aria("label", "Import").
				Class("visually-hidden").
				Type("file").
				// Many at once: a handout with its class's submissions.
				Multiple(true).
				Accept(".json,.jsonld,.csv,application/json,application/ld+json,text/csv").
				OnChange(t.chosen),
			app.Div().Class("wide-only").Body(&menu{ID: "export-button", Label: "Export", Disabled: !t.HasDoc, Items: exportItems}),
			// On a phone, what does not fit on the one row.
			app.Div().Class("narrow-only").Body(&menu{ID: "more-button", Label: "More", Text: "⋯", Items: t.moreItems()}),
			app.If(t.UpdateReady,
				app.Button().ID("update").Class("update").
					OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }).
					Text("Update available, reload"),
			),
		),
	)
}

// moreItems are the More menu's entries, on a phone: the state of saving
// and the files, then the export.
func (t *toolbar) moreItems() []menuItem {
	items := []menuItem{
		{Label: t.Label + ": storage and backups", Action: actionToggle, Value: sheetData},
		{Label: "Library", Action: actionToggle, Value: sheetLibrary},
		{Label: "Predictions", Action: actionToggle, Value: sheetPredictions},
		{Label: "Open file", For: "open-file"},
		{Label: "Paste text", Action: actionToggle, Value: sheetPaste},
		{Label: "Import", For: "import-file"},
	}
	if t.HasDoc {
		items = append(items, exportItems...)
	}
	return items
}

func (t *toolbar) toggle(sheet string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actionToggle, sheet) }
}

func (t *toolbar) chosen(ctx app.Context, e app.Event) {
	t.W.imports.chosen(ctx, e)
	t.W.refresh()
}

// fileButton is what the reader sees of a file input: a label that looks
// like a button and opens it. Screen readers skip it, as the input, which
// has the focus, carries the same name (so that nothing is announced
// twice); CSS rings it while its input has the keyboard's focus.
func fileButton(input, name, class string) app.UI {
	return app.Label().Class("button", class).For(input).Aria("hidden", "true").Text(name)
}
