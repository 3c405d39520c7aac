// Package store keeps documents and their annotations in a key-value
// storage such as the browser's localStorage.
//
// Keys are versioned so that a later schema can live beside this one:
//
//	claimmark/v1/current              hex SHA-256 of the open document
//	claimmark/v1/document/<sha256>    {"title": ..., "text": ...}
//	claimmark/v1/annotations/<sha256> {"sha256": ..., "annotations": [...]}
//
// Each document's annotations are one value, written whole, so a failed
// write leaves the previous value as it was.
package store

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

// Prefix starts every key this version writes.
const Prefix = "claimmark/v1/"

// KV is a string storage. Set must either store the whole value or leave
// the old one and return an error.
type KV interface {
	Get(key string) (value string, ok bool, err error)
	Set(key, value string) error
}

// ErrNotFound is returned for a document that was never saved.
var ErrNotFound = errors.New("not saved on this device")

// Store reads and writes claimmark's records in a KV.
type Store struct{ kv KV }

// New returns a store over kv.
func New(kv KV) *Store { return &Store{kv: kv} }

type documentRecord struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

type annotationsRecord struct {
	SHA256      string                  `json:"sha256"`
	Annotations []annotation.Annotation `json:"annotations"`
}

// Current returns the hash of the document open last, or "" for none.
func (s *Store) Current() (string, error) {
	v, _, err := s.kv.Get(Prefix + "current")
	return v, err
}

// SaveDocument stores d and makes it the current document.
func (s *Store) SaveDocument(d *document.Document) error {
	key := Prefix + "document/" + d.SHA256
	if _, ok, err := s.kv.Get(key); err != nil {
		return err
	} else if !ok {
		b, err := json.Marshal(documentRecord{Title: d.Title, Text: d.Text})
		if err != nil {
			return err
		}
		if err := s.kv.Set(key, string(b)); err != nil {
			return fmt.Errorf("saving the document: %w", err)
		}
	}
	if err := s.kv.Set(Prefix+"current", d.SHA256); err != nil {
		return fmt.Errorf("saving the current document: %w", err)
	}
	return nil
}

// Document returns the stored document with the given hash.
func (s *Store) Document(sha string) (*document.Document, error) {
	v, ok, err := s.kv.Get(Prefix + "document/" + sha)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrNotFound
	}
	var rec documentRecord
	if err := json.Unmarshal([]byte(v), &rec); err != nil {
		return nil, fmt.Errorf("document %s: %w", sha, err)
	}
	d, err := document.New(rec.Text)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", sha, err)
	}
	if d.SHA256 != sha {
		return nil, fmt.Errorf("document %s: stored text has hash %s", sha, d.SHA256)
	}
	return d, nil
}

// Annotations returns the annotations saved for d, in document order. Each
// is checked against d's text.
func (s *Store) Annotations(d *document.Document) ([]annotation.Annotation, error) {
	v, ok, err := s.kv.Get(Prefix + "annotations/" + d.SHA256)
	if err != nil || !ok {
		return nil, err
	}
	var rec annotationsRecord
	if err := json.Unmarshal([]byte(v), &rec); err != nil {
		return nil, fmt.Errorf("saved annotations: %w", err)
	}
	for i := range rec.Annotations {
		if err := rec.Annotations[i].Validate(d); err != nil {
			return nil, fmt.Errorf("saved annotation %d: %w", i, err)
		}
	}
	annotation.Sort(rec.Annotations)
	return rec.Annotations, nil
}

// SaveAnnotations replaces the annotations saved for d.
func (s *Store) SaveAnnotations(d *document.Document, as []annotation.Annotation) error {
	b, err := json.Marshal(annotationsRecord{SHA256: d.SHA256, Annotations: as})
	if err != nil {
		return err
	}
	return s.kv.Set(Prefix+"annotations/"+d.SHA256, string(b))
}

// MemoryKV is a KV in memory with an optional limit, counted like
// localStorage's: UTF-16 code units of keys plus values.
type MemoryKV struct {
	Values map[string]string
	Limit  int
}

// ErrQuota is returned by MemoryKV when a write would pass its limit.
var ErrQuota = errors.New("storage quota exceeded")

func (m *MemoryKV) Get(key string) (string, bool, error) {
	v, ok := m.Values[key]
	return v, ok, nil
}

func (m *MemoryKV) Set(key, value string) error {
	if m.Values == nil {
		m.Values = map[string]string{}
	}
	if m.Limit > 0 {
		size := units(key) + units(value)
		for k, v := range m.Values {
			if k != key {
				size += units(k) + units(v)
			}
		}
		if size > m.Limit {
			return ErrQuota
		}
	}
	m.Values[key] = value
	return nil
}

func units(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
