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
	"github.com/claimmark/claimmark/app/session"
	"github.com/claimmark/claimmark/app/store"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The library: the texts on this device, to open, rename or delete.

// library is what the panel shows, read when it opens.
type library struct {
	docs []store.Info
	// renaming and confirming name the document whose title is being
	// edited, or whose deletion awaits a yes.
	renaming, confirming string
}

// toggleLibrary opens or closes the library.
func (r *Reader) toggleLibrary() {
	if r.library != nil {
		r.library = nil
		return
	}
	r.library = &library{}
	r.readLibrary()
}

func (r *Reader) readLibrary() {
	db := r.storage.db
	r.ctx.Async(func() {
		docs, err := db.Documents()
		r.dispatch(func() {
			if err != nil {
				r.fail("The texts on this device could not be listed: " + err.Error())
				return
			}
			if r.library == nil {
				return
			}
			slices.SortFunc(docs, func(a, b store.Info) int {
				return cmp.Or(b.Changed.Compare(a.Changed), b.Opened.Compare(a.Opened), cmp.Compare(a.Title, b.Title))
			})
			r.library.docs = docs
		})
	})
}

// openStored opens a text from the library.
func (r *Reader) openStored(sha string) {
	if r.doc != nil && r.doc.SHA256 == sha {
		r.library = nil
		return
	}
	d, info, err := store.ReadDocument(r.storage.db, sha)
	if err != nil {
		r.fail("This text could not be opened: " + err.Error())
		return
	}
	r.library = nil
	r.load(d, true)
	r.storage.info.Title = info.Title
	if err := r.commitCurrent(); err != nil {
		r.fail(err.Error())
	}
	r.ctx.Defer(func(app.Context) { r.rendered() })
	r.say("Opened “" + r.storage.info.Title + "”.")
}

// commitCurrent makes the open text the one opened on the next start.
func (r *Reader) commitCurrent() error {
	if r.storage.outdated {
		return errOutdated
	}
	info := r.storage.info
	r.queue(store.Batch{Doc: r.doc.SHA256, Info: &info, Current: true})
	return nil
}

// rename gives a stored text another title; its text, and so its
// identity, stay the same.
func (r *Reader) rename(sha, title string) {
	title = strings.Join(strings.Fields(title), " ")
	if title == "" || r.refuseEdit() {
		return
	}
	i := slices.IndexFunc(r.library.docs, func(d store.Info) bool { return d.SHA256 == sha })
	if i < 0 {
		return
	}
	info := r.library.docs[i]
	info.Title = title
	r.library.docs[i], r.library.renaming = info, ""
	if r.doc != nil && r.doc.SHA256 == sha {
		r.storage.info.Title = title
		info = r.storage.info
	}
	r.queue(store.Batch{Doc: sha, Info: &info})
	r.say("Renamed to “" + title + "”.")
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
func (r *Reader) deleteStored(sha string) {
	if r.refuseEdit() {
		return
	}
	db := r.storage.db
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
		r.fail("The text could not be deleted, and is left as it was: " + err.Error())
		return
	}
	if r.doc != nil && r.doc.SHA256 == sha {
		if def, err := defaultDocument(); err == nil {
			r.load(def, false)
			r.ctx.Defer(func(app.Context) { r.rendered() })
		}
	}
	r.library.confirming = ""
	r.readLibrary()
	r.show(message{Message: session.Message{Text: fmt.Sprintf("Deleted “%s” and its %s.", info.Title, countText(len(gone.anns), "annotation")), Actions: []session.Action{session.Undo}},
		undo: func() { r.restoreDeleted(gone) }})
}

// restoreDeleted puts a deleted text back as it was.
func (r *Reader) restoreDeleted(gone deleted) {
	info := gone.info
	r.queue(store.Batch{Doc: gone.doc.SHA256, Text: gone.doc.Text, Info: &info, Put: gone.anns})
	db := r.storage.db
	go func() {
		for _, s := range slices.Backward(gone.snapshots) {
			db.AddSnapshot(s)
		}
	}()
	r.say(fmt.Sprintf("Restored “%s”.", info.Title))
	if r.library != nil {
		i := slices.IndexFunc(r.library.docs, func(d store.Info) bool { return d.SHA256 == info.SHA256 })
		if i < 0 {
			r.library.docs = append([]store.Info{info}, r.library.docs...)
		}
	}
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

func (r *Reader) renderLibrary() app.UI {
	l := r.library
	if l == nil {
		return nil
	}
	return app.Section().Class("library").Aria("label", "Library").Body(
		app.H2().Text("Texts on this device"),
		app.If(len(l.docs) == 0, app.P().Text("No texts are stored yet: a text is stored once you annotate it.")),
		app.Table().Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Text("Title"), app.Th().Text("Size"),
				app.Th().Text("Claims"), app.Th().Text("Evidence"), app.Th().Text("Predictions"),
				app.Th().Text("Last changed"), app.Th().Text("Last exported"), app.Th().Text(""),
			)),
			app.TBody().Body(app.Range(l.docs).Slice(func(i int) app.UI {
				d := l.docs[i]
				current := r.doc != nil && r.doc.SHA256 == d.SHA256
				return app.Tr().DataSet("doc", d.SHA256).Class(classIf(current, "current")).Body(
					app.Td().Class("title").Body(r.renderTitleCell(d)),
					app.Td().Text(sizeText(d.Chars)),
					app.Td().Class("count").Text(strconv.Itoa(d.Claims)),
					app.Td().Class("count").Text(strconv.Itoa(d.Evidence)),
					app.Td().Class("count").Text(strconv.Itoa(d.Predictions)),
					app.Td().Text(when(d.Changed)),
					app.Td().Text(when(d.Exported)),
					app.Td().Class("actions").Body(r.renderLibraryActions(d, current)),
				)
			})),
		),
		app.Button().Class("dismiss").Aria("label", "Close").OnClick(func(ctx app.Context, e app.Event) { r.library = nil }).Text("×"),
	)
}

func (r *Reader) renderTitleCell(d store.Info) app.UI {
	if r.library.renaming != d.SHA256 {
		return app.Span().Text(d.Title)
	}
	id := "rename-" + d.SHA256
	save := func(ctx app.Context, e app.Event) {
		r.rename(d.SHA256, app.Window().GetElementByID(id).Get("value").String())
	}
	return app.Div().Class("rename").Body(
		app.Input().ID(id).Value(d.Title).Aria("label", "New title").AutoFocus(true).
			OnKeyDown(func(ctx app.Context, e app.Event) {
				if e.Get("key").String() == "Enter" {
					save(ctx, e)
				}
			}),
		app.Button().OnClick(save).Text("Save"),
		app.Button().OnClick(func(ctx app.Context, e app.Event) { r.library.renaming = "" }).Text("Cancel"),
	)
}

func (r *Reader) renderLibraryActions(d store.Info, current bool) app.UI {
	if r.library.confirming == d.SHA256 {
		return app.Div().Class("confirm").Body(
			app.Span().Text("Delete it and its annotations?"),
			app.Button().Class("delete").OnClick(func(ctx app.Context, e app.Event) { r.deleteStored(d.SHA256) }, d.SHA256).Text("Delete"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { r.library.confirming = "" }).Text("Keep"),
		)
	}
	return app.Div().Body(
		app.Button().Disabled(current).OnClick(func(ctx app.Context, e app.Event) { r.openStored(d.SHA256) }, d.SHA256).Text("Open"),
		app.Button().OnClick(func(ctx app.Context, e app.Event) { r.library.renaming = d.SHA256 }, d.SHA256).Text("Rename"),
		app.Button().OnClick(func(ctx app.Context, e app.Event) { r.library.confirming = d.SHA256 }, d.SHA256).Text("Delete…"),
	)
}
