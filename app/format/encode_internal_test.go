package format

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

// reference is what encoding/json writes for f, with times to the
// millisecond as every claimmark export writes them, which appendFile
// must match byte for byte.
func reference(t testing.TB, f *File) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		t.Fatal(err)
	}
	return rfc3339Time.ReplaceAllFunc(buf.Bytes(), func(m []byte) []byte {
		tm, err := time.Parse(time.RFC3339, string(m[1:len(m)-1]))
		if err != nil {
			t.Fatal(err)
		}
		return []byte(`"` + tm.UTC().Format(timeFormat) + `"`)
	})
}

var rfc3339Time = regexp.MustCompile(`"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"`)

func testFile(text string) *File {
	now := time.Date(2026, 11, 27, 10, 0, 0, 123000000, time.UTC)
	a := annotation.Annotation{ID: "id", Tag: annotation.Claim, Start: 1, End: 2, Exact: text, Prefix: "<p>", Suffix: text, Note: text, Created: now, Modified: now.Add(time.Second)}
	p := a
	p.Forecast = annotation.Forecast{By: text, Probability: annotation.Percent(0), Outcome: annotation.CannotTell, OutcomeDate: "2027-01-01", OutcomeNote: text}
	q := a
	q.Forecast = annotation.Forecast{Probability: annotation.Percent(88)}
	return &File{
		Format: Name, Version: Version,
		Document:    FileDocument{Title: text, Text: "a\nb", SHA256: "00"},
		Annotations: []annotation.Annotation{a, p, q},
		Unplaced:    []UnplacedAnnotation{unplacedOf(a), unplacedOf(p)},
		Links:       []FileLink{{ID: text, From: "id", To: text, Type: annotation.Supports, Created: now}, {ID: "2", From: "id", To: "3", Type: annotation.FollowsFrom, Created: now}},
		Exported:    now.Truncate(time.Second),
	}
}

func TestAppendFileMatchesEncodingJSON(t *testing.T) {
	for _, text := range []string{"", "plain", "“curly” 🐘", "quote \" backslash \\ slash /", "\b\f\n\r\t\x00\x1f\x7f", "\u2028\u2029", "bad \xff\xfe utf-8", "<script>&amp;</script>"} {
		f := testFile(text)
		if got, want := appendFile(nil, f), reference(t, f); !bytes.Equal(got, want) {
			t.Errorf("text %q:\n got %s\nwant %s", text, got, want)
		}
	}
	empty := testFile("x")
	empty.Annotations, empty.Unplaced, empty.Links = []annotation.Annotation{}, nil, nil
	if got, want := appendFile(nil, empty), reference(t, empty); !bytes.Equal(got, want) {
		t.Errorf("no annotations:\n got %s\nwant %s", got, want)
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a", "\"\\", "\x00\u2028", "\xff", "🐘"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s) // escapes <, >, & too
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		want = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got := AppendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("AppendJSONString(%q) = %s, want %s", s, got, want)
		}
		// And the parser reads it back as encoding/json does.
		var viaStd string
		json.Unmarshal(want, &viaStd)
		p := &parser{data: want}
		got, err := p.str()
		if err != nil || got != viaStd {
			t.Fatalf("parser read %s as %q (%v), encoding/json as %q", want, got, err, viaStd)
		}
	})
}

// FuzzParseJSON checks the parser against encoding/json: what one accepts
// the other does, save repeated keys, which only this parser refuses.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":1,"b":[true,false,null,"x"]}`, `{"a":1,"A":2}`, `[1e5,-0.5,"\u00e9\ud83d\udc18"]`, `{"a":`, `01`, `"\x01"`, `[1,]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := parseJSON(data)
		valid := json.Valid(data)
		if err == nil && !valid {
			t.Fatalf("parser accepted invalid JSON %q", data)
		}
		if err != nil && valid && !bytes.Contains([]byte(err.Error()), []byte("appears twice")) &&
			!bytes.Contains([]byte(err.Error()), []byte("differ only in case")) &&
			!bytes.Contains([]byte(err.Error()), []byte("nested more than")) {
			t.Fatalf("parser refused valid JSON %q: %v", data, err)
		}
	})
}

// TestAppendTimeIsTimeFormat holds the hand-made time formatting to the
// standard library's.
func TestAppendTimeIsTimeFormat(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2026, 12, 4, 9, 5, 7, 123456789, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2024, 2, 29, 23, 30, 0, 5e6, time.FixedZone("", -7*3600)),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Unix(0, 0),
	} {
		want := tm.UTC().Format(timeFormat)
		if got := string(appendTime([]byte("x"), tm)); got != "x"+want {
			t.Errorf("appendTime(%v) = %q, want %q", tm, got, "x"+want)
		}
	}
}

// skipBrackets finds the end of an object or array as skipValue does,
// and gives up, leaving the position, where the brackets do not close.
func TestSkipBrackets(t *testing.T) {
	for _, tt := range []struct {
		in  string
		end int // -1: not closed
	}{
		{`{"a": "}", "b": [1, {"c": "\"]"}]} tail`, 34},
		{`[] ,`, 2},
		{`{"a": "\\"} }`, 11},
		{`{"a": [}`, -1},
		{`"a"`, -1},
		{`{"a": "}`, -1},
		{``, -1},
	} {
		p := &parser{data: []byte(tt.in)}
		ok := p.skipBrackets()
		if got := map[bool]int{true: p.pos, false: -1}[ok]; got != tt.end || !ok && p.pos != 0 {
			t.Errorf("%q: end %d (pos %d), want %d", tt.in, got, p.pos, tt.end)
		}
		if q := (&parser{data: []byte(tt.in)}); ok && (q.skipValue() != nil || q.pos != p.pos) {
			t.Errorf("%q: skipValue ends at %d, skipBrackets at %d", tt.in, q.pos, p.pos)
		}
	}
}
