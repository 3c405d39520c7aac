package store_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/store"
)

// Journals come from localStorage and messages from other tabs, which
// other programs can write: reading them must fail cleanly, and what
// reads must write back the same.
func FuzzDecodeJournal(f *testing.F) {
	_, d := setup(f)
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	f.Add(store.EncodeJournal([]store.Batch{newDoc(d, a), {Doc: d.SHA256, Delete: []string{a.ID}, At: now}}, now))
	f.Add(`{"schema":2,"batches":[{"doc":"x","put":["[]"]}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		bs, err := store.DecodeJournal(s)
		if err != nil {
			return
		}
		again, err := store.DecodeJournal(store.EncodeJournal(bs, now))
		if err != nil || len(again) != len(bs) {
			t.Fatalf("%q read as %d batches, which read back as %d (%v)", s, len(bs), len(again), err)
		}
	})
}

func FuzzDecodeMessage(f *testing.F) {
	_, d := setup(f)
	a := annotation.New(d, annotation.Claim, 7, 11, now)
	f.Add(store.NewMessage("tab", store.Batch{Doc: d.SHA256, Put: []annotation.Annotation{a}, Delete: []string{"x"}}).Encode())
	f.Add(`{"schema":3,"put":{}}`)
	f.Fuzz(func(t *testing.T, s string) {
		m, err := store.DecodeMessage(s)
		if err != nil {
			return
		}
		// Applying never fails but by an error, and keeps document order.
		as, _, err := m.Apply(d, []annotation.Annotation{a})
		if err == nil && !isSorted(as) {
			t.Fatalf("%q applied out of order", s)
		}
	})
}

func isSorted(as []annotation.Annotation) bool {
	for i := 1; i < len(as); i++ {
		if annotation.Compare(as[i-1], as[i]) > 0 {
			return false
		}
	}
	return true
}

// A message's records are written by hand: whatever they hold must read
// back as it was, and the rest as encoding/json reads it.
func FuzzEncodeMessage(f *testing.F) {
	f.Add("tab", "doc", `Te"x\t`, "x")
	f.Add("\x00\x1f", "é\u2028", "<&>\x01", "\xff")
	_, d := setup(f)
	f.Fuzz(func(t *testing.T, from, doc, note, del string) {
		a := annotation.New(d, annotation.Claim, 7, 11, now)
		a.Note = strings.ToValidUTF8(note, "?")
		m := store.NewMessage(from, store.Batch{Doc: doc, Put: []annotation.Annotation{a, a}, Delete: []string{del}})
		want := m
		if err := json.Unmarshal(must(json.Marshal(struct {
			From, Doc string
			Delete    []string
		}{from, doc, m.Delete})), &want); err != nil {
			t.Fatal(err)
		}
		got, err := store.DecodeMessage(m.Encode())
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s read back as %+v, %v; want %+v", m.Encode(), got, err, want)
		}
		if b, err := format.DecodeRecord([]byte(got.Put[1])); err != nil || !b.Equal(&a) {
			t.Fatalf("record read back as %+v, %v", b, err)
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
