package ui

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
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
	w     *workspace
	db    store.DB
	kv    store.KV
	saver *store.Saver
	tab   string // this tab, in messages to the others
	// saved holds the current document's annotations as last queued, to
	// find what a change changed: copies, by pointer, as copying each out
	// to compare it was most of the time of a commit.
	saved map[string]*annotation.Annotation
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

// start opens the database, writes what a closed page left in its
// journal, moves schema 1's records out of localStorage, and starts the
// saver. It runs before the first render.
func (s *storage) start() {
	s.kv = localStorage{}
	s.tab = annotation.NewID()
	db, err := openDB(func() { s.w.dispatch(s.becomeOutdated) }, func() { s.w.dispatch(s.writeBack) })
	if err != nil {
		s.db, s.err = &store.Memory{}, fmt.Errorf("%w: %v", errUnavailable, err)
		s.w.fail("Browser storage cannot be used (" + err.Error() + "). Annotations will stay in this tab only; export them to keep them.")
	} else {
		s.db = db
		s.replayJournal()
		if n, err := store.MigrateV1(s.kv, db, time.Now()); err != nil {
			s.w.fail("Annotations saved by an earlier version could not be moved to the new storage (" + err.Error() + "). They are left where they were.")
		} else if n > 0 {
			s.w.say(fmt.Sprintf("Moved %s saved by an earlier version to the new storage.", countText(n, "text")))
		}
	}
	s.saver = &store.Saver{DB: s.db, Sleep: time.Sleep, Report: s.onSaveReport,
		Journal: &store.Journal{KV: s.kv, Key: store.JournalKey + "/" + s.tab},
		Written: func(b store.Batch) {
			s.post(store.NewMessage(s.tab, b))
			rows := len(b.Put) + len(b.Delete)
			if rows > store.PackOnWrite {
				rows = 0 // packed as written
			}
			s.w.dispatch(func() {
				if s.w.doc != nil && b.Doc == s.w.doc.SHA256 {
					s.unpacked += rows
					s.repackIfDue(b.Doc)
				}
			})
		}}
	go s.saver.Run()
}

// replayJournal writes the changes that closed pages left unwritten.
func (s *storage) replayJournal() {
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
				s.w.fail("Changes left unsaved when claimmark last closed could not be written yet (" + err.Error() + "); they are kept, to be tried again.")
				continue
			}
			s.w.fail("Changes left unsaved when claimmark last closed could not be written (" + err.Error() + "); they are kept under Data.")
		}
		s.kv.Remove(key)
	}
}

// onSaveReport is called by the saver after each write.
func (s *storage) onSaveReport(st store.Status) {
	if st.Err == nil {
		// For the benchmark: how long the transaction took.
		perfMarkDetail("claimmark-saved", float64(st.Took.Microseconds())/1000)
	}
	s.w.dispatch(func() {
		switch {
		case st.Err != nil && isOutdated(st.Err):
			s.becomeOutdated()
			return
		case errors.Is(st.Err, store.ErrDataGone):
			s.writeBack() // Saving… until the whole document is written
			return
		}
		wasFailing := s.err != nil
		s.err = st.Err
		if st.Err != nil {
			s.w.fail("Not saved: "+st.Err.Error()+". Your changes are kept in this tab; export them to keep a copy.", session.Retry, session.ExportNow)
		} else if wasFailing {
			s.w.say("Saved.")
		}
		s.refreshEstimate()
	})
}

// commit queues what changed in the current document's annotations since
// the last commit, as one change: what the session's change c wrote, or,
// with none, whatever differs from what was saved.
func (s *storage) commit(c *session.Change) error {
	switch {
	case s.w.loadErr != nil:
		return errors.New("the annotations saved earlier for this text could not be read, and saving now would overwrite them")
	case s.outdated:
		return errOutdated
	}
	b := store.Batch{Doc: s.w.doc.SHA256, At: annotation.Timestamp(time.Now()), Whole: s.rewrite}
	s.rewrite = false
	anns := s.w.sess.Annotations()
	// The batch's copies are what is saved: b.Put has room for all, so
	// that appending never moves them.
	put := func(a *annotation.Annotation) {
		if old, ok := s.saved[a.ID]; !ok || !old.Equal(a) {
			b.Put = append(b.Put, *a)
			s.saved[a.ID] = &b.Put[len(b.Put)-1]
		}
	}
	if c != nil {
		b.Put = make([]annotation.Annotation, 0, len(c.Put))
		if len(s.saved) == 0 && len(c.Put) > 1 {
			s.saved = make(map[string]*annotation.Annotation, len(c.Put)) // made once, not grown
		}
		// Only what the change touched: going over thousands at each key
		// typed in a note took most of a commit's time.
		for i := range c.Put {
			put(&c.Put[i])
		}
		for _, id := range c.Delete {
			if _, ok := s.saved[id]; ok {
				b.Delete = append(b.Delete, id)
				delete(s.saved, id)
			}
		}
	} else {
		b.Put = make([]annotation.Annotation, 0, len(anns))
		for i := range anns {
			put(&anns[i])
		}
	}
	// Every annotation here is saved now, and ids are unique: only more
	// saved than here means some were deleted.
	if c == nil && len(s.saved) > len(anns) {
		here := make(map[string]bool, len(anns))
		for i := range anns {
			here[anns[i].ID] = true
		}
		for id := range s.saved {
			if !here[id] {
				b.Delete = append(b.Delete, id)
				delete(s.saved, id)
			}
		}
	}
	if !s.w.docSaved {
		b.Text, b.Current, s.w.docSaved = s.w.doc.Text, true, true
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
		s.info.Claims, s.info.Evidence, s.info.Predictions = annotation.CountTags(anns)
	}
	info := s.info
	b.Info = &info
	b.Records = store.RecordsOf(b.Put)
	s.queue(b)
	return nil
}

// queue hands a change to the saver, and lets it start the write at once.
func (s *storage) queue(b store.Batch) {
	s.commits++
	s.saver.Save(b)
	runtime.Gosched()
}

// loadDocument reads d's annotations and details.
func (s *storage) loadDocument(d *document.Document) ([]annotation.Annotation, error) {
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
		s.w.fail(fmt.Sprintf("%s stored for this text could not be read. The rest are here; the unreadable ones were moved aside and can be downloaded under Data.", countText(len(l.Bad), "annotation")))
	}
	s.unpacked = l.Rows
	if len(l.Bad) > 0 {
		s.unpacked = store.RepackAfter
	}
	s.repackIfDue(d.SHA256)
	info, _, err := s.db.Document(d.SHA256)
	if err != nil {
		info = store.Info{SHA256: d.SHA256, Title: d.Title, Chars: d.Len()}
	}
	info.Opened = now
	s.info = info
	s.newest, _ = s.db.NewestSnapshot(d.SHA256)
	s.saved = make(map[string]*annotation.Annotation, len(l.Annotations))
	for _, a := range l.Annotations {
		s.saved[a.ID] = &a
	}
	return l.Annotations, nil
}

// repackIfDue packs a document's rows, in the background, once many were
// written since its last pack: opening it then reads one long string
// rather than thousands of rows.
func (s *storage) repackIfDue(doc string) {
	if s.unpacked < store.RepackAfter {
		return
	}
	s.unpacked = 0
	db := s.db
	go db.Repack(doc) // if it fails, the rows are still there, and read
}

// commitCurrent makes the open text the one opened on the next start.
func (s *storage) commitCurrent() error {
	if s.outdated {
		return errOutdated
	}
	info := s.info
	s.queue(store.Batch{Doc: s.w.doc.SHA256, Info: &info, Current: true})
	return nil
}

// exported notes that the annotations as they are now have been exported.
func (s *storage) exported() {
	s.info.Exported, s.info.Changes = time.Now(), 0
	if !s.w.docSaved || s.outdated || s.w.loadErr != nil {
		return
	}
	info := s.info
	s.queue(store.Batch{Doc: s.w.doc.SHA256, Info: &info})
}
