package format_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

// linkedSample is sample with links and a prediction's fields: the
// evidence supports the claim, and the prediction follows from it.
func linkedSample(t testing.TB) ([]annotation.Annotation, func(*bytes.Buffer)) {
	d, as := linkedAnnotations(t)
	return as, func(buf *bytes.Buffer) {
		if err := format.Encode(buf, d, as, now); err != nil {
			t.Fatal(err)
		}
	}
}

func linkedAnnotations(t testing.TB) (*document.Document, []annotation.Annotation) {
	d, as := sample(t)
	p, c, e := &as[0], &as[1], &as[2]
	e.Links = []annotation.Link{{ID: "8a6e1f3c-5b1d-4c8e-9a3f-0d2b7c4e1a01", To: c.ID, Type: annotation.Supports, Created: now}}
	p.Links = []annotation.Link{{ID: "8a6e1f3c-5b1d-4c8e-9a3f-0d2b7c4e1a02", To: c.ID, Type: annotation.FollowsFrom, Created: now}}
	p.Forecast = annotation.Forecast{By: "2027-06", Probability: annotation.Percent(88), Outcome: annotation.CameTrue, OutcomeDate: "2027-05-02", OutcomeNote: "It rained."}
	return d, as
}

func TestVersion2RoundTrip(t *testing.T) {
	as, encode := linkedSample(t)
	var buf bytes.Buffer
	encode(&buf)
	out := buf.String()
	for _, want := range []string{`"version": 2`, `"links": [`, `"type": "follows-from"`, `"probability": 88`, `"outcome": "came-true"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the file lacks %s", want)
		}
	}
	f, _, err := format.Decode(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	got := f.All()
	annotation.Sort(as)
	if !annotation.EqualAll(got, as) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, as)
	}
}

func TestVersion1StillReads(t *testing.T) {
	d, as := sample(t)
	var buf bytes.Buffer
	format.Encode(&buf, d, as, now)
	v1 := strings.Replace(buf.String(), `"version": 2`, `"version": 1`, 1)
	f, _, err := format.Decode(strings.NewReader(v1))
	if err != nil || len(f.All()) != 3 {
		t.Fatalf("a version 1 file: %v", err)
	}
}

func TestVersion2Refuses(t *testing.T) {
	as, encode := linkedSample(t)
	var buf bytes.Buffer
	encode(&buf)
	good := buf.String()
	claim := as[1].ID
	for _, tc := range []struct{ name, from, to, want string }{
		{"unknown to", `"to": "` + claim + `",
      "type": "supports"`, `"to": "nobody",
      "type": "supports"`, "links[0]: goes to nobody, which is not an annotation of this text"},
		{"unknown from", `"from": "` + as[2].ID + `"`, `"from": "nobody"`, "links[0]: from nobody, which is not an annotation"},
		{"misfit", `"type": "supports"`, `"type": "follows-from"`, "links[0]: evidence cannot follow from a claim"},
		{"unknown type", `"type": "supports"`, `"type": "causes"`, `links[0]: links.type: "causes" is not supports`},
		{"repeated id", `"id": "8a6e1f3c-5b1d-4c8e-9a3f-0d2b7c4e1a02"`, `"id": "8a6e1f3c-5b1d-4c8e-9a3f-0d2b7c4e1a01"`, "is another link's too"},
		{"unknown key", `"type": "supports",`, `"type": "supports", "weight": 1,`, `links[0]: unknown key "weight"`},
		{"to itself", `"to": "` + claim + `",
      "type": "supports"`, `"to": "` + as[2].ID + `",
      "type": "supports"`, "links the annotation to itself"},
		{"links in version 1", `"version": 2`, `"version": 1`, "version 1 files"},
		{"probability", `"probability": 88`, `"probability": 188`, "probability: 188 is not a percentage"},
		{"outcome", `"outcome": "came-true"`, `"outcome": "yes"`, `outcome: "yes" is not`},
		{"forecast on a claim", `"tag": "prediction"`, `"tag": "claim"`, "only a prediction has"},
	} {
		bad := strings.Replace(good, tc.from, tc.to, 1)
		if bad == good {
			t.Fatalf("%s: %q not in the file", tc.name, tc.from)
		}
		_, _, err := format.Decode(strings.NewReader(bad))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
