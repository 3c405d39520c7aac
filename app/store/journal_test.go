package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/store"
)

// watchedDB is a Memory whose writes first look at the journal, as a page
// closed while the write is under way would leave it.
type watchedDB struct {
	*store.Memory
	kv  *store.MemoryKV
	key string
	// journaled holds, for each write, the ids the journal held as it
	// started.
	journaled [][]string
}

func (w *watchedDB) Write(b store.Batch) error {
	var held []string
	if j, ok, _ := w.kv.Get(w.key); ok {
		bs, err := store.DecodeJournal(j)
		if err != nil {
			return err
		}
		for _, b := range bs {
			held = append(held, ids(b.Put)...)
		}
	}
	w.journaled = append(w.journaled, held)
	return w.Memory.Write(b)
}

// run starts s and returns a function that waits for its next report.
func run(t *testing.T, s *store.Saver) func() store.Status {
	reports := make(chan store.Status, 10)
	s.Report = func(st store.Status) { reports <- st }
	go s.Run()
	return func() store.Status {
		t.Helper()
		select {
		case st := <-reports:
			return st
		case <-time.After(5 * time.Second):
			t.Fatal("no report")
		}
		return store.Status{}
	}
}

func TestSaverJournalsBeforeEachWrite(t *testing.T) {
	mem, d := setup(t)
	kv := &store.MemoryKV{}
	key := store.JournalKey + "/tab-1"
	db := &watchedDB{Memory: mem, kv: kv, key: key}
	s := &store.Saver{DB: db, Sleep: func(time.Duration) {}, Journal: &store.Journal{KV: kv, Key: key}}
	wait := run(t, s)

	a := annotation.New(d, annotation.Claim, 7, 11, now)
	s.Save(newDoc(d, a))
	if st := wait(); st.Err != nil || st.Pending != 0 {
		t.Fatalf("status %+v", st)
	}
	if len(db.journaled) != 1 || !slices.Equal(db.journaled[0], []string{a.ID}) {
		t.Fatalf("the journal held %v as the write started", db.journaled)
	}
	if _, ok, _ := kv.Get(key); ok {
		t.Error("the journal is still there once everything is written")
	}

	// A write that fails for good leaves its change in the journal.
	mem.Fail = []error{store.ErrQuota, store.ErrQuota, store.ErrQuota, store.ErrQuota}
	b := annotation.New(d, annotation.Evidence, 12, 16, now)
	s.Save(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{b}})
	if st := wait(); !errors.Is(st.Err, store.ErrQuota) {
		t.Fatalf("status %+v", st)
	}
	j, ok, _ := kv.Get(key)
	if !ok {
		t.Fatal("a change not written is not in the journal")
	}
	// The next start writes it.
	fresh := &store.Memory{}
	fresh.Write(newDoc(d, a))
	if n, err := store.Replay(fresh, j); err != nil || n != 1 {
		t.Fatalf("Replay = %d, %v", n, err)
	}
	if got := load(t, fresh, d); len(got) != 2 {
		t.Fatalf("after replay: %v", ids(got))
	}
}

func TestJournals(t *testing.T) {
	kv := &store.MemoryKV{Values: map[string]string{
		store.JournalKey: "old", store.JournalKey + "/b": "b", store.JournalKey + "/a": "a",
		"claimmark/journalist": "not one", "claimmark/v1/x": "not one",
	}}
	keys, err := store.Journals(kv)
	if want := []string{store.JournalKey, store.JournalKey + "/a", store.JournalKey + "/b"}; err != nil || !slices.Equal(keys, want) {
		t.Errorf("Journals = %q, %v; want %q", keys, err, want)
	}
}

// Site data cleared under the page: a change alone is refused until the
// page writes the whole document back, and nothing it holds is lost.
func TestDataGoneWaitsForTheWholeDocument(t *testing.T) {
	db, d := setup(t)
	waits := 0
	s := &store.Saver{DB: db, Sleep: func(time.Duration) { waits++ }}
	wait := run(t, s)
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	s.Save(newDoc(d, a))
	wait()

	db.Clear()
	b := annotation.New(d, annotation.Evidence, 12, 16, now)
	s.Save(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{b}})
	if st := wait(); !errors.Is(st.Err, store.ErrDataGone) || st.Pending != 1 || waits != 0 {
		t.Fatalf("status %+v after %d waits", st, waits)
	}
	if got, _ := db.Documents(); len(got) != 0 {
		t.Fatalf("a change alone was written: %+v", got)
	}
	// The page writes back all it holds; it folds into the waiting change.
	whole := newDoc(d, a, b)
	whole.Whole = true
	s.Save(whole)
	if st := wait(); st.Err != nil || st.Pending != 0 {
		t.Fatalf("status %+v", st)
	}
	if got := load(t, db, d); len(got) != 2 {
		t.Fatalf("after the write-back: %v", ids(got))
	}
	c := annotation.New(d, annotation.Prediction, 17, 21, now)
	s.Save(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{c}})
	if st := wait(); st.Err != nil {
		t.Fatalf("a change after the write-back: %+v", st)
	}
}

// The page writes the whole document back while the change that found the
// data gone is still being written: once that one fails, the whole one
// stands for it, rather than the saver trying it for ever.
func TestWholeBatchSupersedesWhatWaits(t *testing.T) {
	_, d := setup(t)
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	b := annotation.New(d, annotation.Evidence, 12, 16, now)
	var q store.Queue
	q.Add(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{b}})
	if _, ok := q.Next(); !ok {
		t.Fatal("nothing queued")
	}
	other := store.Batch{Doc: "other", Put: []annotation.Annotation{a}}
	q.Add(other)
	whole := newDoc(d, a, b)
	whole.Whole = true
	q.Add(whole)
	if n := q.Len(); n != 3 {
		t.Fatalf("%d batches wait while one is written, want 3", n)
	}
	q.Failed()
	pending := q.Pending()
	if len(pending) != 2 || pending[0].Doc != "other" || !pending[1].Whole || len(pending[1].Put) != 2 {
		t.Fatalf("after the failure: %+v", pending)
	}
	// A change after the whole batch folds into it, and stays whole.
	c := annotation.New(d, annotation.Prediction, 17, 21, now)
	q.Add(store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{c}})
	if pending := q.Pending(); len(pending) != 2 || !pending[1].Whole || len(pending[1].Put) != 3 {
		t.Fatalf("after a later change: %+v", pending)
	}
}

// TestSchema2JournalReadsUnderSchema4: a page of the schema 2 code closed
// with changes unsaved; the page of this code that opens next replays
// them, and its own records, with links, read back too.
func TestSchema2JournalReadsUnderSchema4(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	v2 := `{"schema":2,"written":"2026-12-01T09:00:00Z","batches":[{"doc":"d","put":["[\"a\",\"claim\",0,4,1764579600000,1764579600000,\"Text\",\"\",\"\",\"\"]"],"at":"2026-12-01T09:00:00Z"}]}`
	bs, err := store.DecodeJournal(v2)
	if err != nil || len(bs) != 1 || len(bs[0].Put) != 1 || bs[0].Put[0].Exact != "Text" {
		t.Fatalf("a schema 2 journal: %+v, %v", bs, err)
	}
	a := bs[0].Put[0]
	a.Links = []annotation.Link{{ID: "l", To: "b", Type: annotation.Supports, Created: at}}
	again, err := store.DecodeJournal(store.EncodeJournal([]store.Batch{{Doc: "d", Put: []annotation.Annotation{a}, At: at}}, at))
	if err != nil || !again[0].Put[0].Equal(&a) {
		t.Errorf("a schema 3 journal with a link: %+v, %v", again, err)
	}
	if _, err := store.DecodeJournal(`{"schema":5,"batches":[]}`); err == nil {
		t.Error("a journal of a later schema was read")
	}
}
