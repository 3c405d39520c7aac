package ui

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/session"
	"github.com/claimmark/claimmark/app/store"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Saving: every change becomes a store.Batch, queued to the saver, which
// journals it in localStorage, writes it to IndexedDB in one transaction
// and only then reports it saved; the tabs open on the same document are
// told.

// storage is the reader's side of saving.
type storage struct {
	db    store.DB
	kv    store.KV
	saver *store.Saver
	tab   string // this tab, in messages to the others
	// saved holds the current document's annotations as last queued, to
	// find what a change changed.
	saved map[string]annotation.Annotation
	info  store.Info
	// err is the last write given up on; nil once a write goes through.
	err error
	// outdated is set once a newer version of the app runs in another
	// tab: this one then writes nothing.
	outdated bool
	// rewrite is set when the browser's storage was found cleared: the
	// next change is the whole document, written back.
	rewrite   bool
	channel   app.Value
	persisted string // "yes", "no" or "" while unknown
	// newest is the current document's newest snapshot.
	newest     *store.Snapshot
	used, room float64
	// unpacked counts the rows of the current document written since its
	// pack, as far as this tab knows.
	unpacked int
	// commits counts the changes queued, so that a test can tell that
	// the state shown is that of its last change.
	commits int
	// lastChanged is the annotation the last change changed alone.
	lastChanged string
}

// errUnavailable stands for a database that could not be opened.
var errUnavailable = errors.New("the browser's storage cannot be used")

// startStorage opens the database, writes what a closed page left in its
// journal, moves schema 1's records out of localStorage, and starts the
// saver. It runs before the first render.
func (r *Reader) startStorage() {
	s := &r.storage
	s.kv = localStorage{}
	s.tab = annotation.NewID()
	db, err := openDB(func() { r.dispatch(r.becomeOutdated) }, func() { r.dispatch(r.writeBack) })
	if err != nil {
		s.db, s.err = &store.Memory{}, fmt.Errorf("%w: %v", errUnavailable, err)
		r.fail("Browser storage cannot be used (" + err.Error() + "). Annotations will stay in this tab only; export them to keep them.")
	} else {
		s.db = db
		r.replayJournal()
		if n, err := store.MigrateV1(s.kv, db, time.Now()); err != nil {
			r.fail("Annotations saved by an earlier version could not be moved to the new storage (" + err.Error() + "). They are left where they were.")
		} else if n > 0 {
			r.say(fmt.Sprintf("Moved %s saved by an earlier version to the new storage.", countText(n, "text")))
		}
	}
	s.saver = &store.Saver{DB: s.db, Sleep: time.Sleep, Report: r.onSaveReport,
		Journal: &store.Journal{KV: s.kv, Key: store.JournalKey + "/" + s.tab},
		Written: func(b store.Batch) {
			r.post(store.NewMessage(s.tab, b))
			rows := len(b.Put) + len(b.Delete)
			if rows > store.PackOnWrite {
				rows = 0 // packed as written
			}
			r.dispatch(func() {
				if r.doc != nil && b.Doc == r.doc.SHA256 {
					s.unpacked += rows
					r.repackIfDue(b.Doc)
				}
			})
		}}
	go s.saver.Run()
}

// replayJournal writes the changes that closed pages left unwritten.
func (r *Reader) replayJournal() {
	s := &r.storage
	keys, err := store.Journals(s.kv)
	if err != nil {
		return
	}
	for _, key := range keys {
		j, ok, err := s.kv.Get(key)
		if err != nil || !ok {
			continue
		}
		if _, err := store.Replay(s.db, j); err != nil {
			// Kept for the reader to download rather than tried at every
			// start; if even that fails, left where it is for the next start.
			aside := []store.Aside{{Store: "journal", Key: key, Value: j, Reason: err.Error(), Found: time.Now()}}
			if s.db.SetAside("", aside) != nil {
				r.fail("Changes left unsaved when claimmark last closed could not be written yet (" + err.Error() + "); they are kept, to be tried again.")
				continue
			}
			r.fail("Changes left unsaved when claimmark last closed could not be written (" + err.Error() + "); they are kept under Data.")
		}
		s.kv.Remove(key)
	}
}

// dispatch runs fn on the UI goroutine; from JavaScript callbacks and the
// saver's goroutine.
func (r *Reader) dispatch(fn func()) {
	if r.ctx == nil {
		return
	}
	r.ctx.Dispatch(func(app.Context) { fn() })
}

// onSaveReport is called by the saver after each write.
func (r *Reader) onSaveReport(st store.Status) {
	s := &r.storage
	if st.Err == nil {
		// For the benchmark: how long the transaction took.
		perfMarkDetail("claimmark-saved", float64(st.Took.Microseconds())/1000)
	}
	r.dispatch(func() {
		switch {
		case st.Err != nil && isOutdated(st.Err):
			r.becomeOutdated()
			return
		case errors.Is(st.Err, store.ErrDataGone):
			r.writeBack() // Saving… until the whole document is written
			return
		}
		wasFailing := s.err != nil
		s.err = st.Err
		if st.Err != nil {
			r.fail("Not saved: "+st.Err.Error()+". Your changes are kept in this tab; export them to keep a copy.", session.Retry, session.ExportNow)
		} else if wasFailing {
			r.say("Saved.")
		}
		r.refreshEstimate()
	})
}

// commit queues what changed in the current document's annotations since
// the last commit, as one change.
func (r *Reader) commit() error {
	s := &r.storage
	switch {
	case r.loadErr != nil:
		return errors.New("the annotations saved earlier for this text could not be read, and saving now would overwrite them")
	case s.outdated:
		return errOutdated
	}
	b := store.Batch{Doc: r.doc.SHA256, At: annotation.Timestamp(time.Now()), Whole: s.rewrite}
	s.rewrite = false
	anns := r.sess.Annotations()
	here := make(map[string]bool, len(anns))
	for _, a := range anns {
		here[a.ID] = true
		if old, ok := s.saved[a.ID]; !ok || old != a {
			b.Put = append(b.Put, a)
			s.saved[a.ID] = a
		}
	}
	for id := range s.saved {
		if !here[id] {
			b.Delete = append(b.Delete, id)
			delete(s.saved, id)
		}
	}
	if !r.docSaved {
		b.Text, b.Current, r.docSaved = r.doc.Text, true, true
	} else if len(b.Put) == 0 && len(b.Delete) == 0 {
		return nil
	}
	if len(b.Put) > 0 || len(b.Delete) > 0 {
		// Typing a note writes at each key: edits of the annotation changed
		// last count once.
		if len(b.Delete) > 0 || len(b.Put) != 1 || b.Put[0].ID != s.lastChanged {
			s.info.Changes++
		}
		s.lastChanged = ""
		if len(b.Put) == 1 && len(b.Delete) == 0 {
			s.lastChanged = b.Put[0].ID
		}
		s.info.Changed = time.Now()
		s.info.Claims, s.info.Evidence, s.info.Predictions = countTags(anns)
	}
	info := s.info
	b.Info = &info
	r.queue(b)
	return nil
}

// queue hands a change to the saver, and lets it start the write at once.
func (r *Reader) queue(b store.Batch) {
	r.storage.commits++
	r.storage.saver.Save(b)
	runtime.Gosched()
}

// countTags counts the placed annotations of each tag.
func countTags(as []annotation.Annotation) (claims, evidence, predictions int) {
	for _, a := range as {
		switch {
		case !a.Placed():
		case a.Tag == annotation.Claim:
			claims++
		case a.Tag == annotation.Evidence:
			evidence++
		case a.Tag == annotation.Prediction:
			predictions++
		}
	}
	return claims, evidence, predictions
}

var errOutdated = errors.New("a newer version of claimmark is open in another tab; reload this tab to keep editing")

const outdatedText = "A newer version of claimmark is open in another tab. Reload this tab to keep editing; until then it saves nothing."

// becomeOutdated stops this tab from writing: a newer version of the app
// is running, and its data may not be what this one expects.
func (r *Reader) becomeOutdated() {
	r.storage.outdated = true
	r.sess.SetReadOnly(outdatedText)
	r.fail(outdatedText, session.Reload)
}

// writeBack writes the open text, its annotations and its exercise again,
// all of them, after the browser's storage was cleared under the page.
// Other texts were only on the device, and are gone with it.
func (r *Reader) writeBack() {
	s := &r.storage
	if r.doc == nil || r.loadErr != nil || s.outdated {
		return
	}
	r.docSaved, s.rewrite, s.newest = false, true, nil
	clear(s.saved)
	s.info.Changes = len(r.sess.Annotations())
	if err := r.commit(); err != nil {
		r.fail("The browser's storage for claimmark was cleared, and the open text could not be written back: "+err.Error()+". Export it to keep it.", session.ExportNow)
		return
	}
	if r.exercise != nil {
		r.saveExercise()
	}
	r.fail("The browser's storage for claimmark was cleared, with any other texts in it. The open text and its annotations are still here and are written back; export them to keep a copy.", session.ExportNow)
}

// loadDocument reads d's annotations and details.
func (r *Reader) loadDocument(d *document.Document) ([]annotation.Annotation, error) {
	s := &r.storage
	now := time.Now()
	perfMark("claimmark-load-start")
	l, err := store.Load(s.db, d, now)
	perfMark("claimmark-load-end")
	if err != nil {
		return nil, err
	}
	if len(l.Bad) > 0 {
		if err := s.db.SetAside(d.SHA256, l.Bad); err != nil {
			return nil, fmt.Errorf("%d stored annotations could not be read, nor moved aside: %w", len(l.Bad), err)
		}
		r.fail(fmt.Sprintf("%s stored for this text could not be read. The rest are here; the unreadable ones were moved aside and can be downloaded under Data.", countText(len(l.Bad), "annotation")))
	}
	s.unpacked = l.Unpacked
	if len(l.Bad) > 0 {
		s.unpacked = store.RepackAfter
	}
	r.repackIfDue(d.SHA256)
	info, _, err := s.db.Document(d.SHA256)
	if err != nil {
		info = store.Info{SHA256: d.SHA256, Title: d.Title, Chars: d.Len()}
	}
	info.Opened = now
	s.info = info
	s.newest, _ = s.db.NewestSnapshot(d.SHA256)
	s.saved = make(map[string]annotation.Annotation, len(l.Annotations))
	for _, a := range l.Annotations {
		s.saved[a.ID] = a
	}
	return l.Annotations, nil
}

// repackIfDue packs a document's rows, in the background, once many were
// written since its last pack: opening it then reads one long string
// rather than thousands of rows.
func (r *Reader) repackIfDue(doc string) {
	s := &r.storage
	if s.unpacked < store.RepackAfter {
		return
	}
	s.unpacked = 0
	db := s.db
	go db.Repack(doc) // if it fails, the rows are still there, and read
}

// persistAndEstimate asks the browser to keep the site's data, and reads
// how much room it has.
func (r *Reader) persistAndEstimate() {
	storage := app.Window().Get("navigator").Get("storage")
	if !storage.Truthy() || !storage.Get("persist").Truthy() {
		return
	}
	then(storage.Call("persisted"), func(v app.Value) {
		if v.Bool() {
			r.dispatch(func() { r.storage.persisted = "yes" })
			return
		}
		then(storage.Call("persist"), func(v app.Value) {
			granted := v.Bool()
			r.dispatch(func() { r.storage.persisted = map[bool]string{true: "yes", false: "no"}[granted] })
		}, func(error) {})
	}, func(error) {})
	r.refreshEstimate()
}

func (r *Reader) refreshEstimate() {
	storage := app.Window().Get("navigator").Get("storage")
	if !storage.Truthy() || !storage.Get("estimate").Truthy() {
		return
	}
	then(storage.Call("estimate"), func(v app.Value) {
		used, quota := v.Get("usage").Float(), v.Get("quota").Float()
		r.dispatch(func() { r.storage.used, r.storage.room = used, quota })
	}, func(error) {})
}

// flush wakes the saver to write what waits, as the page may be closing;
// the journal holds it already, should the page close first.
func (r *Reader) flush() {
	if s := &r.storage; s.saver != nil {
		s.saver.Retry()
	}
}

// listenForClose flushes when the page is hidden or closed.
func (r *Reader) listenForClose() {
	fn := app.FuncOf(func(app.Value, []app.Value) any {
		if app.Window().Get("document").Get("visibilityState").String() == "hidden" {
			r.flush()
		}
		return nil
	})
	win, doc := app.Window(), app.Window().Get("document")
	win.Call("addEventListener", "pagehide", fn)
	doc.Call("addEventListener", "visibilitychange", fn)
	r.listeners = append(r.listeners, func() {
		win.Call("removeEventListener", "pagehide", fn)
		doc.Call("removeEventListener", "visibilitychange", fn)
		fn.Release()
	})
}

// The tabs of one browser keep in step through a BroadcastChannel: after
// each write, the writer posts what it wrote.
const channelName = "claimmark"

func (r *Reader) listenToTabs() {
	bc := app.Window().Get("BroadcastChannel")
	if !bc.Truthy() {
		return
	}
	ch := bc.New(channelName)
	r.storage.channel = ch
	fn := app.FuncOf(func(_ app.Value, args []app.Value) any {
		if data := args[0].Get("data"); data.Type() == app.TypeString {
			text := data.String()
			r.dispatch(func() { r.onTabMessage(text) })
		}
		return nil
	})
	ch.Call("addEventListener", "message", fn)
	// Tell the others which schema this tab runs.
	r.post(store.Message{Schema: store.Version, From: r.storage.tab})
	r.listeners = append(r.listeners, func() {
		ch.Call("close")
		fn.Release()
	})
}

func (r *Reader) post(m store.Message) {
	if ch := r.storage.channel; ch != nil && ch.Truthy() {
		ch.Call("postMessage", m.Encode())
	}
}

func (r *Reader) onTabMessage(text string) {
	s := &r.storage
	m, err := store.DecodeMessage(text)
	switch {
	case err != nil:
		return
	case m.Schema > store.Version:
		if !s.outdated {
			r.becomeOutdated()
		}
		return
	case m.Schema < store.Version:
		// An older tab: tell it that a newer one runs.
		r.post(store.Message{Schema: store.Version, From: s.tab})
		return
	case m.From == s.tab || r.doc == nil || m.Doc != r.doc.SHA256:
		return
	}
	as, changed, err := m.Apply(r.doc, r.sess.Annotations())
	if err != nil || !changed {
		return
	}
	r.sess.Remote(as)
	r.docSaved = true
	for _, id := range m.Delete {
		delete(s.saved, id)
	}
	put := make(map[string]bool, len(m.Put))
	for _, rec := range m.Put {
		if a, err := format.DecodeRecord([]byte(rec)); err == nil {
			put[a.ID] = true
		}
	}
	for _, a := range as {
		if put[a.ID] {
			s.saved[a.ID] = a
		}
	}
	if r.loadErr == nil {
		r.reindex()
	}
}
