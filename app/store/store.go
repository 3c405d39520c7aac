// Package store keeps claimmark's documents and annotations on the
// reader's device. It holds all that does not depend on the browser: the
// records and their layout, reading them back with every record checked,
// the queue of changes not yet written and the saver that retries them,
// the journal a closing page leaves, snapshots, the messages that keep
// tabs in step, and the migrations between schema versions. The browser's
// IndexedDB sits behind the DB interface (package idb); Memory implements
// it for tests.
//
// Schema 2, an IndexedDB database named "claimmark" at version 2:
//
//	meta         key "schema" → 2, key "current" → the open document's hash
//	documents    keyPath "sha256": {sha256, title, chars, opened, exported, changes}
//	texts        keyPath "sha256": {sha256, text}
//	annotations  keyPath ["doc", "id"], index "doc": {doc, id, modified, record}
//	snapshots    keyPath ["doc", "taken"], index "doc": {doc, taken, count, records}
//	aside        auto-increment key: {store, key, value, reason, found}
//
// Times are Unix milliseconds. An annotation's record is format.Record;
// a snapshot's records are such records, one per line. Texts are apart from
// the documents' details so that counting a change does not rewrite a
// long text. Schema 1 was localStorage (see MigrateV1).
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
const Version = 2

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
}

// Batch is one change, written in one transaction: all of it or nothing.
type Batch struct {
	Doc string
	// Put adds or replaces annotations; a stored annotation with the same
	// id and a later modification time is kept instead.
	Put    []annotation.Annotation
	Delete []string
	// Info, when set, replaces the document's details; Text, when set,
	// stores its text.
	Info *Info
	Text string
	// Current makes Doc the document opened on the next start.
	Current bool
}

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

// DB is durable storage of claimmark's records.
type DB interface {
	// Current returns the hash of the document open last, or "".
	Current() (string, error)
	Documents() ([]Info, error)
	// Document returns a document's details and text, or ErrNotFound.
	Document(sha string) (Info, string, error)
	// Records returns a document's annotation records, one per line, each
	// as its key (the id, which holds no control character), a tab and the
	// record; and the records that cannot be given so, already as Aside.
	Records(doc string) (lines string, bad []Aside, err error)
	Write(b Batch) error
	// SetAside moves records of doc's annotations into the aside store.
	SetAside(doc string, bad []Aside) error
	Aside() ([]Aside, error)
	// AddSnapshot stores s and drops the document's snapshots that Prune
	// says to drop.
	AddSnapshot(s Snapshot) error
	// Snapshots returns a document's snapshots, the newest first.
	Snapshots(doc string) ([]Snapshot, error)
}

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

// Load reads d's annotations from db, in document order. A record that
// does not decode, or does not fit d's text, does not stop the others: it
// is returned as bad, for the caller to set aside and tell the reader.
func Load(db DB, d *document.Document, now time.Time) ([]annotation.Annotation, []Aside, error) {
	text, bad, err := db.Records(d.SHA256)
	if err != nil {
		return nil, nil, err
	}
	ls := lines(text)
	out := make([]annotation.Annotation, 0, len(ls))
	for _, line := range ls {
		key, record, _ := strings.Cut(line, "\t")
		a, err := format.DecodeRecord([]byte(record))
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
	return out, bad, nil
}
