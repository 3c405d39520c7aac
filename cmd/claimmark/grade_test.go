package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

// writeClass writes a handout with a key, three submissions, one for
// another handout and one that is not a submission, and returns the
// handout's path and the submissions'.
func writeClass(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	d, err := document.New("Oil and power\n\nRussia sells oil to China. China pays in yuan, officials say. Trade will grow.")
	if err != nil {
		t.Fatal(err)
	}
	tag := func(tag annotation.Tag, s string) annotation.Annotation {
		start := len([]rune(d.Text[:strings.Index(d.Text, s)]))
		return annotation.New(d, tag, start, start+len([]rune(s)), fileTime)
	}
	h := &format.Handout{
		Title: "Oil and power", Instructions: "Tag claims, evidence and predictions.",
		Tags: []format.TagDefinition{{Tag: annotation.Claim, Definition: "asserted"}, {Tag: annotation.Evidence, Definition: "support"}, {Tag: annotation.Prediction, Definition: "about the future"}},
		Doc:  d, HasKey: true,
		Key: []annotation.Annotation{tag(annotation.Claim, "Russia sells oil to China."), tag(annotation.Evidence, "China pays in yuan, officials say."), tag(annotation.Prediction, "Trade will grow.")},
	}
	write := func(name string, encode func(*bytes.Buffer)) string {
		var buf bytes.Buffer
		encode(&buf)
		p := filepath.Join(dir, name)
		os.WriteFile(p, buf.Bytes(), 0o644)
		return p
	}
	handout := write("oil.handout.json", func(b *bytes.Buffer) { format.EncodeHandout(b, h) })
	submit := func(student string, handout string, as ...annotation.Annotation) string {
		return write(student+".submission.json", func(b *bytes.Buffer) {
			format.EncodeSubmission(b, &format.Submission{Student: student, Handout: handout, HandedIn: fileTime, Doc: d, Annotations: as})
		})
	}
	subs := []string{
		// Ana: as the key.
		submit("Ana", h.ID(), h.Key...),
		// Ben: the claim, and the prediction as a claim.
		submit("Ben", h.ID(), tag(annotation.Claim, "Russia sells oil to China."), tag(annotation.Claim, "Trade will grow.")),
		// Cy: the evidence only, shorter.
		submit("Cy", h.ID(), tag(annotation.Evidence, "China pays in yuan")),
		submit("Dee", strings.Repeat("0", 64), h.Key...),
		write("notes.txt", func(b *bytes.Buffer) { b.WriteString("not a submission") }),
	}
	return handout, subs
}

func TestGrade(t *testing.T) {
	handout, subs := writeClass(t)
	out, errOut, status := runCLI(append([]string{"grade", "-format", "json", handout}, subs...)...)
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var r struct {
		Key      int
		Words    int
		Students []struct {
			Name                  string
			Counts                map[string]int
			Matched               int
			Precision, Recall, F1 struct{ Value *float64 }
		}
		Alpha    map[string]struct{ Value *float64 }
		Pairs    []struct{ A, B string }
		Rejected []map[string]string
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.Key != 3 || r.Words != 17 || len(r.Students) != 3 || len(r.Pairs) != 3 || len(r.Rejected) != 2 {
		t.Fatalf("report %+v", r)
	}
	// Ana matches all three; Ben one of two (recall 1/3); Cy's "China
	// pays in yuan" is 18 of the key's 34 code points: over half, a match.
	want := map[string][3]float64{"Ana": {1, 1, 1}, "Ben": {0.5, 1.0 / 3, 0.4}, "Cy": {1, 1.0 / 3, 0.5}}
	for _, s := range r.Students {
		w := want[s.Name]
		if *s.Precision.Value-w[0] > 1e-9 || w[0]-*s.Precision.Value > 1e-9 || *s.Recall.Value-w[1] > 1e-9 || w[1]-*s.Recall.Value > 1e-9 || *s.F1.Value-w[2] > 1e-9 || w[2]-*s.F1.Value > 1e-9 {
			t.Errorf("%s: precision %v recall %v F1 %v, want %v", s.Name, *s.Precision.Value, *s.Recall.Value, *s.F1.Value, w)
		}
	}
	if r.Alpha["overall"].Value == nil || r.Alpha["prediction"].Value == nil {
		t.Errorf("alpha %+v", r.Alpha)
	}
	for _, x := range r.Rejected {
		if !strings.Contains(x["reason"], "another handout") && !strings.Contains(x["reason"], "text that is not JSON where an object belongs") {
			t.Errorf("rejected %v", x)
		}
	}

	text, _, _ := runCLI(append([]string{"grade", handout}, subs...)...)
	for _, s := range []string{"Oil and power: 3 submissions, a key of 3 passages", "rejected Dee.submission.json", "rejected notes.txt", "Krippendorff's alpha (nominal, over the 17 words of the text)", "Ana / Ben"} {
		if !strings.Contains(text, s) {
			t.Errorf("the text report has no %q:\n%s", s, text)
		}
	}
	csv, _, _ := runCLI(append([]string{"grade", "-format", "csv", handout}, subs...)...)
	if lines := strings.Split(strings.TrimSpace(csv), "\r\n"); len(lines) != 4 || lines[0] != "student,Claim,Evidence,Prediction,matched,precision,recall,F1" || lines[2] != "Ben,2,0,0,1/3,0.50,0.33,0.40" {
		t.Errorf("csv:\n%s", csv)
	}
	if _, _, status := runCLI("grade", "-format", "xml", handout); status != 1 {
		t.Errorf("a bad format: status %d", status)
	}
}
