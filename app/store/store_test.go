package store_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/store"
)

var now = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

func setup(t testing.TB) (*store.Memory, *document.Document) {
	t.Helper()
	d, err := document.New("Title\n\nSome text to annotate here.")
	if err != nil {
		t.Fatal(err)
	}
	return &store.Memory{}, d
}

func newDoc(d *document.Document, as ...annotation.Annotation) store.Batch {
	return store.Batch{Doc: d.SHA256, Put: as, Text: d.Text, Current: true,
		Info: &store.Info{SHA256: d.SHA256, Title: d.Title, Chars: d.Len(), Opened: now}}
}

func load(t *testing.T, db store.DB, d *document.Document) []annotation.Annotation {
	t.Helper()
	l, err := store.Load(db, d, now)
	if err != nil || len(l.Bad) > 0 {
		t.Fatalf("Load: %v, bad %+v", err, l.Bad)
	}
	return l.Annotations
}

func ids(as []annotation.Annotation) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	db, d := setup(t)
	if cur, err := db.Current(); cur != "" || err != nil {
		t.Fatalf("Current on empty storage = %q, %v", cur, err)
	}
	as := []annotation.Annotation{
		annotation.New(d, annotation.Evidence, 12, 16, now),
		annotation.New(d, annotation.Claim, 7, 11, now),
	}
	if err := db.Write(newDoc(d, as...)); err != nil {
		t.Fatal(err)
	}
	cur, _ := db.Current()
	info, text, err := db.Document(cur)
	if err != nil || text != d.Text || info.Title != "Title" {
		t.Fatalf("Document(%s) = %+v, %q, %v", cur, info, text, err)
	}
	if got := load(t, db, d); !slices.Equal(ids(got), []string{as[1].ID, as[0].ID}) {
		t.Fatalf("Load = %v, want document order", ids(got))
	}
	if _, _, err := db.Document(strings.Repeat("0", 64)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown document: %v", err)
	}
}

func TestLaterModificationWins(t *testing.T) {
	db, d := setup(t)
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	newer := a
	newer.Tag, newer.Modified = annotation.Evidence, now.Add(time.Second)
	db.Write(newDoc(d, newer))
	if err := db.Write(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{a}}); err != nil {
		t.Fatal(err)
	}
	if got := load(t, db, d); got[0].Tag != annotation.Evidence {
		t.Errorf("an older change replaced a newer one: %+v", got[0])
	}
}

func TestFailedWriteChangesNothing(t *testing.T) {
	db, d := setup(t)
	one := annotation.New(d, annotation.Claim, 7, 11, now)
	if err := db.Write(newDoc(d, one)); err != nil {
		t.Fatal(err)
	}
	db.Quota = 1
	two := annotation.New(d, annotation.Evidence, 12, 16, now)
	if err := db.Write(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{two}, Delete: []string{one.ID}}); !errors.Is(err, store.ErrQuota) {
		t.Fatalf("write over quota: %v", err)
	}
	if got := load(t, db, d); !slices.Equal(ids(got), []string{one.ID}) {
		t.Fatalf("after a failed write: %v", ids(got))
	}
}

func TestBadRecordsAreSetAside(t *testing.T) {
	db, d := setup(t)
	good := annotation.New(d, annotation.Claim, 7, 11, now)
	db.Write(newDoc(d, good))
	other := annotation.New(d, annotation.Claim, 12, 16, now)
	wrongText := other
	wrongText.Exact = "nope"
	badTag := other
	badTag.Tag = "clam"
	for id, rec := range map[string]string{
		"not-json":   "{",
		"wrong-key":  format.Record(other),
		"bad-tag":    format.Record(badTag),
		"wrong-text": format.Record(wrongText),
	} {
		if id != "wrong-key" {
			var a annotation.Annotation
			if a, _ = format.DecodeRecord([]byte(rec)); a.ID != "" {
				id = a.ID + "-" + id
				rec = strings.Replace(rec, a.ID, id, 1)
			}
		}
		db.SetRecord(d.SHA256, id, rec)
	}
	l, err := store.Load(db, d, now)
	if err != nil {
		t.Fatal(err)
	}
	as, bad := l.Annotations, l.Bad
	if !slices.Equal(ids(as), []string{good.ID}) {
		t.Errorf("loaded %v, want only the good one", ids(as))
	}
	if len(bad) != 4 {
		t.Fatalf("bad = %+v, want 4", bad)
	}
	for _, b := range bad {
		if b.Store != "annotations" || b.Reason == "" || !b.Found.Equal(now) {
			t.Errorf("bad record %+v", b)
		}
	}
	if err := db.SetAside(d.SHA256, bad); err != nil {
		t.Fatal(err)
	}
	if got := load(t, db, d); len(got) != 1 {
		t.Errorf("after setting aside: %v", ids(got))
	}
	if aside, _ := db.Aside(); len(aside) != 4 || aside[0].Value == "" && aside[1].Value == "" {
		t.Errorf("aside = %+v", aside)
	}
}

func TestPacks(t *testing.T) {
	db, d := setup(t)
	a := annotation.New(d, annotation.Claim, 0, 5, now)
	b := annotation.New(d, annotation.Evidence, 7, 11, now)
	c := annotation.New(d, annotation.Prediction, 12, 16, now)
	db.Write(newDoc(d, a, b, c))
	if err := db.Repack(d.SHA256); err != nil {
		t.Fatal(err)
	}
	// After the pack: b retagged, c deleted, a new one.
	b.Tag, b.Modified = annotation.Claim, now.Add(time.Second)
	e := annotation.New(d, annotation.Claim, 17, 19, now.Add(time.Second))
	db.Write(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{b, e}, Delete: []string{c.ID}, At: now.Add(time.Second)})
	rs, _ := db.Records(d.SHA256)
	if rs.Packed != 3 || rs.Rows != 3 {
		t.Errorf("%d lines from the pack and %d past it, want 3 and 3", rs.Packed, rs.Rows)
	}
	want := []annotation.Annotation{a, b, e}
	annotation.Sort(want)
	if got := load(t, db, d); !annotation.EqualAll(got, want) {
		t.Errorf("pack and rows read as %+v", got)
	}
	// Packing again takes the rows in, and drops the deleted one's.
	db.Repack(d.SHA256)
	if rs, _ := db.Records(d.SHA256); rs.Packed != 3 || rs.Rows != 0 {
		t.Errorf("after packing again: %+v", rs)
	}
	if got := load(t, db, d); !annotation.EqualAll(got, want) {
		t.Errorf("after packing again: %+v", got)
	}
	// A deletion does not remove an annotation modified after it; an
	// annotation put back, as an undo does, comes back.
	db.Write(store.Batch{Doc: d.SHA256, Delete: []string{a.ID}, At: now.Add(-time.Minute)})
	if got := load(t, db, d); len(got) != 3 {
		t.Errorf("an older deletion removed a newer annotation: %v", ids(got))
	}
	db.Write(store.Batch{Doc: d.SHA256, Delete: []string{a.ID}, At: now.Add(time.Minute)})
	if got := load(t, db, d); len(got) != 2 {
		t.Errorf("a deletion did not remove: %v", ids(got))
	}
	db.Write(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{a}})
	if got := load(t, db, d); len(got) != 3 {
		t.Errorf("undoing a deletion did not bring the annotation back: %v", ids(got))
	}

	// A line of the pack that cannot be read is set aside, and the rest
	// load.
	db.Repack(d.SHA256)
	rs, _ = db.Records(d.SHA256)
	db.SetPack(d.SHA256, rs.Lines+"\ngarbage\tgarbage\nno tab")
	l, err := store.Load(db, d, now)
	if err != nil || !slices.Equal(ids(l.Annotations), ids(want)) || len(l.Bad) != 2 || l.Bad[0].Key != "garbage" || l.Bad[1].Key != "no tab" {
		t.Fatalf("with a spoiled pack: %v, %+v, %v", ids(l.Annotations), l.Bad, err)
	}
	db.SetAside(d.SHA256, l.Bad)
	if l, _ := store.Load(db, d, now); len(l.Bad) != 0 || !slices.Equal(ids(l.Annotations), ids(want)) {
		t.Errorf("after setting the lines aside: %v, %+v", ids(l.Annotations), l.Bad)
	}
}

// A change modified no later than the newest annotation of the pack, as
// another tab's older edit or a journal replayed, is weighed against the
// pack's line: an older edit does not replace a newer annotation.
func TestOlderChangeAgainstThePack(t *testing.T) {
	db, d := setup(t)
	a := annotation.New(d, annotation.Claim, 0, 5, now)
	b := annotation.New(d, annotation.Evidence, 7, 11, now)
	db.Write(newDoc(d, a, b))
	db.Repack(d.SHA256)
	older := a
	older.Tag, older.Modified = annotation.Prediction, now.Add(-time.Minute)
	newer := b
	newer.Tag, newer.Modified = annotation.Claim, now.Add(time.Minute)
	db.Write(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{older}})
	db.Write(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{newer}})
	want := []annotation.Annotation{a, newer}
	if got := load(t, db, d); !annotation.EqualAll(got, want) {
		t.Errorf("read %+v, want %+v", got, want)
	}
	if rs, _ := db.Records(d.SHA256); rs.Packed != 2 || rs.Rows != 1 {
		t.Errorf("%d lines packed and %d rows: the older edit should pack anew, the newer write a row", rs.Packed, rs.Rows)
	}
}

func TestLargeChangePacksAsItWrites(t *testing.T) {
	d, err := document.New("Title\n\n" + strings.Repeat("word ", 200))
	if err != nil {
		t.Fatal(err)
	}
	db := &store.Memory{}
	var as []annotation.Annotation
	for i := range store.PackOnWrite + 1 {
		as = append(as, annotation.New(d, annotation.Claim, 7+5*i, 11+5*i, now))
	}
	db.Write(newDoc(d, as...))
	if rs, _ := db.Records(d.SHA256); rs.Packed != len(as) || rs.Rows != 0 {
		t.Errorf("after a large change: %d lines packed, %d rows", rs.Packed, rs.Rows)
	}
	if got := load(t, db, d); len(got) != len(as) {
		t.Errorf("read %d", len(got))
	}
}

func TestQueueFoldsABurst(t *testing.T) {
	_, d := setup(t)
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	b := annotation.New(d, annotation.Claim, 12, 16, now)
	retagged := a
	retagged.Tag = annotation.Evidence
	var q store.Queue
	q.Add(newDoc(d, a))
	first, _ := q.Next() // being written: not folded into
	q.Add(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{b}})
	q.Add(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{retagged}})
	q.Add(store.Batch{Doc: d.SHA256, Delete: []string{b.ID}})
	if q.Len() != 2 || len(first.Put) != 1 {
		t.Fatalf("queue holds %d batches", q.Len())
	}
	q.Done()
	second, _ := q.Next()
	if len(second.Put) != 1 || !second.Put[0].Equal(&retagged) || !slices.Equal(second.Delete, []string{b.ID}) {
		t.Errorf("folded batch = %+v", second)
	}
	q.Failed()
	if q.Len() != 1 {
		t.Errorf("a failed batch was dropped")
	}
}

func TestSaverRetriesThenReports(t *testing.T) {
	db, d := setup(t)
	waits := make(chan time.Duration, 10)
	reports := make(chan store.Status, 10)
	s := &store.Saver{DB: db, Sleep: func(w time.Duration) { waits <- w }, Report: func(st store.Status) { reports <- st }}
	go s.Run()
	next := func() (store.Status, int) {
		t.Helper()
		select {
		case st := <-reports:
			return st, len(waits)
		case <-time.After(5 * time.Second):
			t.Fatal("no report")
		}
		return store.Status{}, 0
	}
	drain := func() {
		for len(waits) > 0 {
			<-waits
		}
	}

	// Two failures, then the write goes through.
	db.Fail = []error{errors.New("disk busy"), errors.New("connection lost")}
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	s.Save(newDoc(d, a))
	if st, tries := next(); st.Err != nil || st.Saved != 1 || st.Pending != 0 || tries != 2 {
		t.Fatalf("status %+v after %d waits", st, tries)
	}
	drain()

	// Every attempt fails: the change is reported and kept.
	db.Fail = []error{store.ErrQuota, store.ErrQuota, store.ErrQuota, store.ErrQuota}
	b := annotation.New(d, annotation.Evidence, 12, 16, now)
	s.Save(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{b}})
	if st, tries := next(); !errors.Is(st.Err, store.ErrQuota) || st.Pending != 1 || tries != len(store.Backoff) {
		t.Fatalf("status %+v after %d waits", st, tries)
	}
	drain()
	if got := load(t, db, d); len(got) != 1 {
		t.Fatalf("stored %v", ids(got))
	}
	pending := s.Queue.Pending()
	if len(pending) != 1 || pending[0].Put[0].ID != b.ID {
		t.Fatalf("pending %+v", pending)
	}

	// Tried again once the disk has room.
	s.Retry()
	if st, _ := next(); st.Err != nil || st.Pending != 0 {
		t.Fatalf("status %+v", st)
	}
	if got := load(t, db, d); len(got) != 2 {
		t.Fatalf("stored %v", ids(got))
	}
}

func TestJournalReplay(t *testing.T) {
	db, d := setup(t)
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	a.Note = "quote \" and\nline"
	j := store.EncodeJournal([]store.Batch{newDoc(d, a), {Doc: d.SHA256, Delete: []string{"gone"}}}, now)
	n, err := store.Replay(db, j)
	if err != nil || n != 2 {
		t.Fatalf("Replay = %d, %v", n, err)
	}
	if got := load(t, db, d); len(got) != 1 || !got[0].Equal(&a) {
		t.Fatalf("after replay: %+v", got)
	}

	for name, j := range map[string]string{
		"not JSON":       "{",
		"other schema":   `{"schema":1,"batches":[]}`,
		"bad record":     `{"schema":2,"batches":[{"doc":"` + d.SHA256 + `","put":["[1]"]}]}`,
		"text not found": store.EncodeJournal([]store.Batch{{Doc: strings.Repeat("0", 64), Put: []annotation.Annotation{a}}}, now),
		"wrong text":     strings.Replace(j, "Some text to annotate", "Some text to Annotate", 1),
	} {
		db := &store.Memory{}
		if n, err := store.Replay(db, j); err == nil {
			t.Errorf("%s: replayed %d batches", name, n)
		}
	}
}

func TestMigrateV1(t *testing.T) {
	_, d := setup(t)
	other, _ := document.New("Another text\n\nWith more words in it.")
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	b := annotation.New(d, annotation.Evidence, 12, 16, now)
	c := annotation.New(other, annotation.Prediction, 14, 18, now)
	bad := b
	bad.ID, bad.Exact = "bad", "nope"
	v1 := func() *store.MemoryKV {
		return &store.MemoryKV{Values: map[string]string{
			"unrelated":                                               "kept",
			store.V1Prefix + "current":                                d.SHA256,
			store.V1Prefix + "document/" + d.SHA256:                   fmt.Sprintf(`{"title":%q,"text":%q}`, d.Title, d.Text),
			store.V1Prefix + "annotations/" + d.SHA256:                annsV1(t, d.SHA256, a, b, bad),
			store.V1Prefix + "document/" + other.SHA256:               fmt.Sprintf(`{"title":%q,"text":%q}`, other.Title, other.Text),
			store.V1Prefix + "annotations/" + other.SHA256:            annsV1(t, other.SHA256, c),
			store.V1Prefix + "annotations/" + strings.Repeat("f", 64): `{"annotations":[]}`,
			store.V1Prefix + "document/" + strings.Repeat("e", 64):    `{"title":"x","text":"not its hash"}`,
		}}
	}

	kv, db := v1(), &store.Memory{}
	n, err := store.MigrateV1(kv, db, now)
	if err != nil || n != 2 {
		t.Fatalf("MigrateV1 = %d, %v", n, err)
	}
	if cur, _ := db.Current(); cur != d.SHA256 {
		t.Errorf("current = %s", cur)
	}
	if got := load(t, db, d); !slices.Equal(ids(got), []string{a.ID, b.ID}) {
		t.Errorf("migrated %v", ids(got))
	}
	if got := load(t, db, other); len(got) != 1 || !got[0].Equal(&c) {
		t.Errorf("migrated %+v", got)
	}
	if !maps(kv.Values, map[string]string{"unrelated": "kept"}) {
		t.Errorf("left in localStorage: %v", kv.Values)
	}
	aside, _ := db.Aside()
	if len(aside) != 3 {
		t.Errorf("set aside %+v, want the bad annotation, the orphaned annotations and the text with the wrong hash", aside)
	}

	// Nothing to do the second time.
	if n, err := store.MigrateV1(kv, db, now); n != 0 || err != nil {
		t.Errorf("again: %d, %v", n, err)
	}

	// A failed copy leaves the old keys.
	kv, db = v1(), &store.Memory{Fail: []error{store.ErrQuota}}
	if _, err := store.MigrateV1(kv, db, now); !errors.Is(err, store.ErrQuota) {
		t.Fatalf("failed copy: %v", err)
	}
	if len(kv.Values) != len(v1().Values) {
		t.Errorf("a failed migration removed keys: %v", kv.Values)
	}
}

func annsV1(t *testing.T, sha string, as ...annotation.Annotation) string {
	var b strings.Builder
	b.WriteString(`{"sha256":"` + sha + `","annotations":[`)
	for i, a := range as {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%q,"tag":%q,"start":%d,"end":%d,"exact":%q,"prefix":%q,"suffix":%q,"note":"","created":%q,"modified":%q}`,
			a.ID, a.Tag, a.Start, a.End, a.Exact, a.Prefix, a.Suffix, a.Created.Format(time.RFC3339Nano), a.Modified.Format(time.RFC3339Nano))
	}
	b.WriteString("]}")
	return b.String()
}

func maps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestMessages(t *testing.T) {
	_, d := setup(t)
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	b := annotation.New(d, annotation.Evidence, 12, 16, now)
	mine := []annotation.Annotation{a, b}

	theirs := a
	theirs.Note, theirs.Modified = "from the other tab", now.Add(time.Second)
	c := annotation.New(d, annotation.Prediction, 17, 19, now)
	m, err := store.DecodeMessage(store.NewMessage("tab-2", store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{theirs, c}, Delete: []string{b.ID}}).Encode())
	if err != nil || m.Schema != store.Version || m.From != "tab-2" {
		t.Fatalf("DecodeMessage = %+v, %v", m, err)
	}
	got, changed, err := m.Apply(d, mine)
	if err != nil || !changed {
		t.Fatalf("Apply = %v, %v", changed, err)
	}
	if !slices.Equal(ids(got), []string{a.ID, c.ID}) || got[0].Note != "from the other tab" {
		t.Errorf("merged %+v", got)
	}
	// An older edit of the same annotation loses.
	stale := a
	stale.Tag, stale.Modified = annotation.Prediction, now.Add(-time.Second)
	m = store.NewMessage("tab-2", store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{stale}})
	if got, changed, _ := m.Apply(d, got); changed || got[0].Tag != annotation.Claim {
		t.Errorf("a stale edit won: %+v", got[0])
	}
	// A newer schema is read as far as its number.
	if m, err := store.DecodeMessage(`{"schema":5,"put":{"new":"shape"}}`); err != nil || m.Schema != 5 {
		t.Errorf("newer message = %+v, %v", m, err)
	}
	if _, err := store.DecodeMessage(`nonsense`); err == nil {
		t.Errorf("nonsense decoded")
	}
	wrong := a
	wrong.Exact = "nope"
	m = store.NewMessage("tab-2", store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{wrong}})
	if _, _, err := m.Apply(d, mine); err == nil {
		t.Errorf("a record that does not fit the text was merged")
	}
}

func TestSnapshots(t *testing.T) {
	db, d := setup(t)
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	as := []annotation.Annotation{a}
	if store.SnapshotDue(nil, nil, now, false) {
		t.Error("a snapshot of nothing")
	}
	if !store.SnapshotDue(nil, as, now, false) {
		t.Error("no first snapshot")
	}
	for i := range store.SnapshotsKept + 2 {
		as[0].Note = fmt.Sprint(i)
		db.AddSnapshot(store.Snapshot{Doc: d.SHA256, Taken: now.Add(time.Duration(i) * time.Hour), Count: 1, Records: store.Records(as)})
	}
	ss, _ := db.Snapshots(d.SHA256)
	if len(ss) != store.SnapshotsKept || !ss[0].Taken.Equal(now.Add(time.Duration(store.SnapshotsKept+1)*time.Hour)) {
		t.Fatalf("kept %d snapshots, newest %v", len(ss), ss[0].Taken)
	}
	if n, _ := db.NewestSnapshot(d.SHA256); n == nil || !n.Taken.Equal(ss[0].Taken) {
		t.Errorf("NewestSnapshot = %+v", n)
	}
	if n, _ := db.NewestSnapshot("none"); n != nil {
		t.Errorf("NewestSnapshot of a text without = %+v", n)
	}
	newest := &ss[0]
	if store.SnapshotDue(newest, as, newest.Taken.Add(time.Hour), true) {
		t.Error("a snapshot the same as the newest")
	}
	as[0].Note = "changed"
	if store.SnapshotDue(newest, as, newest.Taken.Add(time.Minute), false) || !store.SnapshotDue(newest, as, newest.Taken.Add(time.Minute), true) {
		t.Error("snapshot timing")
	}
	if !store.SnapshotDue(newest, as, newest.Taken.Add(store.SnapshotEvery), false) {
		t.Error("no snapshot after SnapshotEvery")
	}
	got, err := store.ParseRecords(d, ss[0].Records)
	if err != nil || len(got) != 1 || got[0].Note != fmt.Sprint(store.SnapshotsKept+1) {
		t.Errorf("ParseRecords = %+v, %v", got, err)
	}

	big := strings.Repeat("x", store.SnapshotBytes/2+1)
	drop := store.Prune([]store.Snapshot{{Taken: now.Add(3), Records: big}, {Taken: now.Add(2), Records: big}, {Taken: now.Add(1), Records: "small"}})
	if len(drop) != 2 {
		t.Errorf("Prune kept more than SnapshotBytes: drops %v", drop)
	}
	if drop := store.Prune([]store.Snapshot{{Taken: now, Records: big + big}}); len(drop) != 0 {
		t.Errorf("Prune dropped the only snapshot")
	}
}

// TestRecordsOf checks that the records made in one buffer are each
// annotation's own record.
func TestRecordsOf(t *testing.T) {
	_, d := setup(t)
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	b := annotation.New(d, annotation.Evidence, 12, 16, now)
	b.Note = "a “quoted” note, with\nits line and ☃"
	c := annotation.New(d, annotation.Prediction, 0, 5, now)
	for _, as := range [][]annotation.Annotation{nil, {a}, {a, b, c}} {
		got := store.RecordsOf(as)
		if len(got) != len(as) {
			t.Fatalf("%d records of %d", len(got), len(as))
		}
		for i := range as {
			if want := format.Record(as[i]); got[i] != want {
				t.Errorf("record %d = %s, want %s", i, got[i], want)
			}
		}
	}
}
