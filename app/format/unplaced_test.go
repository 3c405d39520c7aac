package format_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
)

// TestUnplacedInEveryFormat checks that an annotation that lost its place
// is kept, with its quote, by every export and read back unplaced.
func TestUnplacedInEveryFormat(t *testing.T) {
	d, as := sample(t)
	lost := annotation.Annotation{ID: annotation.NewID(), Tag: annotation.Evidence, Start: annotation.Unplaced, End: annotation.Unplaced,
		Exact: "a passage that was cut", Prefix: "before ", Suffix: " after", Note: "find it", Created: now, Modified: now}
	all := append(as, lost)

	var j bytes.Buffer
	format.Encode(&j, d, all, now)
	if !strings.Contains(j.String(), `"unplaced": [`) {
		t.Errorf("no unplaced section:\n%s", j.String())
	}
	f, _, err := format.Decode(&j)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.All(); !reflect.DeepEqual(got[len(got)-1], lost) || len(f.Annotations) != len(as) {
		t.Errorf("claimmark JSON: %+v", got)
	}

	var w bytes.Buffer
	format.EncodeWebAnnotation(&w, d, all)
	imp, err := format.DecodeWebAnnotation(&w, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got := imp.Annotations[0]; got.Placed() || got.Exact != lost.Exact || got.ID != lost.ID {
		t.Errorf("W3C: %+v", got)
	}

	var c bytes.Buffer
	format.EncodeCSV(&c, d, all)
	rows, err := format.DecodeCSV(&c)
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0]; !reflect.DeepEqual(got, lost) {
		t.Errorf("CSV: %+v", got)
	}

	var m bytes.Buffer
	format.EncodeMarkdown(&m, d, all)
	if !strings.Contains(m.String(), "Unplaced: 1") || !strings.Contains(m.String(), "## Unplaced") || !strings.Contains(m.String(), "> Evidence: a passage that was cut") {
		t.Errorf("Markdown:\n%s", m.String())
	}
}

func TestDecodeRejectsUnplacedAmongPlaced(t *testing.T) {
	d, as := sample(t)
	var buf bytes.Buffer
	format.Encode(&buf, d, as, now)
	bad := strings.Replace(buf.String(), `"start": 0,
      "end": 19`, `"start": -1,
      "end": -1`, 1)
	if bad == buf.String() {
		t.Fatal("the sample changed")
	}
	if _, _, err := format.Decode(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "unplaced annotations belong in unplaced") {
		t.Errorf("err = %v", err)
	}
}
