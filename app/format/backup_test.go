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

func backupOf(t *testing.T) ([]format.BackupDocument, []byte) {
	t.Helper()
	at := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	one, _ := document.New("First text\n\nIt has some words.")
	two, _ := document.New("Second text\n\nWith <b>markup</b> & \"quotes\".")
	a := annotation.New(one, annotation.Claim, 12, 15, at)
	b := annotation.New(two, annotation.Evidence, 20, 26, at)
	b.Note = "a note"
	u := annotation.New(two, annotation.Prediction, 0, 6, at)
	u.Start, u.End = annotation.Unplaced, annotation.Unplaced
	docs := []format.BackupDocument{{Doc: one, Annotations: []annotation.Annotation{a}}, {Doc: two, Annotations: []annotation.Annotation{b, u}}}
	var buf bytes.Buffer
	if err := format.EncodeBackup(&buf, docs, at); err != nil {
		t.Fatal(err)
	}
	return docs, buf.Bytes()
}

func TestBackupRoundTrip(t *testing.T) {
	docs, data := backupOf(t)
	if k := format.Kind(data); k != format.BackupName {
		t.Fatalf("Kind = %q for a backup", k)
	}
	got, err := format.DecodeBackup(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d documents", len(got))
	}
	for i := range docs {
		if got[i].Doc.SHA256 != docs[i].Doc.SHA256 || len(got[i].Annotations) != len(docs[i].Annotations) {
			t.Errorf("document %d: %+v", i, got[i])
		}
		for j, a := range got[i].Annotations {
			if !a.Equal(&docs[i].Annotations[j]) {
				t.Errorf("document %d annotation %d: %+v, want %+v", i, j, a, docs[i].Annotations[j])
			}
		}
	}
}

func TestBackupRejects(t *testing.T) {
	_, data := backupOf(t)
	good := string(data)
	for _, c := range []struct{ name, data, want string }{
		{"not a backup", `{"format": "claimmark", "version": 1, "documents": []}`, "not a claimmark backup"},
		{"newer version", strings.Replace(good, `"version": 1,`, `"version": 2,`, 1), "version"},
		{"unknown key", strings.Replace(good, `"version": 1,`, `"version": 1, "extra": 0,`, 1), "extra"},
		{"repeated key", strings.Replace(good, `"version": 1,`, `"version": 1, "Version": 1,`, 1), "differ only in case"},
		{"bad document", strings.Replace(good, "It has some words.", "It has other words.", 1), "documents[0]"},
		{"trailing data", good + "x", "unexpected data"},
		{"not JSON", "[1]", "an array where an object belongs"},
	} {
		_, err := format.DecodeBackup(strings.NewReader(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error with %q", c.name, err, c.want)
		}
	}
	if k := format.Kind([]byte(`{"format": "claimmark"}`)); k != format.Name {
		t.Errorf("Kind = %q for claimmark JSON", k)
	}
	if k := format.Kind([]byte(`[]`)); k != "" {
		t.Errorf("Kind = %q for an array", k)
	}
}
