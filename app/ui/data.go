package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/session"
	"github.com/claimmark/claimmark/app/store"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The Data panel: where the reader sees how safe the annotations are and
// gets them back: storage state, the last export, snapshots to restore,
// a backup of everything, and the records that could not be read.

// remindAfter is how many unexported changes earn a reminder to export.
const remindAfter = 20

// dataPanel is what the panel shows, read when it opens.
type dataPanel struct {
	snapshots []store.Snapshot
	aside     []store.Aside
}

// toggleData opens or closes the Data panel.
func (r *Reader) toggleData() {
	if r.data != nil {
		r.data = nil
		return
	}
	r.data = &dataPanel{}
	r.refreshEstimate()
	r.readData()
}

// readData reads the snapshots and set-aside records into the panel.
func (r *Reader) readData() {
	db, doc := r.storage.db, r.doc
	r.ctx.Async(func() {
		snaps, err1 := db.Snapshots(doc.SHA256)
		aside, err2 := db.Aside()
		r.dispatch(func() {
			if r.data == nil {
				return
			}
			r.data.snapshots, r.data.aside = snaps, aside
			if err := errors.Join(err1, err2); err != nil {
				r.fail("The saved copies could not be read: " + err.Error())
			}
		})
	})
}

// snapshot keeps the annotations as they are as a snapshot when one is
// due, or at once when force is set: before a restore or a replace.
func (r *Reader) snapshot(force bool) {
	s := &r.storage
	now := time.Now()
	if r.doc == nil || r.loadErr != nil || !store.SnapshotDue(s.newest, r.sess.Annotations(), now, force) {
		return
	}
	snap := store.Snapshot{Doc: r.doc.SHA256, Taken: now, Count: len(r.sess.Annotations()), Records: store.Records(r.sess.Annotations())}
	s.newest = &snap
	db := s.db
	go func() {
		if err := db.AddSnapshot(snap); err != nil {
			r.dispatch(func() { r.fail("A snapshot of the annotations could not be saved: " + err.Error()) })
		}
	}()
}

// restoreSnapshot puts a snapshot's annotations in place of the current
// ones, which are kept as a snapshot first.
func (r *Reader) restoreSnapshot(snap store.Snapshot) {
	if r.refuseEdit() {
		return
	}
	as, err := store.ParseRecords(r.doc, snap.Records)
	if err != nil {
		r.fail("This snapshot cannot be restored: " + err.Error() + ". Nothing was changed.")
		return
	}
	r.snapshot(true)
	r.edited(r.sess.Restore(as, "restore of the snapshot of "+clock(snap.Taken)))
	if r.msg.Kind != session.Problem {
		r.say(fmt.Sprintf("Restored %s as of %s. What was here before is kept as a snapshot.", countText(len(as), "annotation"), clock(snap.Taken)), session.Undo)
		r.msg.undo = r.undo
	}
	r.readData()
}

// downloadBackup saves every text on this device with its annotations.
func (r *Reader) downloadBackup() {
	db := r.storage.db
	r.ctx.Async(func() {
		docs, err := backupDocuments(db)
		var buf bytes.Buffer
		if err == nil {
			err = format.EncodeBackup(&buf, docs, time.Now())
		}
		r.dispatch(func() {
			if err != nil {
				r.fail("The backup could not be made: " + err.Error())
				return
			}
			name := "claimmark-backup-" + time.Now().Format("2006-01-02") + ".json"
			download(name, "application/json", buf.Bytes())
			r.say(fmt.Sprintf("Downloaded %s with %s.", name, countText(len(docs), "text")))
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
func (r *Reader) restoreBackup(name string, data []byte) {
	if r.refuseEdit() {
		return
	}
	docs, err := format.DecodeBackup(bytes.NewReader(data))
	if err != nil {
		r.fail(name + ": " + err.Error() + ". Nothing was changed.")
		return
	}
	s := &r.storage
	total := 0
	// Every text must stay within the limits once merged, or nothing is.
	for _, bd := range docs {
		var existing []annotation.Annotation
		if r.sess != nil {
			existing = r.sess.Annotations()
		}
		if r.doc == nil || bd.Doc.SHA256 != r.doc.SHA256 {
			existing = nil
			if l, err := store.Load(s.db, bd.Doc, time.Now()); err == nil {
				existing = l.Annotations
			}
		}
		if err := annotation.CheckCount(len(annotation.Merge(existing, bd.Annotations))); err != nil {
			r.fail(fmt.Sprintf("%s: %q would have %v. Nothing was changed.", name, bd.Doc.Title, err))
			return
		}
	}
	for _, bd := range docs {
		total += len(bd.Annotations)
		if r.doc != nil && bd.Doc.SHA256 == r.doc.SHA256 {
			if c, err := r.sess.Import(bd.Annotations, false, name); err == nil && !c.Empty() {
				r.changed()
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
		r.queue(b)
	}
	if r.msg.Kind != session.Problem {
		r.say(fmt.Sprintf("Restored %s with %s from %s.", countText(len(docs), "text"), countText(total, "annotation"), name))
	}
}

// downloadAside saves the records that could not be read, as they were.
func (r *Reader) downloadAside() {
	if r.data == nil || len(r.data.aside) == 0 {
		return
	}
	type record struct {
		Store  string    `json:"store"`
		Key    string    `json:"key"`
		Value  string    `json:"value"`
		Reason string    `json:"reason"`
		Found  time.Time `json:"found"`
	}
	var out []record
	for _, a := range r.data.aside {
		out = append(out, record{a.Store, a.Key, a.Value, a.Reason, a.Found})
	}
	data, _ := json.MarshalIndent(out, "", "  ")
	download("claimmark-unreadable-records.json", "application/json", data)
}

func clock(t time.Time) string { return t.Local().Format("2 Jan 2006 15:04:05") }

func bytesText(n float64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", n/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", n/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", n/(1<<10))
	}
	return strconv.Itoa(int(n)) + " bytes"
}

// saveState names the state of saving, for the toolbar.
func (r *Reader) saveState() (state, label string) {
	s := &r.storage
	switch {
	case s.outdated:
		return "outdated", "Read only"
	case s.err != nil:
		return "failed", "Not saved"
	case s.saver != nil && s.saver.Queue.Len() > 0:
		return "saving", "Saving…"
	}
	return "saved", "Saved"
}

func (r *Reader) renderSaveState() app.UI {
	state, label := r.saveState()
	return app.Button().Class("save-state").DataSet("state", state).DataSet("commits", r.storage.commits).
		Aria("expanded", strconv.FormatBool(r.data != nil)).
		Title("Storage, snapshots and backups").
		OnClick(func(ctx app.Context, e app.Event) { r.toggleData() }).
		Text(label)
}

// exportReminder is the gentle nudge shown when many changes are not in
// any export.
func (r *Reader) exportReminder() string {
	info := r.storage.info
	if info.Changes < remindAfter {
		return ""
	}
	return fmt.Sprintf("%d changes since this text was last exported. Export a copy now and then: browsers may clear a site's data, Safari after some days without a visit unless the app is installed.", info.Changes)
}

func (r *Reader) renderData() app.UI {
	if r.data == nil {
		return nil
	}
	s := &r.storage
	persisted := "Asking the browser to keep this site's data…"
	switch s.persisted {
	case "yes":
		persisted = "The browser keeps this site's data until you clear it (persistent storage granted)."
	case "no":
		persisted = "The browser may clear this site's data when space runs low (persistent storage not granted). Export or back up now and then."
	}
	exported := "never"
	if !s.info.Exported.IsZero() {
		exported = clock(s.info.Exported)
	}
	state, label := r.saveState()
	if state == "failed" {
		label += ": " + s.err.Error()
	}
	return app.Section().Class("data").Aria("label", "Data").Body(
		app.H2().Text("Data on this device"),
		app.Ul().Body(
			app.Li().DataSet("data", "state").Text(label),
			app.Li().DataSet("data", "persisted").Text(persisted),
			app.If(s.room > 0, app.Li().DataSet("data", "usage").Text(fmt.Sprintf("Using %s of the %s the browser allows this site.", bytesText(s.used), bytesText(s.room)))),
			app.Li().DataSet("data", "exported").Text(fmt.Sprintf("This text was last exported: %s; %s since.", exported, countText(s.info.Changes, "change"))),
		),
		app.H3().Text("Snapshots of this text"),
		app.P().Class("hint").Text(fmt.Sprintf("claimmark keeps the last %d versions of this text's annotations: when it opens, every %d minutes of work, and before a restore or a replace.", store.SnapshotsKept, int(store.SnapshotEvery.Minutes()))),
		app.If(len(r.data.snapshots) == 0, app.P().Text("No snapshots yet.")),
		app.Ol().Aria("label", "Snapshots").Class("snapshots").Body(
			app.Range(r.data.snapshots).Slice(func(i int) app.UI {
				snap := r.data.snapshots[i]
				return app.Li().Body(
					app.Span().Text(clock(snap.Taken)+": "+countText(snap.Count, "annotation")+" "),
					app.Button().OnClick(func(ctx app.Context, e app.Event) { r.restoreSnapshot(snap) }, snap.Taken.UnixMilli()).Text("Restore"),
				)
			}),
		),
		app.H3().Text("Backup"),
		app.Div().Class("actions").Body(
			app.Button().OnClick(func(ctx app.Context, e app.Event) { r.downloadBackup() }).Text("Download backup"),
			app.Label().Class("button").For("backup-file").Text("Restore from backup"),
			app.Input().ID("backup-file").Class("visually-hidden").Type("file").
				Accept(".json,application/json").OnChange(r.onFileChosen),
		),
		app.P().Class("hint").Text("A backup holds every text on this device with its annotations. Restoring adds what it holds; for an annotation in both, the later edit wins."),
		app.If(len(r.data.aside) > 0,
			app.H3().Text("Unreadable records"),
			app.P().Text(fmt.Sprintf("%s could not be read and were set aside, as they were.", countText(len(r.data.aside), "stored record"))),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { r.downloadAside() }).Text("Download them"),
		),
		app.Button().Class("dismiss").Aria("label", "Close").OnClick(func(ctx app.Context, e app.Event) { r.data = nil }).Text("×"),
	)
}
