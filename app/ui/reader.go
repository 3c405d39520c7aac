// Package ui is claimmark's go-app user interface: a thin layer that shows
// the domain packages' documents and annotations and turns the reader's
// gestures into changes to them.
package ui

import (
	"strconv"
	"sync"
	"time"

	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/session"
	"github.com/claimmark/claimmark/web"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// defaultDocument is opened when the reader has opened nothing else. It is
// compiled in, so a first visit needs no request for it and the server can
// prerender it.
var defaultDocument = sync.OnceValues(func() (*document.Document, error) {
	return document.New(web.DefaultDocument)
})

// Routes registers the app's pages with go-app. The wasm entry point and
// the server, which prerenders pages, both call it.
func Routes() {
	app.Route("/", &Reader{})
}

// Reader is the page where a text is read and annotated: a shell that
// lays out the regions, each a component of its own, over one workspace.
// Its own state is which sheets are open.
type Reader struct {
	app.Compo

	w *workspace

	pasting, making, dataOpen, libraryOpen, keysOpen bool
	predictionsOpen, mapOpen                         bool
	printing                                         bool // the print view is drawn
	listOpen                                         bool // the list's sheet, on a phone
	opened                                           int  // the workspace's count of texts opened, as last rendered
	// keys counts the key presses handled, so that a test can wait for
	// the effect of its last one.
	keys int
	// updateReady is set when a new version of the app has been fetched;
	// the reader chooses when to reload into it.
	updateReady bool
}

// The sheets a region can ask the page to open or close, with
// actionToggle and actionClose.
const (
	sheetPaste   = "paste"
	sheetData    = "data"
	sheetLibrary = "library"
	sheetHandout = "handout"
	sheetKeys    = "keys"
	sheetList    = "list" // the list, a sheet of its own on a phone
)

// Actions that regions send to the page.
const (
	actionToggle = "claimmark/toggle" // value: the sheet
	actionClose  = "claimmark/close"  // value: the sheet
)

// OnInit opens the document before the first render, so that the first
// render already shows it: on the server, which prerenders the page, the
// default document; in the browser, the one open last.
func (r *Reader) OnInit() {
	r.w = newWorkspace()
	r.w.page = r
	if app.IsServer {
		if d, err := defaultDocument(); err == nil {
			r.w.doc, r.w.sess = d, session.New(d, nil, time.Now)
		}
		return
	}
	r.w.storage.start()
	r.w.openSaved()
}

func (r *Reader) OnMount(ctx app.Context) {
	w := r.w
	w.ctx = ctx
	ctx.Handle(actionToggle, func(_ app.Context, a app.Action) { r.toggle(a.Value, true) })
	ctx.Handle(actionClose, func(_ app.Context, a app.Action) { r.toggle(a.Value, false) })
	ctx.Handle(actionExport, func(ctx app.Context, a app.Action) {
		if i, ok := a.Value.(int); ok && i >= 0 && i < len(exportKinds) {
			w.exportAs(exportKinds[i])
		}
	})
	ctx.Handle(actionCopyJSON, func(app.Context, app.Action) { w.copyJSON() })
	ctx.Handle(actionMakeHandout, func(app.Context, app.Action) { r.making = true })
	ctx.Handle(actionPrint, func(ctx app.Context, _ app.Action) {
		// The print view is drawn, then printed; it stays, hidden, until
		// the printing is over.
		r.printing = true
		ctx.Defer(func(app.Context) { app.Window().Call("print") })
	})
	r.listenWindow("afterprint", func() { r.printing = false })
	w.listeners = append(w.listeners, w.painter.watchScroll(ctx))
	ctx.Handle(actionUndo, func(app.Context, app.Action) { w.undo() })
	ctx.Handle(actionRedo, func(app.Context, app.Action) { w.redo() })
	for _, name := range []string{actionImportMerge, actionImportReplace, actionImportOpenText, actionImportCancel} {
		ctx.Handle(name, w.imports.act)
	}
	ctx.Handle(actionMessageDo, w.onMessageAction)
	ctx.Handle(actionMessageClose, w.onMessageAction)
	r.listen("keydown", shouldPrevent, r.onKeyDown)
	r.listenToText()
	r.listen("selectionchange", nil, func(app.Value) {
		// The tag buttons are enabled while text is selected.
		if has := w.painter.hasSelection(); has != w.hasSelection {
			w.hasSelection = has
			if !has {
				w.cursor.selectionGone()
			}
			r.Update()
		}
	})
	r.watchNarrow()
	w.storage.listenForClose()
	w.storage.listenToTabs()
	w.storage.persistAndEstimate()
	r.updateReady = ctx.AppUpdateAvailable()
	w.listeners = append(w.listeners, watchForUpdate(ctx, func() { r.updateReady = true }))
	w.rendered()
}

// OnAppUpdate is called by go-app when a new version has been installed
// in the background.
func (r *Reader) OnAppUpdate(ctx app.Context) {
	r.updateReady = ctx.AppUpdateAvailable()
}

func (r *Reader) OnDismount() {
	for _, remove := range r.w.listeners {
		remove()
	}
	r.w.listeners = nil
}

// toggle opens or closes a sheet (open false), or switches it (open true).
func (r *Reader) toggle(sheet any, open bool) {
	var flag *bool
	switch sheet {
	case sheetPaste:
		flag = &r.pasting
	case sheetData:
		flag = &r.dataOpen
	case sheetLibrary:
		flag = &r.libraryOpen
	case sheetHandout:
		flag = &r.making
	case sheetKeys:
		flag = &r.keysOpen
	case sheetPredictions:
		flag = &r.predictionsOpen
	case sheetMap:
		flag = &r.mapOpen
	case sheetList:
		flag = &r.listOpen
	default:
		return
	}
	*flag = open && !*flag
}

// closeTop closes the sheet on top: what Esc closes before it clears the
// selection (a menu open closes first, by itself). It reports whether it
// closed anything.
func (r *Reader) closeTop() bool {
	switch {
	case r.keysOpen:
		r.keysOpen = false
	case r.listOpen && r.w.narrow:
		r.listOpen = false
	case r.w.imports.preview != nil:
		r.w.imports.preview = nil
	case r.making:
		r.making = false
	case r.pasting:
		r.pasting = false
	case r.w.editorSheet() != nil:
		// The sheet lies over the text, and over the panels above it.
		r.w.sess.ClearSelection()
		r.w.paint()
	case r.dataOpen:
		r.dataOpen = false
	case r.libraryOpen:
		r.libraryOpen = false
	case r.predictionsOpen:
		r.predictionsOpen = false
	case r.mapOpen:
		r.mapOpen = false
	default:
		return false
	}
	return true
}

func (r *Reader) Render() app.UI {
	w := r.w
	w.rev++ // the regions that show shared state render with the page
	if r.opened != w.opened {
		r.opened, r.pasting = w.opened, false // the paste was for the text before
	}
	sha := ""
	if w.doc != nil {
		sha = w.doc.SHA256
	}
	status := w.storage.status()
	return app.Div().Class("shell", classIf(r.printing, "printing"), classIf(r.listOpen, "list-open")).DataSet("keys", r.keys).
		OnDragOver(preventDefault).
		OnDrop(w.imports.drop).
		Body(
			app.Button().Class("skip-link").OnClick(skipToText).Text("Skip to text"),
			&toolbar{
				W: w, CanTag: w.hasSelection || len(w.sess.Selected()) > 0, HasDoc: w.doc != nil,
				State: status.State, Label: status.Label, Commits: status.Commits,
				DataOpen: r.dataOpen, LibraryOpen: r.libraryOpen, ListOpen: r.listOpen, Count: len(w.sess.Annotations()),
				UndoLabel: w.sess.UndoLabel(), RedoLabel: w.sess.RedoLabel(), UpdateReady: r.updateReady,
			},
			&messageBar{Message: w.msg.Message, Shown: w.msg.shown},
			// In an element of its own, as the sheets are.
			app.Div().Class("link-slot").Body(w.link.bar()),
			// What the reading cursor crosses; the same words said again
			// differ by a no-break space, so that they are read again.
			app.Div().ID("reading-said").Class("visually-hidden").Attr("role", "status").Attr("aria-live", "polite").
				Text(w.cursor.said+map[bool]string{true: "\u00a0"}[w.cursor.saidCount%2 == 1]),
			// Sheets come and go; kept in one element so that the text
			// after them is never re-created (go-app matches children by
			// position).
			app.Div().Class("sheets").Body(
				app.If(r.keysOpen, &keysSheet{}),
				app.If(r.pasting, &pasteSheet{W: w}),
				w.imports.sheet(),
				app.If(r.dataOpen, &dataPanel{W: w, Doc: sha, Status: status}),
				app.If(r.libraryOpen, &libraryPanel{W: w, Current: sha}),
				app.If(r.predictionsOpen, &predictionsPanel{W: w, Rev: w.rev}),
				r.mapView(),
				r.handoutForm(),
				app.If(w.exercise != nil, &exercisePanel{W: w, Exercise: w.exercise, Rev: w.rev}),
				w.classPanel(),
			),
			app.Main().Class("layout").Body(
				&docView{Doc: w.doc},
				&annotationList{W: w, State: listStateOf(w)},
			),
			w.editorSheet(),
			app.If(r.printing, &printView{W: w, Rev: w.rev}),
		)
}

// mapView is the map of the argument, when it is open.
func (r *Reader) mapView() app.UI {
	if w := r.w; r.mapOpen && w.doc != nil {
		return &mapView{W: w, Doc: w.doc.SHA256, Edits: w.sess.Edits()}
	}
	return nil
}

func (r *Reader) handoutForm() app.UI {
	if !r.making || r.w.doc == nil {
		return nil
	}
	return &handoutForm{W: r.w, Title: r.w.title(), Annotations: len(r.w.sess.Annotations())}
}

// skipToText moves the focus to the text, where the reading cursor is.
func skipToText(ctx app.Context, e app.Event) {
	app.Window().GetElementByID("document").Call("focus", map[string]any{"preventScroll": true})
}

// closeButton closes a sheet.
func closeButton(sheet string) app.UI {
	return app.Button().Class("dismiss").Aria("label", "Close").
		OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actionClose, sheet) }).Text("×")
}

func preventDefault(ctx app.Context, e app.Event) { e.PreventDefault() }

func countText(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// classIf returns class when cond holds; go-app ignores an empty class.
func classIf(cond bool, class string) string {
	if cond {
		return class
	}
	return ""
}
