package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

// Schema 1 kept everything in localStorage, under these keys:
//
//	claimmark/v1/current              hex SHA-256 of the open document
//	claimmark/v1/document/<sha256>    {"title": ..., "text": ...}
//	claimmark/v1/annotations/<sha256> {"sha256": ..., "annotations": [...]}
//
// with the annotations as claimmark JSON writes them.
const V1Prefix = "claimmark/v1/"

// KV is a synchronous string storage such as localStorage. Set either
// stores the whole value or leaves the old one and returns an error.
type KV interface {
	Get(key string) (value string, ok bool, err error)
	Set(key, value string) error
	Remove(key string) error
	Keys() ([]string, error)
}

// MigrateV1 moves schema 1's records from kv into db: each document with
// its annotations in one write, then read back and compared, and only
// when all of them came back whole are the old keys removed. A record that
// cannot be read is set aside in db rather than lost. It returns how many
// documents moved; with nothing to move it does nothing.
func MigrateV1(kv KV, db DB, now time.Time) (int, error) {
	keys, err := kv.Keys()
	if err != nil {
		return 0, err
	}
	keys = slices.DeleteFunc(keys, func(k string) bool { return !strings.HasPrefix(k, V1Prefix) })
	if len(keys) == 0 {
		return 0, nil
	}
	slices.Sort(keys)
	get := func(key string) string {
		v, _, _ := kv.Get(key)
		return v
	}
	current := get(V1Prefix + "current")
	var bad []Aside
	setAside := func(key, value, reason string) {
		bad = append(bad, Aside{Store: "localStorage", Key: key, Value: value, Reason: reason, Found: now})
	}
	moved := 0
	for _, key := range keys {
		sha, ok := strings.CutPrefix(key, V1Prefix+"document/")
		if !ok {
			continue
		}
		value := get(key)
		var rec struct{ Title, Text string }
		if err := json.Unmarshal([]byte(value), &rec); err != nil {
			setAside(key, value, err.Error())
			continue
		}
		d, err := documentFor(sha, rec.Text)
		if err != nil {
			setAside(key, value, err.Error())
			continue
		}
		annsKey := V1Prefix + "annotations/" + sha
		as, badAnns := readV1Annotations(d, get(annsKey))
		for _, b := range badAnns {
			setAside(annsKey, b.value, b.reason)
		}
		b := Batch{
			Doc: sha, Put: as, Text: d.Text, Current: sha == current,
			Info: &Info{SHA256: sha, Title: d.Title, Chars: d.Len(), Opened: now, Changes: len(as)},
		}
		if err := db.Write(b); err != nil {
			return moved, fmt.Errorf("copying %q: %w", d.Title, err)
		}
		if err := verify(db, d, as, now); err != nil {
			return moved, fmt.Errorf("copying %q: %w", d.Title, err)
		}
		moved++
	}
	// Annotations whose text was never stored have nothing to belong to.
	for _, key := range keys {
		if sha, ok := strings.CutPrefix(key, V1Prefix+"annotations/"); ok && !slices.Contains(keys, V1Prefix+"document/"+sha) {
			setAside(key, get(key), "its text is not stored")
		}
	}
	if len(bad) > 0 {
		if err := db.SetAside("", bad); err != nil {
			return moved, err
		}
	}
	for _, key := range keys {
		if err := kv.Remove(key); err != nil {
			return moved, err
		}
	}
	return moved, nil
}

type badValue struct{ value, reason string }

// readV1Annotations reads a schema 1 annotations value, keeping each
// annotation that fits d and returning the others.
func readV1Annotations(d *document.Document, value string) ([]annotation.Annotation, []badValue) {
	if value == "" {
		return nil, nil
	}
	var rec struct {
		Annotations []json.RawMessage `json:"annotations"`
	}
	if err := json.Unmarshal([]byte(value), &rec); err != nil {
		return nil, []badValue{{value, err.Error()}}
	}
	var out []annotation.Annotation
	var bad []badValue
	for _, raw := range rec.Annotations {
		var a annotation.Annotation
		err := json.Unmarshal(raw, &a)
		if err == nil {
			err = a.Validate(d)
		}
		if err != nil {
			bad = append(bad, badValue{string(raw), err.Error()})
			continue
		}
		out = append(out, a)
	}
	annotation.Sort(out)
	return out, bad
}

// verify reads d back from db and checks that it holds as.
func verify(db DB, d *document.Document, as []annotation.Annotation, now time.Time) error {
	_, text, err := db.Document(d.SHA256)
	if err != nil {
		return fmt.Errorf("reading the copy back: %w", err)
	}
	if text != d.Text {
		return errors.New("the copy of the text differs")
	}
	got, err := Load(db, d, now)
	if err != nil {
		return fmt.Errorf("reading the copy back: %w", err)
	}
	if len(got.Bad) > 0 || Records(got.Annotations) != Records(as) {
		return errors.New("the copy of the annotations differs")
	}
	return nil
}

// ReadDocument reads a stored document and checks its text against its
// hash.
func ReadDocument(db DB, sha string) (*document.Document, Info, error) {
	info, text, err := db.Document(sha)
	if err != nil {
		return nil, Info{}, err
	}
	d, err := documentFor(sha, text)
	return d, info, err
}

// documentFor makes the document of a stored text and checks its hash.
func documentFor(sha, text string) (*document.Document, error) {
	d, err := document.New(text)
	if err != nil {
		return nil, err
	}
	if d.SHA256 != sha {
		return nil, fmt.Errorf("its text has hash %s, not %s", d.SHA256, sha)
	}
	return d, nil
}

// MemoryKV is a KV in memory, for tests.
type MemoryKV struct{ Values map[string]string }

func (m *MemoryKV) Get(key string) (string, bool, error) {
	v, ok := m.Values[key]
	return v, ok, nil
}

func (m *MemoryKV) Set(key, value string) error {
	if m.Values == nil {
		m.Values = map[string]string{}
	}
	m.Values[key] = value
	return nil
}

func (m *MemoryKV) Remove(key string) error {
	delete(m.Values, key)
	return nil
}

func (m *MemoryKV) Keys() ([]string, error) {
	var out []string
	for k := range m.Values {
		out = append(out, k)
	}
	return out, nil
}

// V1Records returns the localStorage keys and values under which schema 1
// kept d and its annotations, for tests and benchmarks of the migration.
func V1Records(d *document.Document, as []annotation.Annotation) map[string]string {
	doc, _ := json.Marshal(struct {
		Title string `json:"title"`
		Text  string `json:"text"`
	}{d.Title, d.Text})
	anns, _ := json.Marshal(struct {
		SHA256      string                  `json:"sha256"`
		Annotations []annotation.Annotation `json:"annotations"`
	}{d.SHA256, as})
	return map[string]string{
		V1Prefix + "current":                 d.SHA256,
		V1Prefix + "document/" + d.SHA256:    string(doc),
		V1Prefix + "annotations/" + d.SHA256: string(anns),
	}
}
