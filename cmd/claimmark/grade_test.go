package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

// classFiles is a handout with a key in a folder, and the means to write
// submissions for it.
type classFiles struct {
	t       *testing.T
	dir     string
	d       *document.Document
	h       *format.Handout
	handout string // its path
}

func newClass(t *testing.T) *classFiles {
	t.Helper()
	d, err := document.New("Oil and power\n\nRussia sells oil to China. China pays in yuan, officials say. Trade will grow.")
	if err != nil {
		t.Fatal(err)
	}
	c := &classFiles{t: t, dir: t.TempDir(), d: d}
	c.h = &format.Handout{
		Title: "Oil and power", Instructions: "Tag claims, evidence and predictions.",
		Tags: []format.TagDefinition{{Tag: annotation.Claim, Definition: "asserted"}, {Tag: annotation.Evidence, Definition: "support"}, {Tag: annotation.Prediction, Definition: "about the future"}},
		Doc:  d, HasKey: true,
		Key: []annotation.Annotation{c.tag(annotation.Claim, "Russia sells oil to China."), c.tag(annotation.Evidence, "China pays in yuan, officials say."), c.tag(annotation.Prediction, "Trade will grow.")},
	}
	c.handout = c.write("oil.handout.json", func(b *bytes.Buffer) error { return format.EncodeHandout(b, c.h) })
	return c
}

func (c *classFiles) tag(tag annotation.Tag, s string) annotation.Annotation {
	start := len([]rune(c.d.Text[:strings.Index(c.d.Text, s)]))
	return annotation.New(c.d, tag, start, start+len([]rune(s)), fileTime)
}

func (c *classFiles) write(name string, encode func(*bytes.Buffer) error) string {
	c.t.Helper()
	var buf bytes.Buffer
	if err := encode(&buf); err != nil {
		c.t.Fatal(err)
	}
	p := filepath.Join(c.dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		c.t.Fatal(err)
	}
	return p
}

// submitAt writes a submission as a student hands it in, under a file
// name of its own.
func (c *classFiles) submitAt(file, student, handout string, at time.Time, as ...annotation.Annotation) string {
	c.t.Helper()
	return c.write(file, func(b *bytes.Buffer) error {
		return format.EncodeSubmission(b, &format.Submission{Student: student, Handout: handout, HandedIn: at, Doc: c.d, Annotations: as})
	})
}

func (c *classFiles) submit(student, handout string, as ...annotation.Annotation) string {
	return c.submitAt(student+".submission.json", student, handout, fileTime, as...)
}

// writeClass writes a handout with a key, three submissions, one for
// another handout and one that is not a submission, and returns the
// handout's path and the submissions'.
func writeClass(t *testing.T) (string, []string) {
	c := newClass(t)
	h := c.h
	subs := []string{
		// Ana: as the key.
		c.submit("Ana", h.ID(), h.Key...),
		// Ben: the claim, and the prediction as a claim.
		c.submit("Ben", h.ID(), c.tag(annotation.Claim, "Russia sells oil to China."), c.tag(annotation.Claim, "Trade will grow.")),
		// Cy: the evidence only, shorter.
		c.submit("Cy", h.ID(), c.tag(annotation.Evidence, "China pays in yuan")),
		c.submit("Dee", strings.Repeat("0", 64), h.Key...),
		c.write("notes.txt", func(b *bytes.Buffer) error { b.WriteString("not a submission"); return nil }),
	}
	return c.handout, subs
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

// One student's name in several spellings is one student, shown as they
// last wrote it; a name too long is refused; a name with control
// characters keeps the text table's lines, and reaches the CSV defused.
func TestGradeStudentNames(t *testing.T) {
	c := newClass(t)
	id, key := c.h.ID(), c.h.Key
	later := func(minutes int) time.Time { return fileTime.Add(time.Duration(minutes) * time.Minute) }
	subs := []string{
		c.submitAt("1.json", "Ana Lima", id, later(0), key[0]),
		c.submitAt("2.json", "ana  lima", id, later(2), key...),
		c.submitAt("3.json", "Ana Lima ", id, later(1), key[1]),
		c.submitAt("4.json", "Zoe\u0301", id, later(0), key[2]),
		c.submitAt("5.json", "ZOÉ", id, later(5), key[1]),
		c.submitAt("6.json", "\t=1+1", id, later(0), key[0]),
		c.submitAt("7.json", "\r=2+2", id, later(0), key[1]),
		c.submitAt("8.json", "Line\nbreak", id, later(0), key[2]),
	}
	// A file made by hand, with a name no submission is made with.
	long := filepath.Join(c.dir, "long.json")
	data, _ := os.ReadFile(subs[0])
	os.WriteFile(long, bytes.Replace(data, []byte(`"Ana Lima"`), []byte(`"`+strings.Repeat("n", 20000)+`"`), 1), 0o644)
	subs = append(subs, long)

	out, errOut, status := runCLI(append([]string{"grade", "-format", "json", c.handout}, subs...)...)
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var r struct {
		Students []struct{ Name string }
		Rejected []map[string]string
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range r.Students {
		names = append(names, s.Name)
	}
	if want := []string{"\t=1+1", "\r=2+2", "ana  lima", "Line\nbreak", "ZOÉ"}; !slices.Equal(names, want) {
		t.Errorf("students %q, want %q", names, want)
	}
	rejected := map[string]string{}
	for _, x := range r.Rejected {
		rejected[x["file"]] = x["reason"]
	}
	if len(rejected) != 4 || !strings.Contains(rejected["long.json"], "student: 20000 characters; a name holds up to 100") ||
		!strings.Contains(rejected["1.json"], "handed in again later") || !strings.Contains(rejected["4.json"], "handed in again later") {
		t.Errorf("rejected %q", rejected)
	}

	text, _, _ := runCLI(append([]string{"grade", c.handout}, subs...)...)
	if !strings.Contains(text, `Line\nbreak`) || strings.Contains(text, "Line\nbreak") || strings.Contains(text, "\r") {
		t.Errorf("the text report does not escape control characters:\n%s", text)
	}
	csvOut, _, _ := runCLI(append([]string{"grade", "-format", "csv", c.handout}, subs...)...)
	rows, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		if strings.Contains(row[0], "=") && !strings.HasPrefix(row[0], "'") {
			t.Errorf("name %q reaches the CSV as a formula", row[0])
		}
	}
	if !strings.Contains(csvOut, "\"'\r=2+2\"") || !strings.Contains(csvOut, "'\t=1+1") {
		t.Errorf("the CSV does not keep the names as written after their ':\n%q", csvOut)
	}
}

// writeLinkedClass writes a handout whose key links the evidence and the
// prediction to the claim, with two submissions: Ada links as the key
// does, Ben says the evidence undermines the claim.
func writeLinkedClass(t *testing.T) (string, []string) {
	c := newClass(t)
	claim, ev, pred := c.h.Key[0], c.h.Key[1], c.h.Key[2]
	link := func(from *annotation.Annotation, to annotation.Annotation, r annotation.Relation) {
		from.Links = append(from.Links, annotation.Link{ID: annotation.NewID(), To: to.ID, Type: r, Created: fileTime})
	}
	link(&ev, claim, annotation.Supports)
	link(&pred, claim, annotation.FollowsFrom)
	c.h.Key = []annotation.Annotation{claim, ev, pred}
	c.handout = c.write("oil.handout.json", func(b *bytes.Buffer) error { return format.EncodeHandout(b, c.h) })
	id := c.h.ID()

	aClaim, aEv, aPred := c.tag(annotation.Claim, "Russia sells oil to China."), c.tag(annotation.Evidence, "China pays in yuan, officials say."), c.tag(annotation.Prediction, "Trade will grow.")
	link(&aEv, aClaim, annotation.Supports)
	link(&aPred, aClaim, annotation.FollowsFrom)
	bClaim, bEv := c.tag(annotation.Claim, "Russia sells oil to China."), c.tag(annotation.Evidence, "China pays in yuan, officials say.")
	link(&bEv, bClaim, annotation.Undermines)
	return c.handout, []string{c.submit("Ada", id, aClaim, aEv, aPred), c.submit("Ben", id, bClaim, bEv)}
}

// TestGradeLinks: a key with links, one student who links as the key
// does and one who links otherwise; grade prints each one's link scores.
func TestGradeLinks(t *testing.T) {
	handout, files := writeLinkedClass(t)

	// The key's links come back from the handout.
	data, _ := os.ReadFile(handout)
	h, err := format.DecodeHandout(bytes.NewReader(data))
	if err != nil || annotation.CountLinks(h.Key) != 2 {
		t.Fatalf("the handout's key: %v, %d links", err, annotation.CountLinks(h.Key))
	}

	out, errOut, status := runCLI(append([]string{"grade", handout}, files...)...)
	if status != 0 {
		t.Fatalf("grade: %d %s", status, errOut)
	}
	for _, want := range []string{"a key of 3 passages and 2 links", "link F1"} {
		if !strings.Contains(out, want) {
			t.Errorf("grade lacks %q:\n%s", want, out)
		}
	}
	lines := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 && lines[f[0]] == "" { // the table comes first
			lines[f[0]] = strings.Join(f, " ")
		}
	}
	if !strings.HasSuffix(lines["Ada"], "2/2 1.00 1.00 1.00") || !strings.HasSuffix(lines["Ben"], "0/2 0.00 0.00 0.00") {
		t.Errorf("rows:\n%s\n%s", lines["Ada"], lines["Ben"])
	}
	js, _, _ := runCLI(append([]string{"grade", "-format", "json", handout}, files...)...)
	var report struct {
		Students []struct {
			Name  string
			Links *struct{ Matched, Key int }
		}
	}
	if err := json.Unmarshal([]byte(js), &report); err != nil || len(report.Students) != 2 || report.Students[0].Links == nil || report.Students[0].Links.Matched != 2 {
		t.Errorf("JSON: %v %s", err, js)
	}
}
