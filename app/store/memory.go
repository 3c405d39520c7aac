package store

import (
	"cmp"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/internal/order"
)

// Memory is a DB in memory, for tests, laid out as IndexedDB is: rows
// stamped with the number of the change that wrote them, and packs. Like
// IndexedDB, a write that would take it past Quota bytes (counted as the
// texts' and records' lengths) fails whole.
type Memory struct {
	mu        sync.Mutex
	Quota     int
	current   string
	infos     map[string]Info
	texts     map[string]string
	rows      map[string]map[string]row // doc → id → row
	seqs      map[string]int64
	packs     map[string]pack
	snapshots map[string][]Snapshot
	aside     []Aside
	meta      map[string]string
	// Fail, when set, fails the next writes with its errors, one each.
	Fail []error
	// gone is set by Clear until a whole batch is written.
	gone bool
}

// Clear empties the database, as clearing a site's data does under an
// open page: from then on it refuses all but a whole batch.
func (m *Memory) Clear() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.current, m.infos, m.texts, m.rows, m.seqs, m.packs, m.snapshots, m.aside, m.meta = "", nil, nil, nil, nil, nil, nil, nil, nil
	m.gone = true
}

type row struct {
	modified time.Time
	written  int64
	record   string // "" once deleted
}

type pack struct {
	seq   int64
	lines string
}

// ErrQuota is returned by Memory when a write would pass its quota.
var ErrQuota = errors.New("storage quota exceeded")

func (m *Memory) init() {
	if m.infos == nil {
		m.infos, m.texts, m.rows = map[string]Info{}, map[string]string{}, map[string]map[string]row{}
		m.seqs, m.packs, m.snapshots = map[string]int64{}, map[string]pack{}, map[string][]Snapshot{}
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
	order.Sort(out, func(a, b Info) int { return cmp.Compare(a.SHA256, b.SHA256) })
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

func (m *Memory) Records(doc string, whole bool) (RecordSet, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	var rs RecordSet
	var from int64
	var ls []string
	if p, ok := m.packs[doc]; ok && !whole {
		from = p.seq
		ls = lines(p.lines)
		rs.Packed = len(ls)
	}
	ids := make([]string, 0, len(m.rows[doc]))
	for id, r := range m.rows[doc] {
		if r.written > from {
			ids = append(ids, id)
		}
	}
	rows := m.rows[doc]
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(rows[a].written, rows[b].written), cmp.Compare(a, b)) })
	for _, id := range ids {
		if whole && rows[id].record == "" {
			continue
		}
		ls = append(ls, id+"\t"+rows[id].record)
		rs.Unpacked++
	}
	rs.Lines = strings.Join(ls, "\n")
	return rs, nil
}

// SetRecord stores a record as it is, for tests of records gone bad: as
// if edited by hand, it is not a change and stays out of the pack.
func (m *Memory) SetRecord(doc, id, record string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	if m.rows[doc] == nil {
		m.rows[doc] = map[string]row{}
	}
	r := m.rows[doc][id]
	r.record = record
	if r.written == 0 {
		r.written = m.seqs[doc] + 1
	}
	m.rows[doc][id] = r
}

// SetPack spoils a document's pack, for tests.
func (m *Memory) SetPack(doc, lines string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.packs[doc]
	p.lines = lines
	m.packs[doc] = p
}

func (m *Memory) size() int {
	n := 0
	for _, t := range m.texts {
		n += len(t)
	}
	for _, rows := range m.rows {
		for id, r := range rows {
			n += len(id) + len(r.record)
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
	if m.gone && !b.Whole {
		return ErrDataGone
	}
	// Work on copies, so that a failed write changes nothing.
	seq := m.seqs[b.Doc] + 1
	rows := maps.Clone(m.rows[b.Doc])
	if rows == nil {
		rows = map[string]row{}
	}
	put := func(id string, r row) {
		if old, ok := rows[id]; !ok || old.record == "" && r.record != "" || !old.modified.After(r.modified) {
			rows[id] = r
		}
	}
	for _, id := range b.Delete {
		put(id, row{modified: b.At, written: seq})
	}
	for _, a := range b.Put {
		put(a.ID, row{modified: a.Modified, written: seq, record: format.Record(a)})
	}
	before, oldText, hadText := m.rows[b.Doc], m.texts[b.Doc], false
	_, hadText = m.texts[b.Doc]
	m.rows[b.Doc] = rows
	if b.Text != "" {
		m.texts[b.Doc] = b.Text
	}
	if m.Quota > 0 && m.size() > m.Quota {
		m.rows[b.Doc] = before
		if hadText {
			m.texts[b.Doc] = oldText
		} else {
			delete(m.texts, b.Doc)
		}
		return ErrQuota
	}
	m.seqs[b.Doc] = seq
	if len(b.Put)+len(b.Delete) > PackOnWrite {
		m.repack(b.Doc)
	}
	if b.Info != nil {
		m.infos[b.Doc] = *b.Info
	}
	if b.Current {
		m.current = b.Doc
	}
	if b.Whole {
		m.gone = false
	}
	return nil
}

func (m *Memory) Meta(key string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.meta[key]
	return v, ok, nil
}

func (m *Memory) SetMeta(key, value string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.meta == nil {
		m.meta = map[string]string{}
	}
	m.meta[key] = value
	return nil
}

func (m *Memory) DeleteDocument(doc string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	delete(m.infos, doc)
	delete(m.texts, doc)
	delete(m.rows, doc)
	delete(m.seqs, doc)
	delete(m.packs, doc)
	delete(m.snapshots, doc)
	if m.current == doc {
		m.current = ""
	}
	return nil
}

func (m *Memory) Repack(doc string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	m.repack(doc)
	return nil
}

func (m *Memory) repack(doc string) {
	ids := make([]string, 0, len(m.rows[doc]))
	for id, r := range m.rows[doc] {
		if r.record != "" {
			ids = append(ids, id)
		} else {
			delete(m.rows[doc], id)
		}
	}
	// In document order, as the browser packs, so that reading needs no
	// sort.
	decoded := map[string]annotation.Annotation{}
	for _, id := range ids {
		decoded[id], _ = format.DecodeRecord([]byte(m.rows[doc][id].record))
	}
	slices.SortFunc(ids, func(a, b string) int { return annotation.Compare(decoded[a], decoded[b]) })
	ls := make([]string, len(ids))
	for i, id := range ids {
		ls[i] = id + "\t" + m.rows[doc][id].record
	}
	m.packs[doc] = pack{seq: m.seqs[doc], lines: strings.Join(ls, "\n")}
}

func (m *Memory) SetAside(doc string, bad []Aside) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	for _, a := range bad {
		if a.Store == "annotations" {
			delete(m.rows[doc], a.Key)
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
	order.Sort(ss, func(a, b Snapshot) int { return b.Taken.Compare(a.Taken) })
	drop := Prune(ss)
	m.snapshots[s.Doc] = slices.DeleteFunc(ss, func(s Snapshot) bool { return slices.ContainsFunc(drop, s.Taken.Equal) })
	return nil
}

func (m *Memory) Snapshots(doc string) ([]Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.snapshots[doc]), nil
}

func (m *Memory) NewestSnapshot(doc string) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if ss := m.snapshots[doc]; len(ss) > 0 {
		s := ss[0]
		return &s, nil
	}
	return nil, nil
}
