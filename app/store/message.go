package store

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

// Message is what a tab tells the others after it saved a change, so that
// all tabs open on a document show the same annotations. Every message
// carries its schema: a tab that finds a newer one is out of date, and
// stops writing until it is reloaded.
type Message struct {
	Schema int      `json:"schema"`
	From   string   `json:"from"` // the sending tab
	Doc    string   `json:"doc"`
	Put    records  `json:"put,omitempty"`
	Delete []string `json:"delete,omitempty"`
}

// records are format.Record strings. They are written into JSON as the
// arrays they are: escaping every quote of a restore's 20,000 records, in
// wasm, took longer than writing them to the database. They read from
// either, as schema 3 wrote them as strings.
type records []string

func (rs *records) UnmarshalJSON(data []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*rs = make(records, len(raw))
	for i, r := range raw {
		if len(r) > 0 && r[0] == '"' {
			if err := json.Unmarshal(r, &(*rs)[i]); err != nil {
				return err
			}
			continue
		}
		(*rs)[i] = string(r)
	}
	return nil
}

// appendRecords appends rs as a JSON array of records.
func appendRecords(b []byte, rs []string) []byte {
	b = append(b, '[')
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, r...)
	}
	return append(b, ']')
}

// NewMessage returns the message for a written batch.
func NewMessage(from string, b Batch) Message {
	return Message{Schema: Version, From: from, Doc: b.Doc, Put: b.PutRecords(), Delete: b.Delete}
}

// Encode writes m as JSON. By hand: for its records, and because
// encoding/json's first use builds its encoder by reflection, 12 ms of a
// cold start, where a tab says hello to the others.
func (m Message) Encode() string {
	b := make([]byte, 0, 128)
	b = strconv.AppendInt(append(b, `{"schema":`...), int64(m.Schema), 10)
	b = format.AppendJSONString(append(b, `,"from":`...), m.From)
	b = format.AppendJSONString(append(b, `,"doc":`...), m.Doc)
	if len(m.Delete) > 0 {
		b = append(b, `,"delete":[`...)
		for i, id := range m.Delete {
			if i > 0 {
				b = append(b, ',')
			}
			b = format.AppendJSONString(b, id)
		}
		b = append(b, ']')
	}
	if len(m.Put) > 0 {
		b = appendRecords(append(b, `,"put":`...), m.Put)
	}
	return string(append(b, '}'))
}

// DecodeMessage reads a message. A message of another schema decodes as
// far as its schema, for the receiver to compare.
func DecodeMessage(s string) (Message, error) {
	var m Message
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		var head struct{ Schema int }
		if json.Unmarshal([]byte(s), &head) == nil && head.Schema != Version {
			return Message{Schema: head.Schema}, nil
		}
		return Message{}, fmt.Errorf("a message from another tab: %w", err)
	}
	return m, nil
}

// Apply merges m into as, the annotations of d shown in this tab: for the
// same id the later modification wins, and deletions are applied. It
// returns the result and whether anything changed.
func (m Message) Apply(d *document.Document, as []annotation.Annotation) ([]annotation.Annotation, bool, error) {
	var incoming []annotation.Annotation
	for _, r := range m.Put {
		a, err := format.DecodeRecord([]byte(r))
		if err == nil {
			err = a.Validate(d)
		}
		if err != nil {
			return as, false, fmt.Errorf("a message from another tab: %w", err)
		}
		incoming = append(incoming, a)
	}
	out := annotation.Merge(as, incoming)
	changed := len(out) != len(as)
	for i := range as {
		if !changed && !out[i].Equal(&as[i]) {
			changed = true
		}
	}
	if len(m.Delete) > 0 {
		gone := map[string]bool{}
		for _, id := range m.Delete {
			gone[id] = true
		}
		kept := out[:0:0]
		for _, a := range out {
			if !gone[a.ID] {
				kept = append(kept, a)
			}
		}
		changed = changed || len(kept) != len(out)
		out = kept
	}
	annotation.Sort(out)
	return out, changed, nil
}
