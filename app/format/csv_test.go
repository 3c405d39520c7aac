package format_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestCSVRoundTrip(t *testing.T) {
	d, as := sample(t)
	as[0].Note = "=HYPERLINK(\"http://evil\")"
	as[1].Note = "'quoted, \"twice\"\nand on two lines"
	as[2].Note = "-1 +1 @x"
	var buf bytes.Buffer
	if err := format.EncodeCSV(&buf, d, as); err != nil {
		t.Fatal(err)
	}
	// A line break inside a cell stays \n; only rows end in CRLF.
	raw := buf.String()
	if !strings.Contains(raw, "\"twice\"\"\nand on two lines") || strings.Count(raw, "\r\n") != len(as)+1 {
		t.Errorf("line ends: %q", raw)
	}
	got, err := format.DecodeCSV(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := append([]annotation.Annotation(nil), as...)
	annotation.Sort(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
	// A spreadsheet's reader sees the same cells, the text named on each row.
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(raw, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		if row[16] != d.Title || row[17] != d.SHA256 {
			t.Errorf("document columns %q, %q", row[16], row[17])
		}
		if row[0] == as[1].ID && row[7] != "''quoted, \"twice\"\nand on two lines" {
			t.Errorf("the note with a line break reads %q", row[7])
		}
	}
	// Read back as an import, it names its text, so it places by position.
	imp, _, err := format.DecodeAny(bytes.NewReader(buf.Bytes()), now)
	if err != nil || imp.Source != format.SourceIRI(d) || imp.Title != d.Title || len(imp.Annotations) != len(as) {
		t.Errorf("DecodeAny: %v, %+v", err, imp)
	}
}

// TestCSVIsSafeInSpreadsheets reads the file as a spreadsheet would: no
// field may start with a character that makes it a formula.
func TestCSVIsSafeInSpreadsheets(t *testing.T) {
	d, as := sample(t)
	// Each would run in some spreadsheet: a formula, a DDE command, or one
	// behind white space or a control character that a spreadsheet skips.
	risky := []string{"=1+1", "+x", "-1", "@SUM(A1)", "|cmd", "\t=1+1", "\r=1+1", " =1", "\n+1", "\u00a0=1", "\x00@x", "'quoted"}
	var many []annotation.Annotation
	for i, r := range risky {
		a := as[0]
		a.ID = fmt.Sprintf("id-%02d", i) // in this order in the file
		a.Note, a.Exact = r, r           // not a valid annotation, but the writer must not care
		many = append(many, a)
	}
	var buf bytes.Buffer
	if err := format.EncodeCSV(&buf, d, many); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFFid,tag,start,end,exact,prefix,suffix,note,created,modified,links,by,probability,outcome,outcome_date,outcome_note,document_title,document_sha256,foreign_id\r\n") {
		t.Errorf("header = %q", out[:min(len(out), 80)])
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, row := range rows[1:] {
		for _, col := range []int{4, 7} {
			if !strings.HasPrefix(row[col], "'") {
				t.Errorf("cell %q has no ' before it", row[col])
			}
		}
		notes = append(notes, row[7])
	}
	for _, r := range risky {
		if !slices.Contains(notes, "'"+r) {
			t.Errorf("%q was not written as it is after its '; the notes are %q", r, notes)
		}
	}
	back, err := format.DecodeCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range back {
		if a.Note != risky[i] {
			t.Errorf("note %d read back as %q, want %q", i, a.Note, risky[i])
		}
	}
}

func TestCSVRejects(t *testing.T) {
	header := strings.Join(format.CSVHeader, ",") + "\r\n"
	row := "id1,claim,0,5,exact,,,,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,,,,,,,Title,abc,\r\n"
	row2 := strings.Replace(row, "id1", "id2", 1)
	tests := []struct{ name, csv, want string }{
		{"header", "id,tag\r\n", "the header is"},
		{"short row", header + "id1,claim\r\n", "wrong number of fields"},
		{"links", header + strings.Replace(row, ",,,,,,,T", ",causes x,,,,,,T", 1), `links: "causes x" is not a relation`},
		{"probability", header + strings.Replace(row, ",,,,,,,T", ",,,most,,,,T", 1), `probability: "most"`},
		{"other header", strings.Replace(header, "note", "comment", 1) + row, "the header is"},
		{"start", header + strings.Replace(row, ",0,", ",zero,", 1), `line 2, column 1: row 1: start: "zero"`},
		{"created", header + strings.Replace(row, "2026-01-01T00:00:00Z,", "soon,", 1), "created"},
		{"two texts", header + row + strings.Replace(row2, ",abc,", ",def,", 1), `row 2: document_sha256: "def" is another text than the first row's "abc"`},
		{"bare quote", header + `id,claim,0,5,ex"act,,,,x,y` + "\r\n", "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := format.DecodeCSV(strings.NewReader(tt.csv))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func FuzzDecodeCSV(f *testing.F) {
	d, as := sample(f)
	var buf bytes.Buffer
	format.EncodeCSV(&buf, d, as)
	f.Add(buf.Bytes())
	f.Add([]byte("id,tag\r\n"))
	f.Add([]byte("\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) {
		as, err := format.DecodeCSV(bytes.NewReader(data))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := format.EncodeCSV(&out, d, as); err != nil {
			t.Fatal(err)
		}
		again, err := format.DecodeCSV(&out)
		if err != nil || len(again) != len(as) {
			t.Fatalf("re-encoded CSV: %v", err)
		}
	})
}

func TestMarkdown(t *testing.T) {
	d, as := sample(t)
	as[1].Note = "why *this*\nsecond line"
	var buf bytes.Buffer
	if err := format.EncodeMarkdown(&buf, d, as); err != nil {
		t.Fatal(err)
	}
	want := "# A “quoted” title 🐘\n\n" +
		"Claims: 1 · Evidence: 1 · Predictions: 1\n\n" +
		"## In the order of the text\n\n" +
		"### 1. Evidence\n\n" +
		"> A “quoted” title 🐘\n\n" +
		"### 2. Claim\n\n" +
		"> First claim here.\n\n" +
		"Note: why \\*this\\*  \nsecond line  \n\n" +
		"### 3. Prediction\n\n" +
		"> It will rain.\n"
	if got := buf.String(); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}

// A passage that is part of a sentence comes with the sentence.
func TestMarkdownGivesTheSentence(t *testing.T) {
	d, err := document.New("Title\n\nFirst the U.S. sold oil to China. Then more.")
	if err != nil {
		t.Fatal(err)
	}
	at := len([]rune("Title\n\nFirst the U.S. sold "))
	a := annotation.New(d, annotation.Evidence, at, at+len("oil"), now)
	var buf bytes.Buffer
	format.EncodeMarkdown(&buf, d, []annotation.Annotation{a})
	if want := "### 1. Evidence\n\n> oil\n\nIn: First the U.S. sold oil to China.\n"; !strings.Contains(buf.String(), want) {
		t.Errorf("report:\n%s\nwant it to hold:\n%s", buf.String(), want)
	}
}

func TestMarkdownEscapes(t *testing.T) {
	d, as := sample(t)
	as = as[:1]
	as[0].Note = "# not a heading\n1. not a list\n- nor this\n<script>x</script> [link](y) `code`"
	var buf bytes.Buffer
	format.EncodeMarkdown(&buf, d, as)
	for _, bad := range []string{"\n# not", "\n1. not", "\n- nor", "<script>", "[link]", "`code`"} {
		if strings.Contains(buf.String(), bad) {
			t.Errorf("%q is left as Markdown syntax:\n%s", bad, buf.String())
		}
	}
}

func TestCSVCarriesLinksAndPredictions(t *testing.T) {
	d, as := linkedAnnotations(t)
	var buf bytes.Buffer
	if err := format.EncodeCSV(&buf, d, as); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	claim := as[1].ID
	byID := map[string][]string{}
	for _, row := range rows[1:] {
		byID[row[0]] = row
	}
	if got := byID[as[2].ID][10]; got != "supports "+claim {
		t.Errorf("the evidence's links cell = %q", got)
	}
	if got := byID[as[0].ID][10:]; strings.Join(got, "|") != "follows-from "+claim+"|2027-06|88|came-true|2027-05-02|It rained.|"+d.Title+"|"+d.SHA256+"|" {
		t.Errorf("the prediction's cells = %q", got)
	}
	back, err := format.DecodeCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := annotation.CheckLinks(back); err != nil || annotation.CountLinks(back) != 2 {
		t.Errorf("read back %d links: %v", annotation.CountLinks(back), err)
	}
	for _, a := range back {
		if a.Tag == annotation.Prediction && (a.Probability == nil || *a.Probability != 88 || a.Outcome != annotation.CameTrue) {
			t.Errorf("the prediction read back as %+v", a.Forecast)
		}
	}
}

func TestMarkdownCarriesLinksAndPredictions(t *testing.T) {
	d, as := linkedAnnotations(t)
	var buf bytes.Buffer
	if err := format.EncodeMarkdown(&buf, d, as); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// In the order of the text: 1 the evidence, 2 the claim, 3 the prediction.
	for _, want := range []string{
		"### 1. Evidence\n\n> A “quoted” title 🐘\n\nLinks: supports 2\n",
		"Links: follows from 2\n",
		"Probability: 88 % (very likely) · By: 2027-06 · Outcome: Came true, 2027-05-02: It rained.\n",
		"## Claims and what bears on them\n\n2. First claim here.\n    - Supported by 1 (evidence): A “quoted” title 🐘\n    - Followed by 3 (prediction): It will rain.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
}

// TestMarkdownDefusesBareURLs renders the report as GitHub does (goldmark
// with its GFM extensions, which link bare URLs): a URL in a note or in
// the text shows as written and is no link.
func TestMarkdownDefusesBareURLs(t *testing.T) {
	d, err := document.New("Sources\n\nSee www.example.org/report for the data, and https://example.org/a_(b).")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) int { return len([]rune(d.Text[:strings.Index(d.Text, s)])) }
	a := annotation.New(d, annotation.Evidence, at("See"), d.Len(), now)
	a.Note = "From https://example.org/x?y=1&z=2, mirrored at HTTP://example.com/`q`.\nftp://files.example.org and notes://not-a-link stay too;\nmail reader@example.org"
	var buf bytes.Buffer
	if err := format.EncodeMarkdown(&buf, d, []annotation.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(buf.Bytes(), &html); err != nil {
		t.Fatal(err)
	}
	out := html.String()
	for _, link := range []string{`<a href="http://www.example.org`, `<a href="https://example.org`, `<a href="HTTP://`, `<a href="ftp://`} {
		if strings.Contains(out, link) {
			t.Errorf("the report makes a link %s…:\n%s\nfrom\n%s", link, out, buf.String())
		}
	}
	for _, shown := range []string{"<code>www.example.org/report</code>", "<code>https://example.org/a_(b)</code>.",
		"<code>https://example.org/x?y=1&amp;z=2</code>,", "<code>HTTP://example.com/`q`</code>.", "<code>ftp://files.example.org</code>"} {
		if !strings.Contains(out, shown) {
			t.Errorf("the report does not show %s:\n%s\nfrom\n%s", shown, out, buf.String())
		}
	}
}
