// Package ui is claimmark's go-app user interface: a thin layer that shows
// the domain packages' documents and annotations and turns the reader's
// gestures into changes to them.
package ui

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/session"
	"github.com/claimmark/claimmark/app/store"
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

// message is the one-line status the reader sees after an action: the
// session's, or one about storage, files or the library.
type message struct {
	session.Message
	// undo is what the message's Undo does, when it offers one.
	undo func()
	// shown counts the messages shown, so that a fading one goes only if
	// no other came since.
	shown int
}

// messageFade is how long a confirmation stays.
const messageFade = 6 * time.Second

// Reader is the page where a text is read and annotated.
type Reader struct {
	app.Compo

	// ctx is the reader's own context: work deferred through an event's
	// context is dropped when that event's element goes away.
	ctx     app.Context
	storage storage
	doc     *document.Document
	// sess is the work on the open text: its annotations, selection,
	// history and message.
	sess  *session.Session
	index *annotation.Index

	// loadErr is set when saved annotations could not be read; writes are
	// then refused so that they are not overwritten.
	loadErr      error
	docSaved     bool
	hasSelection bool
	msg          message
	pasting      bool
	placing      string // what an import in progress is doing
	importing    *importPreview
	data         *dataPanel
	library      *library
	making       bool // the form that makes a handout is open
	exercise     *exercise
	class        *classView
	// updateReady is set when a new version of the app has been fetched;
	// the reader chooses when to reload into it.
	updateReady bool

	// listLimit is how many rows of the list are shown: a long list is
	// shown a page at a time, as rendering thousands of rows would stall
	// the page.
	listLimit int

	painter   painter
	listeners []func()
}

// listPage is how many more rows of the list each page shows.
const listPage = 200

func (r *Reader) listLength() int { return max(r.listLimit, listPage) }

// reveal makes the list show the row of an annotation.
func (r *Reader) reveal(id string) {
	if i := slices.IndexFunc(r.shown(), func(a annotation.Annotation) bool { return a.ID == id }); i >= r.listLength() {
		r.listLimit = i + listPage
	}
}

// OnInit opens the document before the first render, so that the first
// render already shows it: on the server, which prerenders the page, the
// default document; in the browser, the one open last.
func (r *Reader) OnInit() {
	r.sess = session.New(nil, nil, time.Now) // until a text is open
	if app.IsServer {
		if d, err := defaultDocument(); err == nil {
			r.doc, r.sess = d, session.New(d, nil, time.Now)
		}
		return
	}
	r.startStorage()
	r.openSaved()
}

func (r *Reader) OnMount(ctx app.Context) {
	r.ctx = ctx
	for _, name := range []string{actionSelect, actionRetag, actionNote, actionDelete} {
		ctx.Handle(name, r.handleRowAction)
	}
	ctx.Handle(actionExport, func(ctx app.Context, a app.Action) {
		if i, ok := a.Value.(int); ok && i >= 0 && i < len(exportKinds) {
			r.exportAs(exportKinds[i])
		}
	})
	ctx.Handle(actionCopyJSON, func(app.Context, app.Action) { r.copyJSON() })
	ctx.Handle(actionMakeHandout, func(app.Context, app.Action) { r.making = true })
	ctx.Handle(actionUndo, func(app.Context, app.Action) { r.undo() })
	ctx.Handle(actionRedo, func(app.Context, app.Action) { r.redo() })
	for _, name := range []string{actionImportMerge, actionImportReplace, actionImportOpenText, actionImportCancel} {
		ctx.Handle(name, r.handleImportAction)
	}
	ctx.Handle(actionMessageDo, r.onMessageAction)
	ctx.Handle(actionMessageClose, r.onMessageAction)
	r.listen("keydown", shouldPrevent, r.onKeyDown)
	r.listen("selectionchange", nil, func(app.Value) {
		// The tag buttons are enabled while text is selected.
		if has := r.selectionInDocument(); has != r.hasSelection {
			r.hasSelection = has
			r.Update()
		}
	})
	r.listenForClose()
	r.listenToTabs()
	r.persistAndEstimate()
	r.updateReady = ctx.AppUpdateAvailable()
	r.listeners = append(r.listeners, watchForUpdate(ctx, func() { r.updateReady = true }))
	r.rendered()
}

// OnAppUpdate is called by go-app when a new version has been installed
// in the background.
func (r *Reader) OnAppUpdate(ctx app.Context) {
	r.updateReady = ctx.AppUpdateAvailable()
}

func (r *Reader) OnDismount() {
	for _, remove := range r.listeners {
		remove()
	}
	r.listeners = nil
}

// listen adds a document event listener. h runs on the UI goroutine and
// calls r.Update when it changed what the page shows, so that frequent
// events such as selectionchange do not re-render for nothing. prevent,
// when set, decides within the event whether to cancel its default.
func (r *Reader) listen(event string, prevent func(app.Value) bool, h func(app.Value)) {
	doc := app.Window().Get("document")
	fn := app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		if prevent != nil && prevent(e) {
			e.Call("preventDefault")
		}
		r.ctx.Dispatcher().Dispatch(app.Dispatch{
			Mode:     app.Next,
			Source:   r,
			Function: func(app.Context) { h(e) },
		})
		return nil
	})
	doc.Call("addEventListener", event, fn)
	r.listeners = append(r.listeners, func() {
		doc.Call("removeEventListener", event, fn)
		fn.Release()
	})
}

// openSaved opens the document open last, or the default one.
func (r *Reader) openSaved() {
	def, err := defaultDocument()
	if err != nil {
		r.fail("The default text could not be opened: " + err.Error())
		return
	}
	sha, err := r.storage.db.Current()
	switch {
	case err != nil:
		r.fail("Browser storage cannot be read (" + err.Error() + "); annotations will not be kept.")
	case sha != "" && sha != def.SHA256:
		d, _, err := store.ReadDocument(r.storage.db, sha)
		if err == nil {
			r.load(d, true)
			return
		}
		r.fail(fmt.Sprintf("The document open last could not be read (%v); opening the default text.", err))
	}
	r.load(def, sha == def.SHA256)
}

// open makes d the current document once the page is running.
func (r *Reader) open(d *document.Document) {
	r.load(d, false)
	if err := r.commit(); err != nil {
		r.fail("This text could not be saved on this device, so annotations on it will not be kept: " + err.Error())
	}
	r.ctx.Defer(func(ctx app.Context) { r.rendered() })
}

// load shows d with its saved annotations. saved says whether d is
// already the stored current document; the default document is stored
// only on its first change, so that a first visit writes nothing.
func (r *Reader) load(d *document.Document, saved bool) {
	anns, err := r.loadDocument(d)
	r.loadErr = err
	if err != nil {
		r.fail(fmt.Sprintf("The annotations saved for this text could not be read (%v). They are left as they are, and changes will not be saved.", err))
	}
	r.doc, r.docSaved = d, saved
	r.sess = session.New(d, anns, time.Now)
	if r.storage.outdated {
		r.sess.SetReadOnly(outdatedText)
	}
	r.pasting, r.importing = false, nil
	r.listLimit = 0
	r.index = annotation.NewIndex(r.sess.Annotations())
	r.snapshot(false)
	r.loadExercise()
}

// rendered binds the highlights to the text as rendered and tells tests
// and benchmarks that the app accepts input.
func (r *Reader) rendered() {
	if !highlightsSupported() {
		r.fail("This browser cannot show highlights: claimmark needs the CSS Custom Highlight API (Chrome 105, Safari 17.2, Firefox 140 or later).")
	} else if r.doc != nil {
		// The marks let the benchmark time painting every highlight.
		perfMark("claimmark-paint-start")
		r.painter.reset(r.doc, app.Window().GetElementByID("document"))
		r.paint()
		perfMark("claimmark-paint-end")
	}
	markReady()
}

// changed repaints and saves the annotations after an edit.
func (r *Reader) changed() {
	// The write starts first, so that the browser stores while the page
	// repaints.
	if err := r.commit(); err != nil {
		r.fail("Not saved: "+err.Error()+". The change is kept in this tab only; export to keep it.", session.ExportNow)
	}
	r.reindex()
}

// refuseEdit says, and tells the reader, when this tab must not change
// anything: a newer version of the app runs in another tab.
func (r *Reader) refuseEdit() bool {
	if r.storage.outdated {
		r.becomeOutdated()
	}
	return r.storage.outdated
}

// edited shows the session's message after a change made through it, and
// saves and repaints if it changed anything.
func (r *Reader) edited(c session.Change) {
	r.showSession()
	if !c.Empty() {
		r.changed()
	}
}

// showSession shows the session's message, its Undo bound to the session.
func (r *Reader) showSession() {
	m := message{Message: r.sess.Message()}
	if m.Offers(session.Undo) {
		m.undo = func() { r.edited(r.sess.Undo()) }
	}
	r.show(m)
}

// show shows m, and lets a confirmation fade.
func (r *Reader) show(m message) {
	m.shown = r.msg.shown + 1
	r.msg = m
	if m.Fades() && m.Text != "" && r.ctx != nil {
		r.ctx.After(messageFade, func(app.Context) {
			if r.msg.shown == m.shown {
				r.msg = message{shown: m.shown}
			}
		})
	}
}

// reindex repaints the annotations after a change.
func (r *Reader) reindex() {
	r.index = annotation.NewIndex(r.sess.Annotations())
	r.paint()
}

func (r *Reader) paint() {
	if r.painter.doc == nil {
		return
	}
	if c := r.class; c != nil && c.report.Handout.Doc.SHA256 == r.doc.SHA256 {
		// The heat map in place of the reader's own highlights.
		r.painter.paint(nil, nil)
		r.painter.paintHeat(c.report.Words, len(c.report.Rows))
		return
	}
	if _, ok := r.painter.highlights["heat-1"]; ok {
		r.painter.paintHeat(nil, 0)
	}
	sel := make(map[string]bool, len(r.sess.Selected()))
	for _, id := range r.sess.Selected() {
		sel[id] = true
	}
	r.painter.paint(r.sess.Annotations(), sel)
}

func (r *Reader) say(text string, actions ...session.Action) {
	r.show(message{Message: session.Message{Text: text, Actions: actions}})
}

func (r *Reader) fail(text string, actions ...session.Action) {
	r.show(message{Message: session.Message{Text: text, Kind: session.Problem, Actions: actions}})
}

// tag tags the selected text, or retags the selected annotations; with
// neither, it says what to do.
func (r *Reader) tag(t annotation.Tag) {
	if r.doc == nil || r.refuseEdit() {
		return
	}
	start, end, ok := r.selectedSpan()
	c := r.sess.Tag(t, start, end, ok)
	if ok && !c.Empty() {
		app.Window().Call("getSelection").Call("removeAllRanges")
		r.hasSelection = false
	}
	r.edited(c)
}

func (r *Reader) delete(ids []string) {
	if r.refuseEdit() {
		return
	}
	r.edited(r.sess.Delete(ids))
}

// undo and redo take back, or make again, the last change to the text.
func (r *Reader) undo() {
	if r.doc != nil && !r.refuseEdit() {
		r.edited(r.sess.Undo())
	}
}

func (r *Reader) redo() {
	if r.doc != nil && !r.refuseEdit() {
		r.edited(r.sess.Redo())
	}
}

func (r *Reader) handleRowAction(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	if a.Name != actionSelect && r.refuseEdit() {
		return
	}
	switch a.Name {
	case actionSelect:
		r.selectOnly(id, true)
	case actionRetag:
		r.edited(r.sess.Retag([]string{id}, annotation.Tag(a.Tags.Get("tag"))))
	case actionNote:
		c := r.sess.SetNote(id, a.Tags.Get("note"))
		if r.sess.Message().Kind == session.Problem {
			r.showSession() // the note was cut at the limit
		}
		if !c.Empty() {
			r.changed()
		}
	case actionDelete:
		r.delete([]string{id})
	}
}

// selectOnly selects one annotation and, if asked, scrolls its passage
// into view.
func (r *Reader) selectOnly(id string, scroll bool) {
	a, ok := r.sess.Find(id)
	if !ok || !r.sess.Select(id) {
		return
	}
	r.reveal(id)
	r.paint()
	if scroll && r.painter.doc != nil && a.Placed() {
		rect := r.painter.domRange(a.Start, a.End).Call("getBoundingClientRect")
		h := app.Window().Get("innerHeight").Float()
		if top := rect.Get("top").Float(); top < 80 || top > h-40 {
			app.Window().Call("scrollBy", 0, top-h/3)
		}
	}
}

// move selects the next (step 1) or previous (step -1) annotation of the
// list as filtered.
func (r *Reader) move(step int) {
	shown := r.shown()
	if len(shown) == 0 {
		return
	}
	at := -1
	if sel := r.sess.Selected(); len(sel) > 0 {
		at = slices.IndexFunc(shown, func(a annotation.Annotation) bool { return a.ID == sel[0] })
	}
	next := at + step
	if at < 0 && step < 0 {
		next = len(shown) - 1
	}
	next = max(0, min(len(shown)-1, next))
	id := shown[next].ID
	r.selectOnly(id, true)
	// The row may be rendered only on the next frame, if it was past the
	// page of the list shown.
	r.ctx.Defer(func(app.Context) {
		if item := app.Window().GetElementByID("item-" + id); item.Truthy() {
			item.Call("scrollIntoView", map[string]any{"block": "nearest"})
		}
	})
}

// shown is the list of placed annotations as filtered.
func (r *Reader) shown() []annotation.Annotation { return r.sess.Shown() }

// attach gives an unplaced annotation the reader's selection as its place.
func (r *Reader) attach(id string) {
	start, end, ok := r.selectedSpan()
	if !ok || r.refuseEdit() {
		return
	}
	c := r.sess.Attach(id, start, end)
	if !c.Empty() {
		app.Window().Call("getSelection").Call("removeAllRanges")
		r.hasSelection = false
	}
	r.edited(c)
}

func countText(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
