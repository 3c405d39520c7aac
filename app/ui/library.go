package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/internal/order"
	"github.com/claimmark/claimmark/app/session"
	"github.com/claimmark/claimmark/app/store"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The library: the texts on this device, to open, rename or delete.

// libraryPanel lists the stored texts, read when it opens.
type libraryPanel struct {
	app.Compo
	W       *workspace
	Current string // the open text's SHA-256

	docs []store.Info
	// renaming and confirming name the document whose title is being
	// edited, or whose deletion awaits a yes.
	renaming, confirming string
}

func (l *libraryPanel) OnMount(ctx app.Context) { l.read(ctx) }

func (l *libraryPanel) read(ctx app.Context) {
	db := l.W.storage.db
	ctx.Async(func() {
		docs, err := db.Documents()
		ctx.Dispatch(func(app.Context) {
			if err != nil {
				l.W.fail("The texts on this device could not be listed: " + err.Error())
				l.W.refresh()
				return
			}
			order.Sort(docs, func(a, b store.Info) int {
				return cmp.Or(b.Changed.Compare(a.Changed), b.Opened.Compare(a.Opened), cmp.Compare(a.Title, b.Title))
			})
			l.docs = docs
		})
	})
}

// openStored opens a text from the library.
func (l *libraryPanel) openStored(ctx app.Context, sha string) {
	w := l.W
	defer w.refresh()
	if w.doc != nil && w.doc.SHA256 == sha {
		ctx.NewActionWithValue(actionClose, sheetLibrary)
		return
	}
	d, info, err := store.ReadDocument(w.storage.db, sha)
	if err != nil {
		w.fail("This text could not be opened: " + err.Error())
		return
	}
	ctx.NewActionWithValue(actionClose, sheetLibrary)
	w.load(d, true)
	w.storage.info.Title = info.Title
	if err := w.storage.commitCurrent(); err != nil {
		w.fail(err.Error())
	}
	w.ctx.Defer(func(app.Context) { w.rendered() })
	w.say("Opened “" + w.storage.info.Title + "”.")
}

// rename gives a stored text another title; its text, and so its
// identity, stay the same.
func (l *libraryPanel) rename(sha, title string) {
	w := l.W
	defer w.refresh()
	title = strings.Join(strings.Fields(title), " ")
	if title == "" || w.refuseEdit() {
		return
	}
	i := slices.IndexFunc(l.docs, func(d store.Info) bool { return d.SHA256 == sha })
	if i < 0 {
		return
	}
	info := l.docs[i]
	info.Title = title
	l.docs[i], l.renaming = info, ""
	if w.doc != nil && w.doc.SHA256 == sha {
		w.storage.info.Title = title
		info = w.storage.info
	}
	w.storage.queue(store.Batch{Doc: sha, Info: &info})
	w.say("Renamed to “" + title + "”.")
}

// deleted is a text taken off the device, kept while its Undo is offered.
type deleted struct {
	info      store.Info
	doc       *document.Document
	anns      []annotation.Annotation
	snapshots []store.Snapshot
}

// deleteStored takes a text and all its annotations off the device; the
// message offers to undo it.
func (l *libraryPanel) deleteStored(ctx app.Context, sha string) {
	w := l.W
	defer w.refresh()
	if w.refuseEdit() {
		return
	}
	db := w.storage.db
	d, info, err := store.ReadDocument(db, sha)
	var gone deleted
	if err == nil {
		var l store.Loaded
		if l, err = store.Load(db, d, time.Now()); err == nil {
			gone = deleted{info: info, doc: d, anns: l.Annotations}
			gone.snapshots, err = db.Snapshots(sha)
		}
	}
	if err == nil {
		err = db.DeleteDocument(sha)
	}
	if err != nil {
		w.fail("The text could not be deleted, and is left as it was: " + err.Error())
		return
	}
	if w.doc != nil && w.doc.SHA256 == sha {
		if def, err := defaultDocument(); err == nil {
			w.load(def, false)
			w.ctx.Defer(func(app.Context) { w.rendered() })
		}
	}
	l.confirming = ""
	l.read(ctx)
	w.show(message{Message: session.Message{Text: fmt.Sprintf("Deleted “%s” and its %s.", info.Title, countText(len(gone.anns), "annotation")), Actions: []session.Action{session.Undo}},
		undo: func() {
			gone.restore(w)
			if l.Mounted() && !slices.ContainsFunc(l.docs, func(d store.Info) bool { return d.SHA256 == gone.info.SHA256 }) {
				l.docs = append([]store.Info{gone.info}, l.docs...)
				l.Update()
			}
		}})
}

// restore puts a deleted text back as it was.
func (gone deleted) restore(w *workspace) {
	info := gone.info
	w.storage.queue(store.Batch{Doc: gone.doc.SHA256, Text: gone.doc.Text, Info: &info, Put: gone.anns})
	db := w.storage.db
	go func() {
		for _, s := range slices.Backward(gone.snapshots) {
			db.AddSnapshot(s)
		}
	}()
	w.say(fmt.Sprintf("Restored “%s”.", info.Title))
}

func sizeText(chars int) string {
	if chars < 10_000 {
		return strconv.Itoa(chars) + " characters"
	}
	return fmt.Sprintf("%.0fk characters", float64(chars)/1000)
}

func when(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return clock(t)
}

func (l *libraryPanel) Render() app.UI {
	return app.Section().Class("library").Aria("label", "Library").Body(
		app.H2().Text("Texts on this device"),
		app.Button().ID("predictions-button").OnClick(func(ctx app.Context, e app.Event) {
			ctx.NewActionWithValue(actionClose, sheetLibrary)
			ctx.NewActionWithValue(actionToggle, sheetPredictions)
		}).Text("Predictions of every text…"),
		app.If(len(l.docs) == 0, app.P().Text("No texts are stored yet: a text is stored once you annotate it.")),
		app.Table().Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Text("Title"), app.Th().Text("Size"),
				app.Th().Text("Claims"), app.Th().Text("Evidence"), app.Th().Text("Predictions"),
				app.Th().Text("Last changed"), app.Th().Text("Last exported"), app.Th().Body(app.Span().Class("visually-hidden").Text("Actions")),
			)),
			app.TBody().Body(app.Range(l.docs).Slice(func(i int) app.UI {
				d := l.docs[i]
				current := l.Current == d.SHA256
				return app.Tr().DataSet("doc", d.SHA256).Class(classIf(current, "current")).Body(
					// Labelled for the cards a narrow screen shows.
					app.Td().Class("title").Body(l.titleCell(d)),
					app.Td().DataSet("label", "Size").Text(sizeText(d.Chars)),
					app.Td().Class("count").DataSet("label", "Claims").Text(strconv.Itoa(d.Claims)),
					app.Td().Class("count").DataSet("label", "Evidence").Text(strconv.Itoa(d.Evidence)),
					app.Td().Class("count").DataSet("label", "Predictions").Text(strconv.Itoa(d.Predictions)),
					app.Td().DataSet("label", "Last changed").Text(when(d.Changed)),
					app.Td().DataSet("label", "Last exported").Text(when(d.Exported)),
					app.Td().Class("actions").Body(l.actions(d, current)),
				)
			})),
		),
		closeButton(sheetLibrary),
	)
}

func (l *libraryPanel) titleCell(d store.Info) app.UI {
	if l.renaming != d.SHA256 {
		return app.Span().Text(d.Title)
	}
	id := "rename-" + d.SHA256
	save := func(ctx app.Context, e app.Event) {
		l.rename(d.SHA256, app.Window().GetElementByID(id).Get("value").String())
	}
	return app.Div().Class("rename").Body(
		app.Input().ID(id).Value(d.Title).Aria("label", "New title").AutoFocus(true).
			OnKeyDown(func(ctx app.Context, e app.Event) {
				if e.Get("key").String() == "Enter" {
					save(ctx, e)
				}
			}),
		app.Button().OnClick(save).Text("Save"),
		app.Button().OnClick(func(ctx app.Context, e app.Event) { l.renaming = "" }).Text("Cancel"),
	)
}

func (l *libraryPanel) actions(d store.Info, current bool) app.UI {
	if l.confirming == d.SHA256 {
		return app.Div().Class("confirm").Body(
			app.Span().Text("Delete it and its annotations?"),
			app.Button().Class("delete").OnClick(func(ctx app.Context, e app.Event) { l.deleteStored(ctx, d.SHA256) }, d.SHA256).Text("Delete"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { l.confirming = "" }).Text("Keep"),
		)
	}
	return app.Div().Body(
		app.Button().Disabled(current).OnClick(func(ctx app.Context, e app.Event) { l.openStored(ctx, d.SHA256) }, d.SHA256).Text("Open"),
		app.Button().OnClick(func(ctx app.Context, e app.Event) { l.renaming = d.SHA256 }, d.SHA256).Text("Rename"),
		app.Button().OnClick(func(ctx app.Context, e app.Event) { l.confirming = d.SHA256 }, d.SHA256).Text("Delete…"),
	)
}
