package ui

import (
	"fmt"
	"slices"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/session"
	"github.com/claimmark/claimmark/app/store"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// workspace is what the regions of the page share: the open text, the
// session of work on it, its storage, its highlights and the message. The
// page owns one and hands it to each region as a prop; a region reads
// what it shows from its other props and changes shared state only
// through the workspace's methods, on the UI goroutine, then refreshes
// the page.
type workspace struct {
	// ctx is the page's own context: work deferred through an event's
	// context is dropped when that event's element goes away.
	ctx app.Context
	// page is re-rendered by refresh.
	page interface{ Update() }

	storage storage
	doc     *document.Document
	// docSaved says whether doc is stored as the current document.
	docSaved bool
	// loadErr is set when saved annotations could not be read; writes are
	// then refused so that they are not overwritten.
	loadErr error
	// sess is the work on the open text: its annotations, selection,
	// history and message.
	sess  *session.Session
	index *annotation.Index
	// indexed is what index and the highlights were made from: a change
	// that leaves all three, such as a note, is not painted again.
	indexed struct {
		sess     *session.Session
		marks    int
		selected []string
	}
	msg     message
	painter painter
	// narrow is set while the window is as narrow as a phone's: the
	// editor is then a sheet by the passage, not a row of the list.
	narrow bool
	// hasSelection is set while text of the document is selected.
	hasSelection bool

	cursor   textCursor
	link     linking
	imports  imports
	exercise *exercise  // the handout a student works on, with this text
	class    *classView // the teacher's comparison, while it is open
	// opened counts the texts opened, so that the page closes the sheets
	// that were about the text before.
	opened int
	// rev counts the page's renders: a region given it as a prop renders
	// again with the page.
	rev int

	listeners []func()
}

func newWorkspace() *workspace {
	w := &workspace{sess: session.New(nil, nil, time.Now)} // until a text is open
	w.storage.w, w.imports.w, w.cursor.w, w.link.w = w, w, w, w
	return w
}

// refresh renders the page again after a region changed shared state.
func (w *workspace) refresh() {
	if w.page != nil {
		w.page.Update()
	}
}

// dispatch runs fn on the UI goroutine, then renders the page; from
// JavaScript callbacks and the saver's goroutine.
func (w *workspace) dispatch(fn func()) {
	if w.ctx == nil {
		return
	}
	w.ctx.Dispatch(func(app.Context) { fn() })
}

// openSaved opens the document open last, or the default one.
func (w *workspace) openSaved() {
	def, err := defaultDocument()
	if err != nil {
		w.fail("The default text could not be opened: " + err.Error())
		return
	}
	sha, err := w.storage.db.Current()
	switch {
	case err != nil:
		w.fail("Browser storage cannot be read (" + err.Error() + "); annotations will not be kept.")
	case sha != "" && sha != def.SHA256:
		d, _, err := store.ReadDocument(w.storage.db, sha)
		if err == nil {
			w.load(d, true)
			return
		}
		w.fail(fmt.Sprintf("The document open last could not be read (%v); opening the default text.", err))
	}
	w.load(def, sha == def.SHA256)
}

// open makes d the current document once the page is running.
func (w *workspace) open(d *document.Document) {
	w.load(d, false)
	if err := w.storage.commit(nil); err != nil {
		w.fail("This text could not be saved on this device, so annotations on it will not be kept: " + err.Error())
	}
	w.ctx.Defer(func(ctx app.Context) { w.rendered() })
}

// load shows d with its saved annotations. saved says whether d is
// already the stored current document; the default document is stored
// only on its first change, so that a first visit writes nothing.
func (w *workspace) load(d *document.Document, saved bool) {
	anns, err := w.storage.loadDocument(d)
	w.loadErr = err
	if err != nil {
		w.fail(fmt.Sprintf("The annotations saved for this text could not be read (%v). They are left as they are, and changes will not be saved.", err))
	}
	w.doc, w.docSaved = d, saved
	w.opened++
	// Only a faster first screen is lost if this fails.
	_ = keepScreen(d)
	w.sess = session.New(d, anns, time.Now)
	if w.storage.outdated {
		w.sess.SetReadOnly(outdatedText)
	}
	w.imports.preview = nil
	w.index = annotation.NewIndex(w.sess.Annotations())
	w.storage.snapshot(false)
	w.exercise = loadExercise(w.storage.db, d)
}

// rendered binds the highlights to the text as rendered and tells tests
// and benchmarks that the app accepts input.
func (w *workspace) rendered() {
	if !highlightsSupported() {
		w.fail("This browser cannot show highlights: claimmark needs the CSS Custom Highlight API (Chrome 105, Safari 17.2, Firefox 140 or later).")
	} else if w.doc != nil {
		// The marks let the benchmark time painting every highlight.
		perfMark("claimmark-paint-start")
		w.painter.reset(w.doc, app.Window().GetElementByID("document"))
		w.paint()
		perfMark("claimmark-paint-end")
	}
	markReady()
}

// changed repaints and saves the annotations after an edit: the one the
// session's change c says, or, with none, whatever differs from what was
// saved.
func (w *workspace) changed(c *session.Change) {
	// The write starts first, so that the browser stores while the page
	// repaints.
	if err := w.storage.commit(c); err != nil {
		w.fail("Not saved: "+err.Error()+". The change is kept in this tab only; export to keep it.", session.ExportNow)
	}
	if in := w.indexed; in.sess != w.sess || in.marks != w.sess.Marks() || !slices.Equal(in.selected, w.sess.Selected()) {
		w.reindex()
	}
}

// refuseEdit says, and tells the reader, when this tab must not change
// anything: a newer version of the app runs in another tab.
func (w *workspace) refuseEdit() bool {
	if w.storage.outdated {
		w.storage.becomeOutdated()
	}
	return w.storage.outdated
}

// edited shows the session's message after a change made through it, and
// saves and repaints if it changed anything.
func (w *workspace) edited(c session.Change) {
	w.showSession()
	if !c.Empty() {
		w.changed(&c)
	}
}

// reindex repaints the annotations after a change.
func (w *workspace) reindex() {
	w.index = annotation.NewIndex(w.sess.Annotations())
	w.indexed.sess, w.indexed.marks, w.indexed.selected = w.sess, w.sess.Marks(), slices.Clone(w.sess.Selected())
	w.paint()
}

func (w *workspace) paint() {
	if w.painter.doc == nil {
		return
	}
	if c := w.class; c != nil && c.report.Handout.Doc.SHA256 == w.doc.SHA256 {
		// The heat map in place of the reader's own highlights.
		w.painter.paint(nil, nil)
		w.painter.paintHeat(c.report.Words, len(c.report.Rows))
		return
	}
	if _, ok := w.painter.highlights["heat-1"]; ok {
		w.painter.paintHeat(nil, 0)
	}
	w.painter.paint(w.sess.Annotations(), w.sess.Selected())
	linked, target := w.link.spans()
	w.painter.paintSpans(linkedHighlight, linked)
	w.painter.paintSpans(linkTargetHighlight, target)
}
