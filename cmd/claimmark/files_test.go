package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

var fileTime = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// writeSample writes a claimmark JSON export of a small text and returns
// its path and the text's.
func writeSample(t *testing.T) (jsonPath, textPath string) {
	t.Helper()
	dir := t.TempDir()
	src := "Rain notes\n\nIt will rain on Friday. The forecast says so."
	d, err := document.New(src)
	if err != nil {
		t.Fatal(err)
	}
	tag := func(tag annotation.Tag, s string) annotation.Annotation {
		start := len([]rune(d.Text[:strings.Index(d.Text, s)]))
		return annotation.New(d, tag, start, start+len([]rune(s)), fileTime)
	}
	as := []annotation.Annotation{
		tag(annotation.Prediction, "It will rain on Friday."),
		tag(annotation.Evidence, "The forecast says so."),
	}
	var buf bytes.Buffer
	format.Encode(&buf, d, as, fileTime)
	jsonPath, textPath = filepath.Join(dir, "notes.claimmark.json"), filepath.Join(dir, "notes.txt")
	os.WriteFile(jsonPath, buf.Bytes(), 0o644)
	os.WriteFile(textPath, []byte(src), 0o644)
	return jsonPath, textPath
}

func runCLI(args ...string) (stdout, stderr string, status int) {
	var out, errOut bytes.Buffer
	status = run(args, &out, &errOut)
	return out.String(), errOut.String(), status
}

func TestConvert(t *testing.T) {
	jsonPath, textPath := writeSample(t)
	for _, tt := range []struct{ to, want string }{
		{"json", `"format": "claimmark"`},
		{"w3c", `"type": "AnnotationCollection"`},
		{"csv", "id,tag,start,end,exact,prefix,suffix,note,created,modified,links,by,probability,outcome,outcome_date,outcome_note,document_title,document_sha256,foreign_id\r\n"},
		{"md", ". Prediction\n\n> It will rain on Friday."},
		{"argdown", "[Prediction 1]: It will rain on Friday. #prediction"},
		{"aif", `"type": "I"`},
	} {
		out, errOut, status := runCLI("convert", "-to", tt.to, jsonPath)
		if status != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("convert -to %s: status %d, stderr %q, output:\n%s", tt.to, status, errOut, out)
		}
	}

	// W3C back to claimmark JSON needs the text.
	w3c, _, _ := runCLI("convert", "-to", "w3c", jsonPath)
	w3cPath := filepath.Join(t.TempDir(), "notes.jsonld")
	os.WriteFile(w3cPath, []byte(w3c), 0o644)
	for _, to := range []string{"json", "csv"} {
		if _, errOut, status := runCLI("convert", "-to", to, w3cPath); status != 1 || !strings.Contains(errOut, "-text FILE") {
			t.Errorf("W3C to %s without the text: status %d, %q", to, status, errOut)
		}
	}
	// CSV reads back, placed in the text it names.
	csvOut, _, _ := runCLI("convert", "-to", "csv", jsonPath)
	csvPath := filepath.Join(t.TempDir(), "notes.csv")
	os.WriteFile(csvPath, []byte(csvOut), 0o644)
	if out, errOut, status := runCLI("convert", "-to", "md", "-text", textPath, csvPath); status != 0 || !strings.Contains(out, "> It will rain on Friday.") {
		t.Errorf("CSV back to Markdown: status %d, %q\n%s", status, errOut, out)
	}
	out, errOut, status := runCLI("convert", "-to", "json", "-text", textPath, w3cPath)
	if status != 0 {
		t.Fatalf("W3C to JSON: %s", errOut)
	}
	var back format.File
	if err := json.Unmarshal([]byte(out), &back); err != nil || len(back.Annotations) != 2 || back.Annotations[0].Exact != "It will rain on Friday." {
		t.Errorf("W3C to JSON gave %+v, %v", back.Annotations, err)
	}

	if _, _, status := runCLI("convert", "-to", "pdf", jsonPath); status != 1 {
		t.Errorf("convert -to pdf: status %d", status)
	}
	if _, _, status := runCLI("convert", jsonPath); status != 1 {
		t.Errorf("convert with no -to: status %d", status)
	}
}

func TestValidate(t *testing.T) {
	jsonPath, _ := writeSample(t)
	good, _ := os.ReadFile(jsonPath)
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, bytes.Replace(good, []byte(`"tag": "evidence"`), []byte(`"tag": "evidence", "TAG": "claim"`), 1), 0o644)

	out, _, status := runCLI("validate", jsonPath)
	if status != 0 || !strings.Contains(out, "ok, claimmark JSON, 2 annotations (claim 0, evidence 1, prediction 1)") {
		t.Errorf("validate good: %d %q", status, out)
	}
	out, _, status = runCLI("validate", jsonPath, bad, "missing.json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if status != 1 || len(lines) != 3 {
		t.Fatalf("validate three files: status %d, output:\n%s", status, out)
	}
	if !strings.Contains(lines[1], `bad.json: line`) || !strings.Contains(lines[1], `keys "tag" and "TAG" differ only in case`) {
		t.Errorf("bad file line: %q", lines[1])
	}
	if !strings.Contains(lines[2], "missing.json") {
		t.Errorf("missing file line: %q", lines[2])
	}
	if out, _, status := runCLI("validate", hypothesisExport); status != 0 ||
		!strings.Contains(out, "ok, a Hypothesis export, 2 annotations (claim 1, evidence 1, prediction 0, unplaced 2), 3 skipped (a reply to another annotation: 1; a page note, with no passage selected: 1; no claim, evidence or prediction tag: 1)") {
		t.Errorf("validate a Hypothesis export: %d %q", status, out)
	}
	if _, _, status := runCLI("validate"); status != 2 {
		t.Errorf("validate with no files: status %d", status)
	}
}

const hypothesisExport = "testdata/hypothesis-export.json"

// A Hypothesis export converts with what fits; what does not is said on
// stderr, one line each, and only a file with nothing that fits fails.
func TestConvertHypothesis(t *testing.T) {
	textPath := filepath.Join(t.TempDir(), "post-374.txt")
	os.WriteFile(textPath, []byte(postText(t)), 0o644)
	out, errOut, status := runCLI("convert", "-to", "w3c", "-text", textPath, hypothesisExport)
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	for _, want := range []string{
		`"id": "https://hypothes.is/a/Tq2xAqc2Ee6VbwOTcE7Gsg"`,
		`"exact": "China is Russia’s most important partner, but within certain limits"`,
		"Tags: china-russia",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the W3C output has no %s", want)
		}
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "skipped annotations[2]") || !strings.Contains(lines[0], `("China is a major purchaser of Russian oil"): a reply to another annotation`) ||
		!strings.Contains(lines[1], "a page note") || !strings.Contains(lines[2], "no claim, evidence or prediction tag") {
		t.Errorf("stderr:\n%s", errOut)
	}

	// Nothing fits: an error, with the reasons.
	none := filepath.Join(t.TempDir(), "replies.json")
	os.WriteFile(none, []byte(`{"total": 1, "rows": [{"id": "r1", "uri": "https://example.org", "text": "yes", "tags": ["claim"], "references": ["a1"],
		"target": [{"source": "https://example.org", "selector": [{"type": "TextQuoteSelector", "exact": "oil"}]}]}]}`), 0o644)
	if _, errOut, status := runCLI("convert", "-to", "json", "-text", textPath, none); status != 1 ||
		!strings.Contains(errOut, "nothing in a Hypothesis search reply can be imported (a reply to another annotation: 1)") {
		t.Errorf("a file of replies: status %d, %q", status, errOut)
	}
}
