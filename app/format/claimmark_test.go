package format_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

var now = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

func sample(t testing.TB) (*document.Document, []annotation.Annotation) {
	t.Helper()
	d, err := document.New("A “quoted” title 🐘\n\nFirst claim here. Evidence there.\n\nIt will rain.")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) int { return len([]rune(d.Text[:strings.Index(d.Text, s)])) }
	p := annotation.New(d, annotation.Prediction, at("It will"), at("It will")+13, now)
	c := annotation.New(d, annotation.Claim, at("First"), at("First")+17, now)
	c.Note = "why <b>this</b> & “that”"
	e := annotation.New(d, annotation.Evidence, 0, 19, now)
	return d, []annotation.Annotation{p, c, e}
}

func TestEncodeShape(t *testing.T) {
	d, as := sample(t)
	var buf bytes.Buffer
	if err := format.Encode(&buf, d, as, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "{\n  \"format\": \"claimmark\",\n  \"version\": 2,\n  \"document\": {") {
		t.Errorf("not the pretty-printed shape:\n%s", out)
	}
	if strings.Contains(out, `\u003c`) {
		t.Error("HTML characters are escaped; the file should be readable")
	}
	var raw struct {
		Exported    string
		Annotations []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if raw.Exported != "2026-11-27T11:00:00.000Z" {
		t.Errorf("exported = %q", raw.Exported)
	}
	var tags []string
	for _, a := range raw.Annotations {
		tags = append(tags, a["tag"].(string))
		if len(a) != 10 {
			t.Errorf("annotation has %d fields: %v", len(a), a)
		}
	}
	if strings.Join(tags, ",") != "evidence,claim,prediction" {
		t.Errorf("not in document order: %v", tags)
	}
}

func TestRoundTrip(t *testing.T) {
	d, as := sample(t)
	var buf bytes.Buffer
	if err := format.Encode(&buf, d, as, now); err != nil {
		t.Fatal(err)
	}
	f, d2, err := format.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if d2.SHA256 != d.SHA256 || f.Document.Title != d.Title {
		t.Errorf("document changed: %s %q", d2.SHA256, f.Document.Title)
	}
	want := append([]annotation.Annotation(nil), as...)
	annotation.Sort(want)
	if !reflect.DeepEqual(f.Annotations, want) {
		t.Errorf("annotations changed:\n got %+v\nwant %+v", f.Annotations, want)
	}
	// An empty list is written as [] and read back as empty.
	buf.Reset()
	format.Encode(&buf, d, nil, now)
	if !strings.Contains(buf.String(), `"annotations": []`) {
		t.Errorf("no annotations written as %s", buf.String())
	}
}

func TestDecodeRejects(t *testing.T) {
	d, as := sample(t)
	var buf bytes.Buffer
	format.Encode(&buf, d, as, now)
	good := buf.String()
	tests := []struct {
		name, from, to, want string
	}{
		{"not JSON", `"version": 2,`, `"version": 2,,`, "line 3, column 16: invalid JSON: expected a key in quotes"},
		{"not an object", "{", "[", "line 1, column 1: an array where an object belongs"},
		{"bad number", `"version": 2`, `"version": 2.2.3`, "line 3, column"},
		{"truncated", "\n}\n", "", "the file ends too soon"},
		{"duplicate key", `"tag": "claim"`, `"tag": "claim", "tag": "evidence"`, `annotations[1]: key "tag" appears twice`},
		{"case-variant key", `"tag": "claim"`, `"tag": "claim", "TAG": "evidence"`, `keys "tag" and "TAG" differ only in case`},
		{"lone case-variant key", `"tag": "claim"`, `"Tag": "claim"`, `unknown key "Tag"`},
		{"unknown key", `"note": ""`, `"note": "", "colour": "red"`, `annotations[0]: unknown key "colour"`},
		{"wrong type", `"start": 0`, `"start": "0"`, "annotations[0].start: a string where a whole number belongs"},
		{"negative offset", `"start": 0`, `"start": -3`, "annotations[0]: start: -3 is negative"},
		{"repeated id", `"id": "` + as[0].ID + `"`, `"id": "` + as[1].ID + `"`, "repeats annotations"},
		{"trailing data", "\n}\n", "\n}\n{}", "unexpected data after the JSON value"},
		{"format", `"format": "claimmark"`, `"format": "other"`, `format: "other"`},
		{"version", `"version": 2`, `"version": 3`, "version: 3 is not supported"},
		{"hash", d.SHA256, strings.Repeat("0", 64), "document.sha256"},
		{"text not canonical", `title 🐘\n`, `title 🐘 \n`, "document.text: is not in canonical form"},
		{"tag", `"tag": "claim"`, `"tag": "clam"`, `annotations[1]: tag: "clam" is not claim, evidence or prediction`},
		{"exact", `"exact": "First claim here."`, `"exact": "First claim hers."`, "annotations[1]: exact"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(good, tt.from, tt.to, 1)
			if bad == good {
				t.Fatalf("%q not in the file", tt.from)
			}
			_, _, err := format.Decode(strings.NewReader(bad))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestDecodePlaces checks that an error names the line and column of the
// annotation it is about.
func TestDecodePlaces(t *testing.T) {
	d, as := sample(t)
	var buf bytes.Buffer
	format.Encode(&buf, d, as, now)
	bad := strings.Replace(buf.String(), `"tag": "prediction"`, `"tag": "forecast"`, 1)
	_, _, err := format.Decode(strings.NewReader(bad))
	var fe *format.Error
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want a *format.Error", err)
	}
	lines := strings.Split(bad, "\n")
	if fe.Line < 1 || !strings.HasPrefix(strings.TrimSpace(lines[fe.Line-1]), "{") || fe.Column != 5 || fe.Path != "annotations[2]" {
		t.Errorf("place = line %d column %d path %q; line is %q", fe.Line, fe.Column, fe.Path, lines[fe.Line-1])
	}
	var fieldErr *annotation.FieldError
	if !errors.As(err, &fieldErr) || fieldErr.Field != "tag" {
		t.Errorf("err = %v, want a tag FieldError inside", err)
	}
}

func TestDecodeLimits(t *testing.T) {
	d, as := sample(t)
	encode := func(as []annotation.Annotation) string {
		var buf bytes.Buffer
		format.Encode(&buf, d, as, now)
		return buf.String()
	}
	long := as[0]
	long.Note = strings.Repeat("é", annotation.MaxNoteLen+1)
	// Compact and short, so that the count and not the size is past its limit.
	many := make([]annotation.Annotation, annotation.MaxPerText+1)
	for i := range many {
		many[i] = annotation.Annotation{ID: fmt.Sprint(i), Tag: annotation.Claim, Start: 0, End: 1, Exact: "A", Created: now, Modified: now}
	}
	compact, _ := json.Marshal(format.File{Format: "claimmark", Version: 1, Annotations: many,
		Document: format.FileDocument{Title: d.Title, Text: d.Text, SHA256: d.SHA256}})
	tests := []struct{ name, file, want string }{
		{"note", encode([]annotation.Annotation{long}), "note: 10001 characters; a note holds up to 10000"},
		{"count", string(compact), "annotations: more than 20000 annotations; a text holds up to 20000"},
		{"size", encode(nil) + strings.Repeat(" ", format.MaxFileSize), "larger than 32 MB"},
		{"not UTF-8", "{\"format\": \"\xff\"}", "not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := format.Decode(strings.NewReader(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestFileName(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Post #374: China’s Aid to Russia Under the “No Limits” Partnership", "Post #374 China’s Aid to Russia Under the “No Limits” Partnership.claimmark.json"},
		{`a/b\c*d?"e"<f>|g`, "a b c d e f g.claimmark.json"},
		{"  ..hidden  ", "hidden.claimmark.json"},
		{"", "annotations.claimmark.json"},
		{"tab\there\x00", "tab here.claimmark.json"},
		{strings.Repeat("é", 150), strings.Repeat("é", 100) + ".claimmark.json"},
	}
	for _, tt := range tests {
		if got := format.FileName(tt.title, ".claimmark.json"); got != tt.want {
			t.Errorf("FileName(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	d, as := sample(f)
	var buf bytes.Buffer
	format.Encode(&buf, d, as, now)
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"claimmark","version":1,"document":{"title":"t","text":"t","sha256":""},"annotations":[]}`))
	f.Add([]byte(`{"format":"claimmark","version":1,"annotations":[{"start":-1}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, doc, err := format.Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := format.Encode(&out, doc, file.Annotations, file.Exported); err != nil {
			t.Fatal(err)
		}
		again, _, err := format.Decode(&out)
		if err != nil {
			t.Fatalf("re-encoded file does not decode: %v", err)
		}
		if len(again.Annotations) != len(file.Annotations) {
			t.Fatalf("round trip lost annotations")
		}
	})
}

// Editors on Windows start UTF-8 with a byte order mark: every reader
// takes a file that has one.
func TestByteOrderMark(t *testing.T) {
	d, as := sample(t)
	const bom = "\uFEFF"
	var claimmark, w3c, backup bytes.Buffer
	format.Encode(&claimmark, d, as, now)
	format.EncodeWebAnnotation(&w3c, d, as)
	format.EncodeBackup(&backup, []format.BackupDocument{{Doc: d, Annotations: as}}, now)
	if _, _, err := format.Decode(strings.NewReader(bom + claimmark.String())); err != nil {
		t.Errorf("claimmark JSON: %v", err)
	}
	if imp, _, err := format.DecodeAny(strings.NewReader(bom+w3c.String()), now); err != nil || len(imp.Annotations) != len(as) {
		t.Errorf("W3C: %v", err)
	}
	if k := format.Kind([]byte(bom + backup.String())); k != format.BackupName {
		t.Errorf("Kind of a backup = %q", k)
	}
	if docs, err := format.DecodeBackup(strings.NewReader(bom + backup.String())); err != nil || len(docs) != 1 {
		t.Errorf("backup: %v", err)
	}
	// An error's place is counted as the reader sees the file.
	_, _, err := format.Decode(strings.NewReader(bom + "{\n  \"format\": 1}"))
	if err == nil || !strings.Contains(err.Error(), "line 2, column 13") {
		t.Errorf("error place: %v", err)
	}
}

// What claimmark writes of a text at its limits, claimmark reads back: a
// text of 5 MB with 20,000 annotations, each with a note.
func TestLargestExportReadsBack(t *testing.T) {
	var b strings.Builder
	b.WriteString("A text at the limit\n\n")
	for b.Len() < document.MaxSize-100 {
		b.WriteString("Words of a long text, in sentences. ")
	}
	d, err := document.New(b.String())
	if err != nil {
		t.Fatal(err)
	}
	as := make([]annotation.Annotation, annotation.MaxPerText)
	step := d.Len() / len(as)
	for i := range as {
		as[i] = annotation.New(d, annotation.Tags[i%3], i*step, i*step+step/2, now)
		as[i].Note = strings.Repeat("a note “of” some length ", 10)
	}
	var buf bytes.Buffer
	if err := format.Encode(&buf, d, as, now); err != nil {
		t.Fatal(err)
	}
	f, _, err := format.Decode(&buf)
	if err != nil {
		t.Fatalf("the export of %d bytes: %v", buf.Len(), err)
	}
	if n := len(f.All()); n != annotation.MaxPerText {
		t.Fatalf("read back %d annotations", n)
	}
}
