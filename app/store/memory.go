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

// Memory is a DB in memory, for tests, laid out as IndexedDB is: packs,
// and rows stamped with the number of the change that wrote them. Like
// IndexedDB, a write that would take it past Quota bytes (counted as the
// texts' and records' lengths) fails whole.
type Memory struct {
	mu        sync.Mutex
	Quota     int
	current   string
	infos     map[string]Info
	texts     map[string]string
	rows      map[string]map[string]row // doc → id → row, since the pack
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
	lines []string // "id\trecord", in document order
	// newest is the latest modification time among them.
	newest time.Time
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

func (m *Memory) Records(doc string) (RecordSet, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	ls := slices.Clone(m.packs[doc].lines)
	rows := m.rows[doc]
	ids := slices.Collect(maps.Keys(rows))
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(rows[a].written, rows[b].written), cmp.Compare(a, b)) })
	for _, id := range ids {
		ls = append(ls, id+"\t"+rows[id].record)
	}
	return RecordSet{Lines: strings.Join(ls, "\n"), Packed: len(m.packs[doc].lines), Rows: len(ids)}, nil
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

// SetPack replaces a document's pack by lines, for tests of packs gone
// bad.
func (m *Memory) SetPack(doc, lines string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.packs[doc]
	p.lines = strings.Split(lines, "\n")
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
	for _, p := range m.packs {
		for _, line := range p.lines {
			n += len(line)
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
	type change struct {
		id string
		r  row
	}
	var changes []change
	for _, id := range b.Delete {
		changes = append(changes, change{id, row{modified: b.At, written: seq}})
	}
	for _, a := range b.Put {
		changes = append(changes, change{a.ID, row{modified: a.Modified, written: seq, record: format.Record(a)}})
	}
	oldPack := m.packs[b.Doc]
	many := len(changes) > PackOnWrite || len(oldPack.lines) > 0 && slices.ContainsFunc(changes, func(c change) bool { return !c.r.modified.After(oldPack.newest) })
	rows := maps.Clone(m.rows[b.Doc])
	if many {
		rows = m.annotations(b.Doc)
	}
	if rows == nil {
		rows = map[string]row{}
	}
	for _, c := range changes {
		if old, ok := rows[c.id]; !ok || !keeps(old, c.r) {
			rows[c.id] = c.r
		}
	}
	oldRows, oldText := m.rows[b.Doc], m.texts[b.Doc]
	_, hadText := m.texts[b.Doc]
	m.rows[b.Doc] = rows
	if many {
		m.pack(b.Doc, seq)
	}
	if b.Text != "" {
		m.texts[b.Doc] = b.Text
	}
	if m.Quota > 0 && m.size() > m.Quota {
		m.rows[b.Doc], m.packs[b.Doc] = oldRows, oldPack
		if hadText {
			m.texts[b.Doc] = oldText
		} else {
			delete(m.texts, b.Doc)
		}
		return ErrQuota
	}
	m.seqs[b.Doc] = seq
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
	m.rows[doc] = m.annotations(doc)
	m.pack(doc, m.seqs[doc])
	return nil
}

// keeps says whether a stored annotation stays rather than be replaced by
// r: it was modified later, unless r puts back an annotation it deleted.
func keeps(old, r row) bool {
	return !(old.record == "" && r.record != "") && old.modified.After(r.modified)
}

// annotations returns a document's annotations as rows: its pack's lines,
// and the rows over them.
func (m *Memory) annotations(doc string) map[string]row {
	out := map[string]row{}
	for _, line := range m.packs[doc].lines {
		id, record, _ := strings.Cut(line, "\t")
		a, _ := format.DecodeRecord([]byte(record))
		out[id] = row{modified: a.Modified, written: -1, record: record}
	}
	maps.Copy(out, m.rows[doc])
	return out
}

// pack makes the document's rows its pack, in document order, as the
// browser packs, so that reading needs no sort.
func (m *Memory) pack(doc string, seq int64) {
	p := pack{seq: seq}
	decoded := map[string]annotation.Annotation{}
	for id, r := range m.rows[doc] {
		if r.record != "" {
			decoded[id], _ = format.DecodeRecord([]byte(r.record))
			p.lines = append(p.lines, id+"\t"+r.record)
			if decoded[id].Modified.After(p.newest) {
				p.newest = decoded[id].Modified
			}
		}
	}
	key := func(line string) string { id, _, _ := strings.Cut(line, "\t"); return id }
	slices.SortFunc(p.lines, func(a, b string) int { return annotation.Compare(decoded[key(a)], decoded[key(b)]) })
	m.packs[doc], m.rows[doc] = p, nil
}

func (m *Memory) SetAside(doc string, bad []Aside) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	for _, a := range bad {
		if a.Store == "annotations" {
			if m.rows[doc] == nil {
				m.rows[doc] = map[string]row{}
			}
			m.rows[doc][a.Key] = row{written: -1} // deleted, over the pack
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
