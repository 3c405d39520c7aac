package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/claimmark/claimmark/app/session"
	"github.com/claimmark/claimmark/app/store"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The Data panel: where the reader sees how safe the annotations are and
// gets them back: storage state, the last export, snapshots to restore,
// a backup of everything, and the records that could not be read.

// dataPanel shows the state of saving, with the snapshots of the open
// text and the set-aside records, read when it opens.
type dataPanel struct {
	app.Compo
	W      *workspace
	Doc    string // the open text's SHA-256
	Status saveStatus

	snapshots []store.Snapshot
	aside     []store.Aside
}

func (p *dataPanel) OnMount(ctx app.Context) {
	p.W.storage.refreshEstimate()
	p.read(ctx)
}

// read reads the snapshots and set-aside records into the panel.
func (p *dataPanel) read(ctx app.Context) {
	db, doc := p.W.storage.db, p.Doc
	ctx.Async(func() {
		snaps, err1 := db.Snapshots(doc)
		aside, err2 := db.Aside()
		ctx.Dispatch(func(app.Context) {
			p.snapshots, p.aside = snaps, aside
			if err := errors.Join(err1, err2); err != nil {
				p.W.fail("The saved copies could not be read: " + err.Error())
				p.W.refresh()
			}
		})
	})
}

// restoreSnapshot puts a snapshot's annotations in place of the current
// ones, which are kept as a snapshot first.
func (p *dataPanel) restoreSnapshot(ctx app.Context, snap store.Snapshot) {
	w := p.W
	defer w.refresh()
	if w.refuseEdit() {
		return
	}
	as, err := store.ParseRecords(w.doc, snap.Records)
	if err != nil {
		w.fail("This snapshot cannot be restored: " + err.Error() + ". Nothing was changed.")
		return
	}
	w.storage.snapshot(true)
	w.edited(w.sess.Restore(as, "restore of the snapshot of "+clock(snap.Taken)))
	if w.msg.Kind != session.Problem {
		w.say(fmt.Sprintf("Restored %s as of %s. What was here before is kept as a snapshot.", countText(len(as), "annotation"), clock(snap.Taken)), session.Undo)
		w.msg.undo = w.undo
	}
	p.read(ctx)
}

// downloadAside saves the records that could not be read, as they were.
func (p *dataPanel) downloadAside() {
	if len(p.aside) == 0 {
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
	for _, a := range p.aside {
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

func (p *dataPanel) Render() app.UI {
	st := p.Status
	persisted := "Asking the browser to keep this site's data…"
	switch st.Persisted {
	case "yes":
		persisted = "The browser keeps this site's data until you clear it (persistent storage granted)."
	case "no":
		persisted = "The browser may clear this site's data when space runs low (persistent storage not granted). Export or back up now and then."
	}
	exported := "never"
	if !st.Exported.IsZero() {
		exported = clock(st.Exported)
	}
	label := st.Label
	if st.Problem != "" {
		label += ": " + st.Problem
	}
	return app.Section().Class("data").Aria("label", "Data").Body(
		app.H2().Text("Data on this device"),
		app.Ul().Body(
			app.Li().DataSet("data", "state").Text(label),
			app.Li().DataSet("data", "persisted").Text(persisted),
			app.If(st.Room > 0, app.Li().DataSet("data", "usage").Text(fmt.Sprintf("Using %s of the %s the browser allows this site.", bytesText(st.Used), bytesText(st.Room)))),
			app.Li().DataSet("data", "exported").Text(fmt.Sprintf("This text was last exported: %s; %s since.", exported, countText(st.Changes, "change"))),
		),
		app.H3().Text("Snapshots of this text"),
		app.P().Class("hint").Text(fmt.Sprintf("claimmark keeps the last %d versions of this text's annotations: when it opens, every %d minutes of work, and before a restore or a replace.", store.SnapshotsKept, int(store.SnapshotEvery.Minutes()))),
		app.If(len(p.snapshots) == 0, app.P().Text("No snapshots yet.")),
		app.Ol().Aria("label", "Snapshots").Class("snapshots").Body(
			app.Range(p.snapshots).Slice(func(i int) app.UI {
				snap := p.snapshots[i]
				return app.Li().Body(
					app.Span().Text(clock(snap.Taken)+": "+countText(snap.Count, "annotation")+" "),
					app.Button().OnClick(func(ctx app.Context, e app.Event) { p.restoreSnapshot(ctx, snap) }, snap.Taken.UnixMilli()).Text("Restore"),
				)
			}),
		),
		app.H3().Text("Backup"),
		app.Div().Class("actions").Body(
			app.Button().OnClick(func(ctx app.Context, e app.Event) { downloadBackup(p.W) }).Text("Download backup"),
			fileButton("backup-file", "Restore from backup", ""),
			app.Input().ID("backup-file").Aria("label", "Restore from backup").Class("visually-hidden").Type("file").
				Accept(".json,application/json").OnChange(func(ctx app.Context, e app.Event) { p.W.imports.chosen(ctx, e); p.W.refresh() }),
		),
		app.P().Class("hint").Text("A backup holds every text on this device with its annotations. Restoring adds what it holds; for an annotation in both, the later edit wins."),
		app.If(len(p.aside) > 0,
			app.H3().Text("Unreadable records"),
			app.P().Text(fmt.Sprintf("%s could not be read and were set aside, as they were.", countText(len(p.aside), "stored record"))),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { p.downloadAside() }).Text("Download them"),
		),
		closeButton(sheetData),
	)
}
