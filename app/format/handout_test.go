package format_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

func handout(t *testing.T) *format.Handout {
	t.Helper()
	d, err := document.New("The handout\n\nRussia sells oil. China buys it, analysts say.")
	if err != nil {
		t.Fatal(err)
	}
	key := annotation.New(d, annotation.Claim, 13, 30, time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))
	key.ID = "key-annotation-1"
	return &format.Handout{
		Title: "Week 3: oil", Instructions: "Tag every claim.\nThen the evidence.",
		Tags: []format.TagDefinition{{Tag: annotation.Claim, Definition: "what the author asserts"}, {Tag: annotation.Evidence, Definition: "what supports it"}},
		Doc:  d, HasKey: true, Key: []annotation.Annotation{key}, ShowKeyAfterHandIn: true,
	}
}

func TestHandoutRoundTrip(t *testing.T) {
	h := handout(t)
	var buf bytes.Buffer
	if err := format.EncodeHandout(&buf, h); err != nil {
		t.Fatal(err)
	}
	got, err := format.DecodeHandout(&buf)
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got.Title != h.Title || got.Instructions != h.Instructions || len(got.Tags) != 2 || got.Tags[1] != h.Tags[1] ||
		got.Doc.SHA256 != h.Doc.SHA256 || !got.HasKey || len(got.Key) != 1 || !got.Key[0].Equal(&h.Key[0]) || !got.ShowKeyAfterHandIn {
		t.Errorf("round trip: %+v", got)
	}
	if got.ID() != h.ID() {
		t.Error("the id changed in a round trip")
	}

	// Without the key, nothing of it is in the file, and the id is the same.
	buf.Reset()
	format.EncodeHandout(&buf, h.WithoutKey())
	if strings.Contains(buf.String(), "key-annotation-1") || strings.Contains(buf.String(), "Russia sells oil\"") {
		t.Errorf("the key is in the file without it:\n%s", buf.String())
	}
	plain, err := format.DecodeHandout(&buf)
	if err != nil || plain.HasKey || len(plain.Key) != 0 || plain.ID() != h.ID() {
		t.Errorf("without the key: %+v, %v", plain, err)
	}
	if h2 := *h; true {
		h2.Instructions = "Other instructions"
		if h2.ID() == h.ID() {
			t.Error("other instructions, the same id")
		}
	}
}

func TestHandoutRejects(t *testing.T) {
	var buf bytes.Buffer
	format.EncodeHandout(&buf, handout(t))
	good := buf.String()
	for _, c := range []struct{ name, data, want string }{
		{"submission", strings.Replace(good, "claimmark-handout", "claimmark-submission", 1), "is not \"claimmark-handout\""},
		{"version", strings.Replace(good, `"version": 1`, `"version": 2`, 1), "version"},
		{"tag", strings.Replace(good, `"tag": "evidence"`, `"tag": "opinion"`, 1), `tag "opinion"`},
		{"tag key", strings.Replace(good, `"definition": "what supports it"`, `"definition": "x", "colour": "red"`, 1), "colour"},
		{"repeated", strings.Replace(good, `"key": true`, `"key": true, "KEY": false`, 1), "differ only in case"},
		{"key false", strings.Replace(good, `"key": true`, `"key": false`, 1), `"key" is false`},
		{"key not bool", strings.Replace(good, `"key": true`, `"key": "yes"`, 1), "true or false"},
		{"no title", strings.Replace(good, `"title": "Week 3: oil",`, ``, 1), "title: is missing"},
		{"no tags", strings.Replace(good, `"tags": [`, `"tags": [], "x": [`, 1), "x"},
		{"bad text", strings.Replace(good, "China buys it", "China buys them", 1), "document: "},
	} {
		if _, err := format.DecodeHandout(strings.NewReader(c.data)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error with %q", c.name, err, c.want)
		}
	}
}

func TestSubmissionRoundTrip(t *testing.T) {
	h := handout(t)
	a := annotation.New(h.Doc, annotation.Evidence, 31, 44, time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC))
	s := &format.Submission{Student: "Ana Lima", Handout: h.ID(), HandedIn: time.Date(2026, 11, 28, 11, 0, 0, 0, time.UTC), Doc: h.Doc, Annotations: []annotation.Annotation{a}}
	var buf bytes.Buffer
	if err := format.EncodeSubmission(&buf, s); err != nil {
		t.Fatal(err)
	}
	got, err := format.DecodeSubmission(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got.Student != s.Student || got.Handout != s.Handout || !got.HandedIn.Equal(s.HandedIn) || len(got.Annotations) != 1 || !got.Annotations[0].Equal(&a) {
		t.Errorf("round trip: %+v", got)
	}
	if _, err := format.DecodeSubmission(strings.NewReader(strings.Replace(buf.String(), `"student": "Ana Lima"`, `"student": " "`, 1))); err == nil {
		t.Error("a submission without a name")
	}
	if _, err := format.DecodeHandout(bytes.NewReader(buf.Bytes())); err == nil {
		t.Error("a submission read as a handout")
	}
	if got := format.SubmissionFileName(h.Title, "Ana Lima"); got != "Week 3 oil.Ana Lima.submission.json" {
		t.Errorf("file name %q", got)
	}
}
