// Package store keeps claimmark's documents and annotations on the
// reader's device. It holds all that does not depend on the browser: the
// records and their layout, reading them back with every record checked,
// the queue of changes not yet written and the saver that retries them,
// the journal a closing page leaves, snapshots, the messages that keep
// tabs in step, and the migrations between schema versions. The browser's
// IndexedDB sits behind the DB interface (package idb); Memory implements
// it for tests.
//
// Schema 4, an IndexedDB database named "claimmark" at version 4:
//
//	meta         "schema" → 4; "current" → the open document's hash;
//	             "seq/<hash>" → the number of the document's last change;
//	             "packed/<hash>" → the latest modification time in its pack;
//	             "exercise/<hash>" → the exercise a student does on it
//	documents    keyPath "sha256": {sha256, title, chars, opened, exported, changes,
//	             changed, claims, evidence, predictions}
//	texts        keyPath "sha256": {sha256, text}
//	batches      keyPath ["doc", "part"]: {doc, part, seq, lines}
//	annotations  keyPath ["doc", "id"], indexes "doc" and "written" (["doc", "written"]):
//	             {doc, id, modified, written, record}
//	snapshots    keyPath ["doc", "taken"], index "doc": {doc, taken, count, records}
//	aside        auto-increment key: {store, key, value, reason, found}
//
// Times are Unix milliseconds. A document's annotations are its pack and
// its rows. The pack is its annotations as of change seq, as "id\trecord"
// lines (each record format.Record) in document order, up to 1,000 lines
// to a batch row: IndexedDB reads and writes twenty long strings far
// faster than 20,000 rows. A change of a few annotations writes one row
// each, stamped with the change's number ("written"): a row stands for its
// annotation over any line of the pack. A row is not replaced by one
// modified earlier (another tab's older edit), but an annotation put back
// replaces its deletion, a row with an empty record. A change of many
// annotations (a restore, an import), or one modified no later than the
// pack's latest, packs the document anew with the change in it, in the
// same transaction, and deletes its rows; a page packs again too once it
// reads many rows. Texts are apart from the documents' details so that
// counting a change does not rewrite a long text. Schema 1 was
// localStorage (see MigrateV1). Schema 2 had the same records as 3 and 4;
// schema 3 adds to a record the links and a prediction's fields (see
// format.Record), so every schema 2 record, journal and snapshot reads as
// it is. Schema 4 replaces schema 3's store "packs", one string a
// document rebuilt from the rows, with the batch rows; the upgrade keeps
// the rows, which the first page to open a document then packs.
package store

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

// Version is the schema this code reads and writes.
const Version = 4

// Reads reports whether this code reads the records and journals that
// schema v wrote: its own, schema 3's, which are the same, and schema
// 2's, which are schema 3 records without their eleventh element.
func Reads(v int) bool { return v >= 2 && v <= Version }

// ErrNotFound is returned for a document that was never saved.
var ErrNotFound = errors.New("not saved on this device")

// Info is what is kept about a document besides its text.
type Info struct {
	SHA256 string
	Title  string
	Chars  int // code points
	Opened time.Time
	// Exported is when its annotations were last exported; Changes counts
	// the changes saved since.
	Exported time.Time
	Changes  int
	// Changed is when its annotations last changed; Claims, Evidence and
	// Predictions count them then.
	Changed                       time.Time
	Claims, Evidence, Predictions int
}

// Batch is one change, written in one transaction: all of it or nothing.
type Batch struct {
	Doc string
	// Put adds or replaces annotations; a stored annotation with the same
	// id and a later modification time is kept instead.
	Put []annotation.Annotation
	// Delete removes annotations, unless modified after At; an annotation
	// put again comes back.
	Delete []string
	At     time.Time
	// Info, when set, replaces the document's details; Text, when set,
	// stores its text.
	Info *Info
	Text string
	// Current makes Doc the document opened on the next start.
	Current bool
	// Whole says that the batch holds all of its document: text, details
	// and every annotation. Once a DB finds its data gone, only such a
	// batch is written.
	Whole bool
	// Records, when set, holds format.Record of each of Put, in order:
	// made once, for the journal, the database and the other tabs.
	Records []string
}

// PutRecords returns format.Record of each of b.Put.
func (b Batch) PutRecords() []string {
	if len(b.Records) == len(b.Put) {
		return b.Records
	}
	return RecordsOf(b.Put)
}

// RecordsOf returns format.Record of each of as.
func RecordsOf(as []annotation.Annotation) []string {
	if len(as) == 1 {
		return []string{format.Record(as[0])}
	}
	// All in one buffer, then one string: a buffer and a string for each
	// were most of making the records of 20,000.
	size := 0
	for i := range as {
		size += 128 + len(as[i].Exact) + len(as[i].Prefix) + len(as[i].Suffix) + len(as[i].Note)
	}
	buf := make([]byte, 0, size)
	ends := make([]int, len(as))
	for i := range as {
		buf = format.AppendRecord(buf, as[i])
		ends[i] = len(buf)
	}
	all := string(buf)
	out := make([]string, len(as))
	start := 0
	for i, end := range ends {
		out[i], start = all[start:end], end
	}
	return out
}

// NewGeneration names a database as it is made, so that a page can tell
// a database made anew under it from the one it opened.
func NewGeneration() string { return annotation.NewID() }

// ErrDataGone is what a DB's Write returns once it finds that its data
// was cleared under the page (site data cleared, the database deleted):
// a change alone would then stand for the document, so it waits until
// the page writes the whole document back, in a batch marked Whole.
var ErrDataGone = errors.New("the browser's storage for claimmark was cleared")

// Snapshot is a copy of a document's annotations at one time.
type Snapshot struct {
	Doc     string
	Taken   time.Time
	Count   int
	Records string // one format.Record per line
}

// Aside is a stored record that could not be read, kept apart so that the
// rest loads and nothing is thrown away.
type Aside struct {
	Store, Key, Value, Reason string
	Found                     time.Time
}

// RecordSet is a document's annotations as stored.
type RecordSet struct {
	// Lines are "id\trecord" lines: first the pack's, one per annotation,
	// then the rows', one per annotation changed since, each standing for
	// its annotation over the pack's line. An empty record means that the
	// annotation was deleted.
	Lines string
	// Packed is how many of the lines come from the pack; Rows how many
	// from rows.
	Packed, Rows int
	// Bad holds the rows and batch rows that cannot be given as lines.
	Bad []Aside
}

// DB is durable storage of claimmark's records.
type DB interface {
	// Current returns the hash of the document open last, or "".
	Current() (string, error)
	Documents() ([]Info, error)
	// Document returns a document's details and text, or ErrNotFound.
	Document(sha string) (Info, string, error)
	// Records returns a document's annotations: its pack and its rows.
	Records(doc string) (RecordSet, error)
	Write(b Batch) error
	// Meta returns a value kept under key, such as a text's exercise;
	// SetMeta keeps one.
	Meta(key string) (string, bool, error)
	SetMeta(key, value string) error
	// Repack packs a document's annotations as they are, and deletes its
	// rows.
	Repack(doc string) error
	// DeleteDocument removes a document, its text, annotations and
	// snapshots; if it was the current document, none is.
	DeleteDocument(doc string) error
	// SetAside moves what could not be read of doc's annotations into the
	// aside store: an annotation (Store "annotations", Key its id) is
	// deleted, and a batch row (Store "batches") dropped.
	SetAside(doc string, bad []Aside) error
	Aside() ([]Aside, error)
	// AddSnapshot stores s and drops the document's snapshots that Prune
	// says to drop.
	AddSnapshot(s Snapshot) error
	// Snapshots returns a document's snapshots, the newest first;
	// NewestSnapshot only the newest, or nil.
	Snapshots(doc string) ([]Snapshot, error)
	NewestSnapshot(doc string) (*Snapshot, error)
}

// RepackAfter is how many rows make a page pack again. A change of more
// than PackOnWrite annotations packs as it writes.
const (
	RepackAfter = 100
	PackOnWrite = 64
)

// Records joins annotations' records as Snapshot.Records holds them.
func Records(as []annotation.Annotation) string {
	var b []byte
	for i, a := range as {
		if i > 0 {
			b = append(b, '\n')
		}
		b = format.AppendRecord(b, a)
	}
	return string(b)
}

// ParseRecords reads records joined by Records, each checked against d.
func ParseRecords(d *document.Document, records string) ([]annotation.Annotation, error) {
	var out []annotation.Annotation
	for i, line := range lines(records) {
		a, err := format.DecodeRecord([]byte(line))
		if err == nil {
			err = a.Validate(d)
		}
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", i+1, err)
		}
		out = append(out, a)
	}
	annotation.Sort(out)
	return out, nil
}

func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// Loaded is what Load read.
type Loaded struct {
	Annotations []annotation.Annotation
	// Bad are the rows that could not be read, to set aside.
	Bad []Aside
	// Rows is how many rows were read besides the pack.
	Rows int
}

// Load reads d's annotations from db, in document order. A record that
// does not decode, or does not fit d's text, does not stop the others: it
// is returned as bad, for the caller to set aside and tell the reader.
func Load(db DB, d *document.Document, now time.Time) (Loaded, error) {
	rs, err := db.Records(d.SHA256)
	if err != nil {
		return Loaded{}, err
	}
	return parse(rs, d, now), nil
}

func parse(rs RecordSet, d *document.Document, now time.Time) Loaded {
	ls := lines(rs.Lines)
	data := []byte(rs.Lines) // one copy, rather than one per record
	// A row stands for its annotation over the pack's line.
	rowIDs := make(map[string]bool, len(ls)-min(rs.Packed, len(ls)))
	for _, line := range ls[min(rs.Packed, len(ls)):] {
		key, _, _ := strings.Cut(line, "\t")
		rowIDs[key] = true
	}
	out := make([]annotation.Annotation, 0, len(ls))
	bad := rs.Bad
	off := 0
	for i, line := range ls {
		start := off
		off += len(line) + 1
		key, record, ok := strings.Cut(line, "\t")
		if i < rs.Packed && rowIDs[key] || ok && record == "" { // replaced, or deleted
			continue
		}
		var a annotation.Annotation
		err := errors.New("a line of the pack without its id")
		if ok {
			a, err = format.DecodeRecord(data[start+len(key)+1 : start+len(line)])
		}
		switch {
		case err != nil:
		case a.ID != key:
			err = fmt.Errorf("its id %q is not its key", a.ID)
		default:
			err = a.Validate(d)
		}
		if err != nil {
			bad = append(bad, Aside{Store: "annotations", Key: key, Value: record, Reason: err.Error(), Found: now})
			continue
		}
		out = append(out, a)
	}
	for i := range bad {
		if bad[i].Found.IsZero() {
			bad[i].Found = now
		}
	}
	annotation.Sort(out)
	return Loaded{Annotations: out, Bad: bad, Rows: rs.Rows}
}
