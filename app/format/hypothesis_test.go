package format_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

// hypothesisRow is an annotation as the Hypothesis API and client write
// it (hypothesis/client src/types/api.ts: Annotation, APIAnnotationData):
// no type, tags, text, created and updated with microseconds and an
// offset, target a list of {source, selector}, links.html its address.
func hypothesisRow(id, exact, prefix string, start int, tags, text, extra string) string {
	return fmt.Sprintf(`{
  "id": %q,
  "created": "2023-04-02T09:15:31.612354+00:00",
  "updated": "2023-04-03T10:00:00.000001+00:00",
  "user": "acct:reader@hypothes.is",
  "uri": "https://example.org/post-374",
  "text": %q,
  "tags": [%s],
  "group": "__world__",
  "permissions": {"read": ["group:__world__"], "admin": ["acct:reader@hypothes.is"], "update": ["acct:reader@hypothes.is"], "delete": ["acct:reader@hypothes.is"]},
  "target": [{"source": "https://example.org/post-374", "selector": [
    {"type": "RangeSelector", "endOffset": 120, "startOffset": 3, "endContainer": "/div[1]/p[2]", "startContainer": "/div[1]/p[2]"},
    {"type": "TextPositionSelector", "end": %d, "start": %d},
    {"type": "TextQuoteSelector", "exact": %q, "prefix": %q, "suffix": ""}]}],
  "document": {"title": ["Post #374: China’s Aid to Russia"]},
  "links": {"html": "https://hypothes.is/a/%s", "incontext": "https://hyp.is/%s/example.org/post-374", "json": "https://hypothes.is/api/annotations/%s"},
  "flagged": false, "hidden": false,
  "user_info": {"display_name": "A Reader"}%s
}`, id, text, tags, start+len([]rune(exact)), start, exact, prefix, id, id, id, extra)
}

// hypothesisRows are five annotations on the post: two that import, a
// reply, a page note and one with no claim, evidence or prediction tag.
// The positions are those of another copy of the text (a web page has
// more before the post), so only the quotes place them.
func hypothesisRows() []string {
	return []string{
		hypothesisRow("Tq2xAqc2Ee6V", "China is Russia’s most important partner, but within certain limits", "In fact, ", 2300,
			`"Claim", "china-russia"`, "The thesis. See **below**.", ""),
		hypothesisRow("Ub7yBqc2Ee6W", "China is a major purchaser of Russian oil", "On one hand, ", 2500,
			`"EVIDENCE"`, "", ""),
		hypothesisRow("Vc8zCqc2Ee6X", "China is a major purchaser of Russian oil", "On one hand, ", 2500,
			`"evidence"`, "Agreed.", `,
  "references": ["Ub7yBqc2Ee6W"]`),
		`{"id": "Wd9aDqc2Ee6Y", "created": "2023-04-02T09:15:31.612354+00:00", "updated": "2023-04-02T09:15:31.612354+00:00",
  "uri": "https://example.org/post-374", "text": "A page note on the whole post.", "tags": ["claim"],
  "target": [{"source": "https://example.org/post-374"}], "document": {"title": ["Post #374"]}, "links": {"html": "https://hypothes.is/a/Wd9aDqc2Ee6Y"}}`,
		hypothesisRow("Xe0bEqc2Ee6Z", "Russia and China continue to conduct joint military exercises", "", 2600,
			`"to-read"`, "", ""),
	}
}

func post(t *testing.T) *document.Document {
	t.Helper()
	src, err := os.ReadFile("../../web/documents/post-374.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.FromFile("post-374.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHypothesisShapes(t *testing.T) {
	rows := strings.Join(hypothesisRows(), ",\n")
	shapes := []struct{ name, file, shape string }{
		{"the client's export", `{"export_date": "2023-04-05T12:00:00.000Z", "export_userid": "acct:reader@hypothes.is", "client_version": "1.1234.0", "annotations": [` + rows + `]}`, "a Hypothesis export"},
		{"the API's search reply", `{"total": 5, "rows": [` + rows + `], "replies": []}`, "a Hypothesis search reply"},
		{"a bare array", `[` + rows + `]`, "a list of Hypothesis annotations"},
	}
	d := post(t)
	for _, tt := range shapes {
		t.Run(tt.name, func(t *testing.T) {
			imp, d2, err := format.DecodeAny(strings.NewReader(tt.file), now)
			if err != nil {
				t.Fatal(err)
			}
			if d2 != nil {
				t.Error("a Hypothesis file carries no text, but a document came back")
			}
			if imp.Shape != tt.shape {
				t.Errorf("shape %q, want %q", imp.Shape, tt.shape)
			}
			if imp.Source != "https://example.org/post-374" || imp.Title != "Post #374: China’s Aid to Russia" {
				t.Errorf("source %q, title %q", imp.Source, imp.Title)
			}
			if len(imp.Annotations) != 2 {
				t.Fatalf("%d annotations, want 2", len(imp.Annotations))
			}
			c, e := imp.Annotations[0], imp.Annotations[1]
			if c.Tag != annotation.Claim || c.Note != "The thesis. See **below**.\n\nTags: china-russia" {
				t.Errorf("claim: tag %q, note %q", c.Tag, c.Note)
			}
			if e.Tag != annotation.Evidence || e.Note != "" {
				t.Errorf("evidence: tag %q, note %q", e.Tag, e.Note)
			}
			wantCreated := time.Date(2023, 4, 2, 9, 15, 31, 612e6, time.UTC)
			if !c.Created.Equal(wantCreated) || !c.Modified.Equal(time.Date(2023, 4, 3, 10, 0, 0, 0, time.UTC)) {
				t.Errorf("created %v, modified %v", c.Created, c.Modified)
			}
			if c.Foreign != "https://hypothes.is/a/Tq2xAqc2Ee6V" || len(c.ID) != 36 {
				t.Errorf("foreign id %q, id %q", c.Foreign, c.ID)
			}
			want := []string{
				"[2] (line %d): a reply to another annotation",
				"[3] (line %d): a page note, with no passage selected",
				"[4] (line %d): no claim, evidence or prediction tag",
			}
			if len(imp.Skipped) != len(want) {
				t.Fatalf("skipped %+v", imp.Skipped)
			}
			for i, s := range imp.Skipped {
				got := s.Path[strings.IndexByte(s.Path, '['):] + fmt.Sprintf(" (line %d): ", s.Line) + s.Reason
				if w := fmt.Sprintf(want[i], s.Line); got != w || s.Line < 2 {
					t.Errorf("skipped %q, want %q", got, w)
				}
			}
			if imp.Skipped[0].Quote != "China is a major purchaser of Russian oil" {
				t.Errorf("the skipped reply's quote is %q", imp.Skipped[0].Quote)
			}
			// Placed by the quote, not by the other page's positions.
			placed, how := anchor.PlaceAll(d, imp.Annotations, imp.Source == format.SourceIRI(d))
			for i, a := range placed {
				if !a.Placed() || how[i].Method != anchor.ByQuote || a.Exact != imp.Annotations[i].Exact {
					t.Errorf("%q placed %v by %v", imp.Annotations[i].Exact, a.Placed(), how[i].Method)
				}
			}
		})
	}
	t.Run("one annotation", func(t *testing.T) {
		imp, _, err := format.DecodeAny(strings.NewReader(hypothesisRows()[1]), now)
		if err != nil {
			t.Fatal(err)
		}
		if imp.Shape != "a Hypothesis annotation" || len(imp.Annotations) != 1 || imp.Annotations[0].Tag != annotation.Evidence {
			t.Errorf("%+v", imp)
		}
	})
	t.Run("the same file twice gives the same ids", func(t *testing.T) {
		a, _, _ := format.DecodeAny(strings.NewReader(`[`+rows+`]`), now)
		b, _, _ := format.DecodeAny(strings.NewReader(`[`+rows+`]`), now.Add(time.Hour))
		for i := range a.Annotations {
			if a.Annotations[i].ID != b.Annotations[i].ID {
				t.Errorf("annotation %d: ids %s and %s", i, a.Annotations[i].ID, b.Annotations[i].ID)
			}
		}
	})
}

func TestHypothesisSkips(t *testing.T) {
	row := func(tags, extra string) string {
		return hypothesisRow("Ab1", "China is a major purchaser of Russian oil", "", 10, tags, "", extra)
	}
	tests := []struct{ name, file, want string }{
		{"two of the three tags", `[` + row(`"claim", "Evidence"`, "") + `]`, "more than one of the tags claim, evidence and prediction"},
		{"a tag with space and case", `[` + row(`" Prediction "`, "") + `]`, ""},
		{"an empty reference list is not a reply", `[` + row(`"claim"`, `, "references": []`) + `]`, ""},
		{"a bad date", `[` + row(`"claim"`, `, "created": "last week"`) + `]`, `created: "last week" is not an RFC 3339 date and time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(tt.file, `"last week"`) {
				tt.file = strings.Replace(tt.file, `"created": "2023-04-02T09:15:31.612354+00:00",`, "", 1)
			}
			imp, _, err := format.DecodeAny(strings.NewReader(tt.file), now)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if len(imp.Annotations) != 1 || len(imp.Skipped) != 0 {
					t.Errorf("%d imported, skipped %+v", len(imp.Annotations), imp.Skipped)
				}
				return
			}
			if len(imp.Annotations) != 0 || len(imp.Skipped) != 1 || imp.Skipped[0].Reason != tt.want {
				t.Errorf("%d imported, skipped %+v, want %q", len(imp.Annotations), imp.Skipped, tt.want)
			}
		})
	}
}

// A file in no shape claimmark reads is refused whole, and the message
// says what the file is, since it has no type to name.
func TestNotAnnotations(t *testing.T) {
	tests := []struct{ file, want string }{
		{`{"export_date": "x", "notes": []}`, "not annotations: the file is an object with the keys export_date, notes, and no type; claimmark reads claimmark JSON, W3C Web Annotation and Hypothesis files"},
		{`{}`, "the file is an empty object"},
		{`[1, 2]`, "the file is an array of numbers"},
		{`"hello"`, "the file is a string"},
	}
	for _, tt := range tests {
		_, _, err := format.DecodeAny(strings.NewReader(tt.file), now)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.file, err, tt.want)
		}
	}
}

// An annotation keeps the id it had in the tool it came from through
// every format claimmark writes, and a W3C export gives it back as the
// annotation's id, so that importing it again updates it.
func TestForeignIDSurvives(t *testing.T) {
	d := post(t)
	imp, _, err := format.DecodeAny(strings.NewReader(`[`+strings.Join(hypothesisRows(), ",")+`]`), now)
	if err != nil {
		t.Fatal(err)
	}
	placed, _ := anchor.PlaceAll(d, imp.Annotations, false)
	byID := map[string]annotation.Annotation{}
	for _, a := range placed {
		byID[a.ID] = a
	}
	check := func(t *testing.T, got []annotation.Annotation) {
		t.Helper()
		if len(got) != len(placed) {
			t.Fatalf("%d annotations, want %d", len(got), len(placed))
		}
		for _, a := range got {
			if want, ok := byID[a.ID]; !ok || a.Foreign != want.Foreign || a.Foreign == "" {
				t.Errorf("annotation %s: foreign id %q, want %q", a.ID, a.Foreign, want.Foreign)
			}
		}
	}
	t.Run("W3C", func(t *testing.T) {
		var b strings.Builder
		if err := format.EncodeWebAnnotation(&b, d, placed); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), `"id": "https://hypothes.is/a/Tq2xAqc2Ee6V"`) {
			t.Errorf("the export does not give the Hypothesis address as the id:\n%.600s", b.String())
		}
		back, err := format.DecodeWebAnnotation(strings.NewReader(b.String()), now)
		if err != nil {
			t.Fatal(err)
		}
		check(t, back.Annotations)
	})
	t.Run("claimmark JSON", func(t *testing.T) {
		var b strings.Builder
		if err := format.Encode(&b, d, placed, now); err != nil {
			t.Fatal(err)
		}
		f, _, err := format.Decode(strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		check(t, f.All())
	})
	t.Run("storage record", func(t *testing.T) {
		var got []annotation.Annotation
		for _, a := range placed {
			back, err := format.DecodeRecord([]byte(format.Record(a)))
			if err != nil {
				t.Fatal(err)
			}
			if !back.Equal(&a) {
				t.Errorf("record %s came back as %+v", format.Record(a), back)
			}
			got = append(got, back)
		}
		check(t, got)
	})
	t.Run("a W3C id with via", func(t *testing.T) {
		file := `{"id": "urn:uuid:0b7c1f0e-3c1d-4a8e-9a53-2f4d1c9e7b21", "via": "https://tool.example/a/7", "type": "Annotation",
			"body": {"purpose": "tagging", "value": "claim"}, "target": {"selector": {"type": "TextQuoteSelector", "exact": "China is Russia’s most important partner"}}}`
		imp, err := format.DecodeWebAnnotation(strings.NewReader(file), now)
		if err != nil {
			t.Fatal(err)
		}
		a := imp.Annotations[0]
		if a.ID != "0b7c1f0e-3c1d-4a8e-9a53-2f4d1c9e7b21" || a.Foreign != "https://tool.example/a/7" {
			t.Fatalf("id %q, foreign %q", a.ID, a.Foreign)
		}
		placed, _ := anchor.PlaceAll(d, imp.Annotations, false)
		var b strings.Builder
		if err := format.EncodeWebAnnotation(&b, d, placed); err != nil {
			t.Fatal(err)
		}
		out := strings.Join(strings.Fields(b.String()), " ")
		if !strings.Contains(out, `"id": "urn:uuid:0b7c1f0e-3c1d-4a8e-9a53-2f4d1c9e7b21", "via": "https://tool.example/a/7",`) {
			t.Errorf("want the uuid as id and the tool's IRI as via:\n%s", b.String())
		}
		back, err := format.DecodeWebAnnotation(strings.NewReader(b.String()), now)
		if err != nil || back.Annotations[0].ID != a.ID || back.Annotations[0].Foreign != a.Foreign {
			t.Errorf("read back: %v %+v", err, back)
		}
	})
}
