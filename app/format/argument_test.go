package format_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
)

func TestAIFShape(t *testing.T) {
	_, as := linkedAnnotations(t)
	p, c, e := as[0], as[1], as[2]
	// And the evidence undermines the prediction too.
	as[2].Links = append(as[2].Links, annotation.Link{ID: "8a6e1f3c-5b1d-4c8e-9a3f-0d2b7c4e1a03", To: p.ID, Type: annotation.Undermines, Created: now})
	unplaced := annotation.Annotation{ID: "gone", Tag: annotation.Evidence, Start: -1, End: -1, Exact: "lost", Created: now, Modified: now,
		Links: []annotation.Link{{ID: "l-gone", To: c.ID, Type: annotation.Supports, Created: now}}}
	var buf bytes.Buffer
	if err := format.EncodeAIF(&buf, append(as, unplaced)); err != nil {
		t.Fatal(err)
	}
	var f struct {
		Nodes     []struct{ NodeID, Text, Type, Timestamp string }
		Edges     []struct{ EdgeID, FromID, ToID string }
		Locutions []any
	}
	if err := json.Unmarshal(buf.Bytes(), &f); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	var summary []string
	for _, n := range f.Nodes {
		kinds[n.NodeID] = n.Type
		if n.Timestamp == "" {
			t.Errorf("node %s has no timestamp", n.NodeID)
		}
		if n.Type == "I" {
			summary = append(summary, "I "+n.Text)
		}
	}
	one := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if strings.Join(summary, "|") != "I "+one(e.Exact)+"|I "+one(c.Exact)+"|I "+one(p.Exact) {
		t.Errorf("I-nodes %q", summary)
	}
	// Each S-node has one edge in, from its premise, and one out, to its
	// conclusion; the unplaced passage and its link are left out.
	in, out := map[string]string{}, map[string]string{}
	for _, ed := range f.Edges {
		switch {
		case kinds[ed.FromID] == "I" && kinds[ed.ToID] != "I":
			in[ed.ToID] = ed.FromID
		case kinds[ed.FromID] != "I" && kinds[ed.ToID] == "I":
			out[ed.FromID] = ed.ToID
		default:
			t.Errorf("edge %+v joins %s to %s", ed, kinds[ed.FromID], kinds[ed.ToID])
		}
	}
	want := map[string]string{
		"RA " + e.ID + " " + c.ID: "evidence supports claim",
		"RA " + c.ID + " " + p.ID: "prediction follows from claim: the claim is the premise",
		"CA " + e.ID + " " + p.ID: "evidence undermines prediction",
	}
	got := 0
	for _, n := range f.Nodes {
		if n.Type == "I" {
			continue
		}
		key := n.Type + " " + in[n.NodeID] + " " + out[n.NodeID]
		if _, ok := want[key]; !ok {
			t.Errorf("S-node %s: %s", n.NodeID, key)
		}
		got++
	}
	if got != 3 || len(f.Edges) != 6 || f.Locutions == nil {
		t.Errorf("%d S-nodes, %d edges, locutions %v", got, len(f.Edges), f.Locutions)
	}
}
