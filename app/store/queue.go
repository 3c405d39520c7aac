package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/claimmark/claimmark/app/format"
)

// Queue holds the changes not yet written, oldest first. A change added
// while others for the same document wait is folded into the last of
// them, so that a burst of edits is one write.
type Queue struct {
	mu       sync.Mutex
	batches  []Batch
	inFlight bool // batches[0] is being written
}

// Add queues b. A whole batch stands for all that waits for its
// document: the batches before it are dropped, once none is being
// written.
func (q *Queue) Add(b Batch) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if n := len(q.batches); n > 0 && !(n == 1 && q.inFlight) && q.batches[n-1].Doc == b.Doc {
		q.batches[n-1] = fold(q.batches[n-1], b)
	} else {
		q.batches = append(q.batches, b)
	}
	q.dropSuperseded()
}

// dropSuperseded drops the batches, not being written, that a later whole
// batch of the same document stands for.
func (q *Queue) dropSuperseded() {
	whole := map[string]bool{}
	for i := len(q.batches) - 1; i >= 0; i-- {
		b := q.batches[i]
		if whole[b.Doc] && !(i == 0 && q.inFlight) {
			q.batches = slices.Delete(q.batches, i, i+1)
			continue
		}
		if b.Whole {
			whole[b.Doc] = true
		}
	}
}

// fold returns a then b as one batch.
func fold(a, b Batch) Batch {
	touched := map[string]bool{}
	for _, x := range b.Put {
		touched[x.ID] = true
	}
	for _, id := range b.Delete {
		touched[id] = true
	}
	out := Batch{Doc: a.Doc, At: a.At, Info: a.Info, Text: a.Text, Current: a.Current || b.Current, Whole: a.Whole || b.Whole}
	if !b.At.IsZero() {
		out.At = b.At
	}
	// The records made for each go with their annotations.
	records := len(a.Records) == len(a.Put) && len(b.Records) == len(b.Put)
	for i, x := range a.Put {
		if !touched[x.ID] {
			out.Put = append(out.Put, x)
			if records {
				out.Records = append(out.Records, a.Records[i])
			}
		}
	}
	out.Delete = slices.DeleteFunc(slices.Clone(a.Delete), func(id string) bool { return touched[id] })
	out.Put = append(out.Put, b.Put...)
	if records {
		out.Records = append(out.Records, b.Records...)
	}
	out.Delete = append(out.Delete, b.Delete...)
	if b.Info != nil {
		out.Info = b.Info
	}
	if b.Text != "" {
		out.Text = b.Text
	}
	return out
}

// Next returns the oldest batch and marks it as being written.
func (q *Queue) Next() (Batch, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.batches) == 0 {
		return Batch{}, false
	}
	q.inFlight = true
	return q.batches[0], true
}

// Done drops the batch Next returned: it is written.
func (q *Queue) Done() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.inFlight {
		q.batches = q.batches[1:]
		q.inFlight = false
	}
}

// Failed keeps the batch Next returned, to be written again, unless a
// whole batch queued since stands for it.
func (q *Queue) Failed() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.inFlight = false
	q.dropSuperseded()
}

// Pending returns the batches not yet written, the one being written
// included.
func (q *Queue) Pending() []Batch {
	q.mu.Lock()
	defer q.mu.Unlock()
	return slices.Clone(q.batches)
}

// Len is how many changes wait.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.batches)
}

// The journal holds the changes a tab has not yet written, in synchronous
// storage (localStorage), from before each write starts until it is done:
// a page closed at any moment leaves them there, to be written on the
// next start. Each tab keeps its own, under JournalKey/<tab>. Writes that
// did finish meanwhile are harmless to repeat: a put never replaces a
// later modification.
type journal struct {
	Schema  int            `json:"schema"`
	Written time.Time      `json:"written"`
	Batches []journalBatch `json:"batches"`
}

type journalBatch struct {
	Doc     string    `json:"doc"`
	Put     records   `json:"put,omitempty"`
	Delete  []string  `json:"delete,omitempty"`
	At      time.Time `json:"at,omitzero"`
	Info    *Info     `json:"info,omitempty"`
	Text    string    `json:"text,omitempty"`
	Current bool      `json:"current,omitempty"`
	Whole   bool      `json:"whole,omitempty"`
}

// JournalKey is the localStorage key of the journal, and the start of
// each tab's.
const JournalKey = "claimmark/journal"

// Journal keeps one tab's unwritten changes in a KV.
type Journal struct {
	KV  KV
	Key string // JournalKey + "/" + the tab
	mu  sync.Mutex
}

// Keep makes the journal hold pending, the changes not yet written, or
// removes it when there are none. It reports whether it could.
func (j *Journal) Keep(pending func() []Batch, now time.Time) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	// Read under the lock: of two calls, the later writes the later state.
	if bs := pending(); len(bs) > 0 {
		return j.KV.Set(j.Key, EncodeJournal(bs, now))
	}
	return j.KV.Remove(j.Key)
}

// Journals returns the keys of every journal in kv: each tab's, and the
// one key that earlier versions used.
func Journals(kv KV) ([]string, error) {
	keys, err := kv.Keys()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, k := range keys {
		if k == JournalKey || strings.HasPrefix(k, JournalKey+"/") {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out, nil
}

// EncodeJournal returns bs as a journal. Its records are written by hand,
// as Message.Encode writes them.
func EncodeJournal(bs []Batch, now time.Time) string {
	out, _ := json.Marshal(journal{Schema: Version, Written: now.UTC()}) // plain strings, times and numbers
	out = append(out[:len(out)-len(`null}`)], '[')
	for i, b := range bs {
		if i > 0 {
			out = append(out, ',')
		}
		jb, _ := json.Marshal(journalBatch{Doc: b.Doc, Delete: b.Delete, At: b.At, Info: b.Info, Text: b.Text, Current: b.Current, Whole: b.Whole})
		if len(b.Put) > 0 {
			out = append(appendRecords(append(out, `{"put":`...), b.PutRecords()), ',')
			jb = jb[1:]
		}
		out = append(out, jb...)
	}
	return string(append(out, "]}"...))
}

// DecodeJournal reads a journal. Its annotations are checked for form
// only: the text they belong to may still be in the journal.
func DecodeJournal(s string) ([]Batch, error) {
	var j journal
	if err := json.Unmarshal([]byte(s), &j); err != nil {
		return nil, fmt.Errorf("the journal of unsaved changes: %w", err)
	}
	if !Reads(j.Schema) {
		return nil, fmt.Errorf("the journal of unsaved changes is of schema %d, not %d", j.Schema, Version)
	}
	var out []Batch
	for _, jb := range j.Batches {
		b := Batch{Doc: jb.Doc, Delete: jb.Delete, At: jb.At, Info: jb.Info, Text: jb.Text, Current: jb.Current, Whole: jb.Whole, Records: jb.Put}
		for _, r := range jb.Put {
			a, err := format.DecodeRecord([]byte(r))
			if err != nil {
				return nil, fmt.Errorf("the journal of unsaved changes: %w", err)
			}
			b.Put = append(b.Put, a)
		}
		out = append(out, b)
	}
	return out, nil
}

// checkBatch checks the journal's annotations against their text, which
// is either stored or in the batch.
func checkBatch(db DB, b Batch) error {
	text := b.Text
	if text == "" {
		_, t, err := db.Document(b.Doc)
		if err != nil {
			return err
		}
		text = t
	}
	d, err := documentFor(b.Doc, text)
	if err != nil {
		return err
	}
	for _, a := range b.Put {
		if err := a.Validate(d); err != nil {
			return fmt.Errorf("annotation %s: %w", a.ID, err)
		}
	}
	return nil
}

// Replay writes a journal's batches, each checked first.
func Replay(db DB, journal string) (int, error) {
	bs, err := DecodeJournal(journal)
	if err != nil {
		return 0, err
	}
	for i, b := range bs {
		if err := checkBatch(db, b); err != nil {
			return i, err
		}
		if err := db.Write(b); err != nil {
			return i, err
		}
	}
	return len(bs), nil
}
