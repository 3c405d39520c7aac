package ui

import (
	"bytes"
	"fmt"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/session"
	"github.com/claimmark/claimmark/app/store"
)

// Backups hold every text on the device with its annotations.

// downloadBackup saves every text on this device with its annotations.
func downloadBackup(w *workspace) {
	db := w.storage.db
	w.ctx.Async(func() {
		docs, err := backupDocuments(db)
		var buf bytes.Buffer
		if err == nil {
			err = format.EncodeBackup(&buf, docs, time.Now())
		}
		w.dispatch(func() {
			if err != nil {
				w.fail("The backup could not be made: " + err.Error())
				return
			}
			name := "claimmark-backup-" + time.Now().Format("2006-01-02") + ".json"
			download(name, "application/json", buf.Bytes())
			w.say(fmt.Sprintf("Downloaded %s with %s.", name, countText(len(docs), "text")))
		})
	})
}

// backupDocuments reads every stored text with its annotations.
func backupDocuments(db store.DB) ([]format.BackupDocument, error) {
	infos, err := db.Documents()
	if err != nil {
		return nil, err
	}
	var out []format.BackupDocument
	for _, info := range infos {
		d, _, err := store.ReadDocument(db, info.SHA256)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", info.Title, err)
		}
		l, err := store.Load(db, d, time.Now())
		if err != nil {
			return nil, fmt.Errorf("%q: %w", info.Title, err)
		}
		out = append(out, format.BackupDocument{Doc: d, Annotations: l.Annotations})
	}
	return out, nil
}

// restoreBackup merges a backup into this device: texts not here are
// added, and annotations merged by id, the later edit winning. Nothing
// here is removed.
func (im *imports) restoreBackup(name string, data []byte) {
	w := im.w
	if w.refuseEdit() {
		return
	}
	docs, err := format.DecodeBackup(bytes.NewReader(data))
	if err != nil {
		w.fail(name + ": " + err.Error() + ". Nothing was changed.")
		return
	}
	s := &w.storage
	total := 0
	// Every text must stay within the limits once merged, or nothing is.
	for _, bd := range docs {
		var existing []annotation.Annotation
		if w.sess != nil {
			existing = w.sess.Annotations()
		}
		if w.doc == nil || bd.Doc.SHA256 != w.doc.SHA256 {
			existing = nil
			if l, err := store.Load(s.db, bd.Doc, time.Now()); err == nil {
				existing = l.Annotations
			}
		}
		if err := annotation.CheckCount(len(annotation.Merge(existing, bd.Annotations))); err != nil {
			w.fail(fmt.Sprintf("%s: %q would have %v. Nothing was changed.", name, bd.Doc.Title, err))
			return
		}
	}
	for _, bd := range docs {
		total += len(bd.Annotations)
		if w.doc != nil && bd.Doc.SHA256 == w.doc.SHA256 {
			if c, err := w.sess.Import(bd.Annotations, false, name); err == nil && !c.Empty() {
				w.changed(&c)
			}
			continue
		}
		b := store.Batch{Doc: bd.Doc.SHA256, Put: bd.Annotations}
		info, _, err := s.db.Document(bd.Doc.SHA256)
		if err != nil {
			info = store.Info{SHA256: bd.Doc.SHA256, Title: bd.Doc.Title, Chars: bd.Doc.Len(), Opened: time.Now()}
			b.Text = bd.Doc.Text
		}
		b.Info = &info
		s.queue(b)
	}
	if w.msg.Kind != session.Problem {
		w.say(fmt.Sprintf("Restored %s with %s from %s.", countText(len(docs), "text"), countText(total, "annotation"), name))
	}
}

// snapshot keeps the annotations as they are as a snapshot when one is
// due, or at once when force is set: before a restore or a replace.
func (s *storage) snapshot(force bool) {
	w, now := s.w, time.Now()
	if w.doc == nil || w.loadErr != nil || !store.SnapshotDue(s.newest, w.sess.Annotations(), now, force) {
		return
	}
	snap := store.Snapshot{Doc: w.doc.SHA256, Taken: now, Count: len(w.sess.Annotations()), Records: store.Records(w.sess.Annotations())}
	s.newest = &snap
	db := s.db
	go func() {
		if err := db.AddSnapshot(snap); err != nil {
			w.dispatch(func() { w.fail("A snapshot of the annotations could not be saved: " + err.Error()) })
		}
	}()
}
