package format_test

import (
	"bytes"
	"encoding/json"
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
	if !strings.HasPrefix(out, "{\n  \"format\": \"claimmark\",\n  \"version\": 1,\n  \"document\": {") {
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
	if raw.Exported != "2026-11-27T11:00:00Z" {
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
		{"not JSON", "{", "[", "not claimmark JSON"},
		{"format", `"format": "claimmark"`, `"format": "other"`, `format: "other"`},
		{"version", `"version": 1`, `"version": 2`, "version: 2 is not supported"},
		{"hash", d.SHA256, strings.Repeat("0", 64), "document.sha256"},
		{"text not canonical", `title 🐘\n`, `title 🐘 \n`, "document.text: is not in canonical form"},
		{"tag", `"tag": "claim"`, `"tag": "clam"`, `annotations[1]: tag: "clam"`},
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
