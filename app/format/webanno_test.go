package format_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
)

// encodeW3C writes the sample with its links and a settled prediction.
func encodeW3C(t *testing.T) ([]byte, []annotation.Annotation) {
	t.Helper()
	d, as := linkedAnnotations(t)
	var buf bytes.Buffer
	if err := format.EncodeWebAnnotation(&buf, d, as); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), as
}

func TestWebAnnotationRoundTrip(t *testing.T) {
	data, as := encodeW3C(t)
	imp, err := format.DecodeWebAnnotation(bytes.NewReader(data), now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := sample(t)
	if imp.Source != format.SourceIRI(d) || imp.Title != d.Title {
		t.Errorf("source %q title %q", imp.Source, imp.Title)
	}
	want := append([]annotation.Annotation(nil), as...)
	annotation.Sort(want)
	if !reflect.DeepEqual(imp.Annotations, want) {
		t.Errorf("round trip changed the annotations:\n got %+v\nwant %+v", imp.Annotations, want)
	}
}

// TestWebAnnotationMustRules checks the output against the MUST rules of
// the Web Annotation Data Model for what claimmark writes.
func TestWebAnnotationMustRules(t *testing.T) {
	data, as := encodeW3C(t)
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	isIRI := func(v any) bool {
		s, ok := v.(string)
		u, err := url.Parse(s)
		return ok && err == nil && u.Scheme != ""
	}
	types := func(v any) []string {
		switch v := v.(type) {
		case string:
			return []string{v}
		case []any:
			var out []string
			for _, x := range v {
				out = append(out, x.(string))
			}
			return out
		}
		return nil
	}
	// 5.1 Annotation Collection.
	if c["@context"] != format.WebAnnotationContext {
		t.Errorf("collection @context = %v", c["@context"])
	}
	if !isIRI(c["id"]) || !slices.Contains(types(c["type"]), "AnnotationCollection") {
		t.Errorf("collection id %v type %v", c["id"], c["type"])
	}
	// 5.2 Annotation Page.
	page, ok := c["first"].(map[string]any)
	if !ok || !isIRI(page["id"]) || !slices.Contains(types(page["type"]), "AnnotationPage") {
		t.Fatalf("first page = %v", c["first"])
	}
	items, ok := page["items"].([]any)
	n := len(as) + annotation.CountLinks(as)
	if !ok || len(items) != n || c["total"] != float64(n) {
		t.Fatalf("items %d total %v, want %d", len(items), c["total"], n)
	}
	motivations := []string{"assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging"}
	for i, it := range items {
		a := it.(map[string]any)
		// 3.1 Annotations.
		if a["@context"] != format.WebAnnotationContext {
			t.Errorf("item %d: @context %v", i, a["@context"])
		}
		if !isIRI(a["id"]) || !strings.HasPrefix(a["id"].(string), "urn:uuid:") {
			t.Errorf("item %d: id %v", i, a["id"])
		}
		if !slices.Contains(types(a["type"]), "Annotation") {
			t.Errorf("item %d: type %v", i, a["type"])
		}
		for _, m := range types(a["motivation"]) {
			if !slices.Contains(motivations, m) {
				t.Errorf("item %d: motivation %q", i, m)
			}
		}
		for _, k := range []string{"created", "modified"} {
			ts, err := time.Parse(time.RFC3339, a[k].(string))
			if err != nil || ts.Location() != time.UTC {
				t.Errorf("item %d: %s %v", i, k, a[k])
			}
		}
		// 3.2.4 Embedded Textual Body, 3.3.5 Purpose.
		bodies, _ := a["body"].([]any)
		if len(bodies) == 0 {
			t.Errorf("item %d: no body", i)
		}
		for _, b := range bodies {
			body := b.(map[string]any)
			if _, ok := body["value"].(string); !ok || body["type"] != "TextualBody" || !slices.Contains(motivations, body["purpose"].(string)) {
				t.Errorf("item %d: body %v", i, body)
			}
		}
		if slices.Contains(types(a["motivation"]), "linking") {
			// A link: the two annotations it links, from first.
			ends, _ := a["target"].([]any)
			if len(ends) != 2 || !isIRI(ends[0]) || !isIRI(ends[1]) || len(bodies) != 1 {
				t.Errorf("item %d: a link with target %v and body %v", i, a["target"], a["body"])
			}
			continue
		}
		// 4.1 Specific Resource: exactly one source.
		target, ok := a["target"].(map[string]any)
		if !ok || target["type"] != "SpecificResource" || !isIRI(target["source"]) {
			t.Fatalf("item %d: target %v", i, a["target"])
		}
		var quote, position bool
		for _, s := range target["selector"].([]any) {
			sel := s.(map[string]any)
			switch sel["type"] {
			case "TextQuoteSelector": // 4.2.4: exactly one exact
				_, quote = sel["exact"].(string)
			case "TextPositionSelector": // 4.2.5: start and end, non-negative integers
				st, ok1 := sel["start"].(float64)
				en, ok2 := sel["end"].(float64)
				position = ok1 && ok2 && st >= 0 && en > st && st == float64(int(st)) && en == float64(int(en))
			}
		}
		if !quote || !position {
			t.Errorf("item %d: quote %v position %v", i, quote, position)
		}
	}
}

func TestWebAnnotationFromOtherTools(t *testing.T) {
	tests := []struct {
		name string
		json string
		want []annotation.Annotation // ID, Tag, Start, End, Exact, Note are compared
	}{
		{
			name: "one annotation, body and target as objects, classifying",
			json: `{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://example.org/anno/1", "type": "Annotation",
				"motivation": "classifying", "body": {"type": "TextualBody", "value": " Claim "},
				"target": {"source": "https://example.org/post", "selector": {"type": "TextQuoteSelector", "exact": "It will rain."}},
				"extra": {"ignored": true}}`,
			want: []annotation.Annotation{{Tag: "claim", Start: -1, End: -1, Exact: "It will rain."}},
		},
		{
			name: "an array, bodies as an array with a comment, a position only",
			json: `[{"id": "urn:uuid:0B7C1F0E-3C1D-4A8E-9A53-2F4D1C9E7B21", "type": ["Annotation"], "motivation": ["tagging", "commenting"],
				"body": ["https://example.org/tags/x", {"purpose": "tagging", "value": "evidence"}, {"purpose": "commenting", "value": "see p. 4"}],
				"target": [{"source": "urn:x", "selector": [{"type": "TextPositionSelector", "start": 3, "end": 9}]}]}]`,
			want: []annotation.Annotation{{ID: "0b7c1f0e-3c1d-4a8e-9a53-2f4d1c9e7b21", Tag: "evidence", Start: 3, End: 9, Note: "see p. 4"}},
		},
		{
			name: "a page; highlighting with a tagging body",
			json: `{"type": "AnnotationPage", "items": [{"id": "x:1", "type": "Annotation", "motivation": "highlighting",
				"body": {"purpose": "tagging", "value": "prediction"},
				"target": {"selector": {"type": "TextQuoteSelector", "exact": "rain", "prefix": "will ", "suffix": "."}}}]}`,
			want: []annotation.Annotation{{Tag: "prediction", Start: -1, End: -1, Exact: "rain"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp, err := format.DecodeWebAnnotation(strings.NewReader(tt.json), now)
			if err != nil {
				t.Fatal(err)
			}
			if len(imp.Annotations) != len(tt.want) {
				t.Fatalf("%d annotations, want %d", len(imp.Annotations), len(tt.want))
			}
			for i, got := range imp.Annotations {
				w := tt.want[i]
				if w.ID != "" && got.ID != w.ID {
					t.Errorf("id %q, want %q", got.ID, w.ID)
				}
				if len(got.ID) != 36 || got.Tag != w.Tag || got.Start != w.Start || got.End != w.End || got.Exact != w.Exact || got.Note != w.Note {
					t.Errorf("got %+v, want %+v", got, w)
				}
				if !got.Created.Equal(now) {
					t.Errorf("created %v, want the import time", got.Created)
				}
			}
		})
	}
	// The same foreign IRI gives the same id on every import.
	a, _ := format.DecodeWebAnnotation(strings.NewReader(tests[0].json), now)
	b, _ := format.DecodeWebAnnotation(strings.NewReader(tests[0].json), now)
	if a.Annotations[0].ID != b.Annotations[0].ID {
		t.Error("a foreign IRI gave two ids")
	}
}

func TestWebAnnotationRejects(t *testing.T) {
	one := func(body, target string) string {
		return `{"id": "x:1", "type": "Annotation", "body": ` + body + `, "target": ` + target + `}`
	}
	quote := `{"selector": {"type": "TextQuoteSelector", "exact": "rain"}}`
	tag := `{"purpose": "tagging", "value": "claim"}`
	tests := []struct{ name, json, want string }{
		{"unknown tag", one(`{"purpose": "tagging", "value": "opinion"}`, quote), "no claim, evidence or prediction tag"},
		{"no tag", one(`{"purpose": "commenting", "value": "hm"}`, quote), "no claim, evidence or prediction tag"},
		{"two tags", one(`[`+tag+`, {"purpose": "tagging", "value": "evidence"}]`, quote), "more than one of the tags claim, evidence and prediction"},
		{"whole-resource target", one(tag, `"https://example.org/post"`), "target: is a whole resource"},
		{"no selector", one(tag, `{"source": "x:y"}`), "target: has no TextQuoteSelector"},
		{"bad position", one(tag, `{"selector": {"type": "TextPositionSelector", "start": 1.5, "end": 3}}`), "whole numbers"},
		{"no id", `{"type": "Annotation", "body": ` + tag + `, "target": ` + quote + `}`, "id: is missing"},
		{"not an annotation", `{"type": "Note"}`, "not a Web Annotation"},
		{"linked page", `{"type": "AnnotationCollection", "first": "https://example.org/page/1"}`, "must be embedded"},
		{"case-variant keys", `{"id": "x:1", "ID": "x:2", "type": "Annotation"}`, `keys "id" and "ID" differ only in case`},
		{"case-variant keys inside", `{"type": "AnnotationPage", "items": [{"id": "x:1", "body": {"Value": "a", "value": "b"}}]}`, `line 1, column 75: items[0].body: keys "Value" and "value" differ only in case`},
		{"item place", `{"type": "AnnotationPage", "items": [` + one(tag, quote) + `, ` + one(`{"purpose": "tagging", "value": "x"}`, quote) + `]}`, "skipped items[1] (line 1): no claim, evidence or prediction tag"},
		{"repeated id", `[` + one(tag, quote) + `, ` + one(tag, quote) + `]`, "skipped [1] (line 1): its id repeats an earlier annotation's"},
		{"bad date", `{"id": "x:1", "type": "Annotation", "created": "yesterday", "body": ` + tag + `, "target": ` + quote + `}`, `created: "yesterday" is not an RFC 3339`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decodeOutcome(tt.json); !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// decodeOutcome is the error that refuses a W3C file whole, or what it
// skips.
func decodeOutcome(json string) string {
	imp, err := format.DecodeWebAnnotation(strings.NewReader(json), now)
	if err != nil {
		return err.Error()
	}
	var out []string
	for _, s := range imp.Skipped {
		out = append(out, fmt.Sprintf("skipped %s (line %d): %s", s.Path, s.Line, s.Reason))
	}
	return fmt.Sprintf("%d imported; ", len(imp.Annotations)) + strings.Join(out, "; ")
}

// A W3C file's commenting bodies become one note, which must hold the
// limit a claimmark file holds: what a W3C import stores, the claimmark
// JSON export must give back.
func TestWebAnnotationNoteLimit(t *testing.T) {
	d, _ := sample(t)
	file := func(bodies ...string) string {
		items := []string{`{"purpose": "tagging", "value": "claim"}`}
		for _, b := range bodies {
			items = append(items, `{"purpose": "commenting", "value": "`+b+`"}`)
		}
		return `{"type": "AnnotationPage", "items": [{"id": "x:1", "type": "Annotation", "body": [` + strings.Join(items, ", ") +
			`], "target": {"source": "` + format.SourceIRI(d) + `", "selector": [{"type": "TextQuoteSelector", "exact": "First claim here."}, {"type": "TextPositionSelector", "start": 20, "end": 37}]}}]}`
	}
	many := make([]string, 50000)
	for i := range many {
		many[i] = "n"
	}
	refused := []struct{ name, file, want string }{
		{"three bodies of 9,000", file(strings.Repeat("a", 9000), strings.Repeat("b", 9000), strings.Repeat("c", 9000)), "27004 characters"},
		{"one of 20,000", file(strings.Repeat("é", 20000)), "20000 characters"},
		{"50,000 bodies", file(many...), "149998 characters"},
		{"two that add up to one past the limit", file(strings.Repeat("a", 5000), strings.Repeat("b", 4999)), "10001 characters"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			want := "0 imported; skipped items[0] (line 1): body: its commenting bodies make a note of " + tt.want + "; a note holds up to 10000"
			if got := decodeOutcome(tt.file); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
	t.Run("at the limit, read back from claimmark JSON", func(t *testing.T) {
		imp, err := format.DecodeWebAnnotation(strings.NewReader(file(strings.Repeat("a", 5000), strings.Repeat("b", 4998))), now)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := format.Encode(&buf, d, imp.Annotations, now); err != nil {
			t.Fatal(err)
		}
		f, _, err := format.Decode(&buf)
		if err != nil {
			t.Fatalf("claimmark JSON of the import: %v", err)
		}
		if as := f.All(); len(as) != 1 || len([]rune(as[0].Note)) != annotation.MaxNoteLen {
			t.Fatalf("claimmark JSON of the import read back as %+v", as)
		}
	})
}

func FuzzDecodeWebAnnotation(f *testing.F) {
	d, as := sample(f)
	var buf bytes.Buffer
	format.EncodeWebAnnotation(&buf, d, as)
	f.Add(buf.Bytes())
	f.Add([]byte(`[{"id":"x:1","type":"Annotation","body":{"purpose":"tagging","value":"claim"},"target":{"selector":{"type":"TextQuoteSelector","exact":"a"}}}]`))
	f.Add([]byte(`{"type":"AnnotationCollection","first":{"items":[{"type":"Annotation"}]}}`))
	f.Add([]byte(`{"type":["AnnotationPage"],"items":"no"}`))
	f.Add([]byte(`{"a":1,"A":2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		imp, err := format.DecodeWebAnnotation(bytes.NewReader(data), now)
		if err != nil {
			return
		}
		for _, a := range imp.Annotations {
			if !a.Tag.Valid() || len(a.ID) != 36 || (a.Start < 0) != (a.End < 0) || (a.Start >= 0 && a.Start >= a.End) {
				t.Fatalf("decoded an annotation that breaks the rules: %+v", a)
			}
			if a.Exact == "" && a.Start < 0 {
				t.Fatalf("decoded an annotation with no anchor: %+v", a)
			}
		}
	})
}
