package store

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/claimmark/claimmark/app/format"
)

// Memory is a DB in memory, for tests. Like IndexedDB, a write that would
// take it past Quota bytes (counted as the records' lengths) fails whole.
type Memory struct {
	mu          sync.Mutex
	Quota       int
	current     string
	infos       map[string]Info
	texts       map[string]string
	annotations map[string]map[string]string // doc → id → record
	snapshots   map[string][]Snapshot
	aside       []Aside
	// Fail, when set, fails the next writes with its errors, one each.
	Fail []error
}

// ErrQuota is returned by Memory when a write would pass its quota.
var ErrQuota = errors.New("storage quota exceeded")

func (m *Memory) init() {
	if m.infos == nil {
		m.infos, m.texts = map[string]Info{}, map[string]string{}
		m.annotations, m.snapshots = map[string]map[string]string{}, map[string][]Snapshot{}
	}
}

func (m *Memory) Current() (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.current, nil
}

func (m *Memory) Documents() ([]Info, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Info
	for _, info := range m.infos {
		out = append(out, info)
	}
	slices.SortFunc(out, func(a, b Info) int { return cmp.Compare(a.SHA256, b.SHA256) })
	return out, nil
}

func (m *Memory) Document(sha string) (Info, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	info, ok := m.infos[sha]
	text, hasText := m.texts[sha]
	if !ok || !hasText {
		return Info{}, "", ErrNotFound
	}
	return info, text, nil
}

func (m *Memory) Records(doc string) (string, []Aside, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ids := make([]string, 0, len(m.annotations[doc]))
	for id := range m.annotations[doc] {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(id + "\t" + m.annotations[doc][id])
	}
	return b.String(), nil, nil
}

// SetRecord stores a record as it is, for tests of records gone bad.
func (m *Memory) SetRecord(doc, id, record string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	if m.annotations[doc] == nil {
		m.annotations[doc] = map[string]string{}
	}
	m.annotations[doc][id] = record
}

func (m *Memory) size() int {
	n := 0
	for _, t := range m.texts {
		n += len(t)
	}
	for _, recs := range m.annotations {
		for id, r := range recs {
			n += len(id) + len(r)
		}
	}
	for _, ss := range m.snapshots {
		for _, s := range ss {
			n += len(s.Records)
		}
	}
	return n
}

func (m *Memory) Write(b Batch) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	if len(m.Fail) > 0 {
		err := m.Fail[0]
		m.Fail = m.Fail[1:]
		return err
	}
	// Work on copies, so that a failed write changes nothing.
	recs := map[string]string{}
	for id, r := range m.annotations[b.Doc] {
		recs[id] = r
	}
	for _, id := range b.Delete {
		delete(recs, id)
	}
	for _, a := range b.Put {
		if old, ok := recs[a.ID]; ok {
			if stored, err := format.DecodeRecord([]byte(old)); err == nil && stored.Modified.After(a.Modified) {
				continue
			}
		}
		recs[a.ID] = format.Record(a)
	}
	before, oldText, hadText := m.annotations[b.Doc], m.texts[b.Doc], false
	_, hadText = m.texts[b.Doc]
	m.annotations[b.Doc] = recs
	if b.Text != "" {
		m.texts[b.Doc] = b.Text
	}
	if m.Quota > 0 && m.size() > m.Quota {
		m.annotations[b.Doc] = before
		if hadText {
			m.texts[b.Doc] = oldText
		} else {
			delete(m.texts, b.Doc)
		}
		return ErrQuota
	}
	if b.Info != nil {
		m.infos[b.Doc] = *b.Info
	}
	if b.Current {
		m.current = b.Doc
	}
	return nil
}

func (m *Memory) SetAside(doc string, bad []Aside) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	for _, a := range bad {
		if a.Store == "annotations" {
			delete(m.annotations[doc], a.Key)
		}
		m.aside = append(m.aside, a)
	}
	return nil
}

func (m *Memory) Aside() ([]Aside, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.aside), nil
}

func (m *Memory) AddSnapshot(s Snapshot) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	ss := append([]Snapshot{s}, m.snapshots[s.Doc]...)
	slices.SortFunc(ss, func(a, b Snapshot) int { return b.Taken.Compare(a.Taken) })
	drop := Prune(ss)
	m.snapshots[s.Doc] = slices.DeleteFunc(ss, func(s Snapshot) bool { return slices.ContainsFunc(drop, s.Taken.Equal) })
	return nil
}

func (m *Memory) Snapshots(doc string) ([]Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.snapshots[doc]), nil
}
