package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/store"
)

func setup(t *testing.T) (*store.MemoryKV, *store.Store, *document.Document) {
	t.Helper()
	kv := &store.MemoryKV{}
	d, err := document.New("Title\n\nSome text to annotate here.")
	if err != nil {
		t.Fatal(err)
	}
	return kv, store.New(kv), d
}

func TestRoundTrip(t *testing.T) {
	kv, s, d := setup(t)
	if cur, err := s.Current(); cur != "" || err != nil {
		t.Fatalf("Current on empty storage = %q, %v", cur, err)
	}
	if err := s.SaveDocument(d); err != nil {
		t.Fatal(err)
	}
	as := []annotation.Annotation{
		annotation.New(d, annotation.Evidence, 12, 16, time.Now()),
		annotation.New(d, annotation.Claim, 7, 11, time.Now()),
	}
	if err := s.SaveAnnotations(d, as); err != nil {
		t.Fatal(err)
	}
	for k := range kv.Values {
		if !strings.HasPrefix(k, "claimmark/v1/") {
			t.Errorf("key %q is not versioned", k)
		}
	}
	cur, _ := s.Current()
	d2, err := s.Document(cur)
	if err != nil || d2.Text != d.Text {
		t.Fatalf("Document(%s) = %v, %v", cur, d2, err)
	}
	got, err := s.Annotations(d2)
	if err != nil || len(got) != 2 || got[0].ID != as[1].ID {
		t.Fatalf("Annotations = %+v, %v (want document order)", got, err)
	}
	if _, err := s.Document(strings.Repeat("0", 64)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown document: %v", err)
	}
}

func TestFailedWriteKeepsTheOldValue(t *testing.T) {
	kv, s, d := setup(t)
	s.SaveDocument(d)
	one := []annotation.Annotation{annotation.New(d, annotation.Claim, 7, 11, time.Now())}
	if err := s.SaveAnnotations(d, one); err != nil {
		t.Fatal(err)
	}
	kv.Limit = 1 // every further write is over quota
	many := append(one, annotation.New(d, annotation.Evidence, 12, 16, time.Now()))
	if err := s.SaveAnnotations(d, many); !errors.Is(err, store.ErrQuota) {
		t.Fatalf("write over quota: %v", err)
	}
	got, err := s.Annotations(d)
	if err != nil || len(got) != 1 || got[0].ID != one[0].ID {
		t.Fatalf("after a failed write: %+v, %v", got, err)
	}
}

func TestBadRecords(t *testing.T) {
	kv, s, d := setup(t)
	s.SaveDocument(d)
	key := store.Prefix + "annotations/" + d.SHA256
	for name, value := range map[string]string{
		"not JSON":  "{",
		"bad tag":   `{"annotations":[{"id":"x","tag":"clam","start":7,"end":11,"exact":"text","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}]}`,
		"bad exact": `{"annotations":[{"id":"x","tag":"claim","start":7,"end":11,"exact":"nope","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}]}`,
	} {
		kv.Values[key] = value
		if _, err := s.Annotations(d); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	kv.Values[store.Prefix+"document/"+d.SHA256] = `{"title":"x","text":"other text"}`
	if _, err := s.Document(d.SHA256); err == nil || !strings.Contains(err.Error(), "hash") {
		t.Errorf("document with the wrong text: %v", err)
	}
}
