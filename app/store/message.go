package store

import (
	"encoding/json"
	"fmt"

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
	Put    []string `json:"put,omitempty"` // records
	Delete []string `json:"delete,omitempty"`
}

// NewMessage returns the message for a written batch.
func NewMessage(from string, b Batch) Message {
	m := Message{Schema: Version, From: from, Doc: b.Doc, Delete: b.Delete}
	for _, a := range b.Put {
		m.Put = append(m.Put, format.Record(a))
	}
	return m
}

func (m Message) Encode() string {
	out, _ := json.Marshal(m) // plain strings and numbers
	return string(out)
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
