package anchor_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

// The corpus in testdata/reanchor: each file has a comment, then sections
// "-- original --", "-- edited --" and "-- expect --". Each expect line is
// "QUOTE => PLACE": an annotation is made on QUOTE in the original and must
// be placed on PLACE in the edited text, or be orphaned when PLACE is
// "orphan". "#N " before a quote or place picks its Nth occurrence.

type reanchorCase struct {
	original, edited string
	expect           []string
}

func readCase(t *testing.T, path string) reanchorCase {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]string{}
	var name string
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if s, ok := strings.CutPrefix(strings.TrimSpace(line), "-- "); ok && strings.HasSuffix(s, " --") {
			name = strings.TrimSuffix(s, " --")
			continue
		}
		if name != "" {
			sections[name] += line
		}
	}
	c := reanchorCase{original: sections["original"], edited: sections["edited"]}
	for _, line := range strings.Split(strings.TrimSpace(sections["expect"]), "\n") {
		c.expect = append(c.expect, line)
	}
	if c.original == "" || c.edited == "" || len(c.expect) == 0 {
		t.Fatalf("%s: needs original, edited and expect sections", path)
	}
	return c
}

// nth finds the code point span of the nth occurrence ("#N phrase") of a
// phrase in d.
func nth(t *testing.T, d *document.Document, spec string) (int, int) {
	t.Helper()
	n := 1
	if rest, ok := strings.CutPrefix(spec, "#"); ok {
		num, phrase, _ := strings.Cut(rest, " ")
		n, _ = strconv.Atoi(num)
		spec = phrase
	}
	from := 0
	for i := 1; ; i++ {
		j := strings.Index(d.Text[from:], spec)
		if j < 0 {
			t.Fatalf("occurrence %d of %q not found", n, spec)
		}
		if i == n {
			start := len([]rune(d.Text[:from+j]))
			return start, start + len([]rune(spec))
		}
		from += j + 1
	}
}

func TestReanchorCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/reanchor/*.txt")
	if len(files) < 7 {
		t.Fatalf("the corpus has %d cases", len(files))
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			c := readCase(t, file)
			original := mustDoc(t, c.original)
			edited := mustDoc(t, c.edited)
			for _, line := range c.expect {
				from, to, ok := strings.Cut(line, " => ")
				if !ok {
					t.Fatalf("bad expect line %q", line)
				}
				start, end := nth(t, original, from)
				a := annotation.New(original, annotation.Claim, start, end, now)
				p := anchor.Place(edited, anchor.Quote{Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix, Start: a.Start, End: a.End})
				if to == "orphan" {
					if p.Method != anchor.Orphaned {
						t.Errorf("%q: placed on %q by %v (score %.2f), want an orphan", from, edited.Slice(p.Start, p.End), p.Method, p.Score)
					} else if p.Reason == "" {
						t.Errorf("%q: orphaned with no reason", from)
					}
					continue
				}
				wantStart, wantEnd := nth(t, edited, to)
				if p.Method == anchor.Orphaned {
					t.Errorf("%q: orphaned (%s), want %q at %d", from, p.Reason, to, wantStart)
					continue
				}
				if p.Start != wantStart || p.End != wantEnd {
					t.Errorf("%q: placed on %q at %d:%d by %v, want %q at %d:%d",
						from, edited.Slice(p.Start, p.End), p.Start, p.End, p.Method, to, wantStart, wantEnd)
				}
			}
		})
	}
}

func TestPlaceMethods(t *testing.T) {
	d := mustDoc(t, "one two three two one")
	tests := []struct {
		q    anchor.Quote
		want anchor.Method
	}{
		{anchor.Quote{Exact: "three", Start: 8, End: 13}, anchor.ByPosition},
		{anchor.Quote{Exact: "three", Start: 0, End: 5}, anchor.ByQuote},
		{anchor.Quote{Start: 4, End: 7}, anchor.ByPosition},
		{anchor.Quote{Start: 40, End: 47}, anchor.Orphaned},
		{anchor.Quote{Exact: "two", Start: -1, End: -1}, anchor.Orphaned}, // twice, nothing to tell them apart
		{anchor.Quote{Exact: "two", Start: 15, End: 18}, anchor.ByQuote},  // the nearer one
		{anchor.Quote{Exact: "four", Start: -1, End: -1}, anchor.Orphaned},
		// Made on a far longer text: its old place is past this one's end.
		{anchor.Quote{Exact: "a quote from elsewhere", Start: 10_000, End: 10_022}, anchor.Orphaned},
		{anchor.Quote{Exact: "three two", Start: 10_000, End: 10_009}, anchor.ByQuote},
	}
	for _, tt := range tests {
		p := anchor.Place(d, tt.q)
		if p.Method != tt.want {
			t.Errorf("Place(%+v) = %+v, want %v", tt.q, p, tt.want)
		}
	}
	if p := anchor.Place(d, anchor.Quote{Exact: "two", Start: 15, End: 18}); p.Start != 14 {
		t.Errorf("tie broken towards %d, want the occurrence at 14", p.Start)
	}
}

func FuzzPlace(f *testing.F) {
	f.Add("one two three two one", "two", "one ", " three", 4, 7)
	f.Add("Officials said that no limits apply.", "no limits aply", "said that ", ".", -1, -1)
	f.Add("🐘🐘 x", "🐘", "", "🐘", 0, 1)
	f.Add("short text", "a longer quote not here", "", "", 9000, 9023)
	f.Fuzz(func(t *testing.T, text, exact, prefix, suffix string, start, end int) {
		d, err := document.New(text)
		if err != nil || len(exact) > 300 {
			return
		}
		p := anchor.Place(d, anchor.Quote{Exact: exact, Prefix: prefix, Suffix: suffix, Start: start, End: end})
		switch p.Method {
		case anchor.Orphaned:
			if p.Reason == "" {
				t.Fatal("an orphan with no reason")
			}
		case anchor.ByQuote:
			if d.Slice(p.Start, p.End) != strings.ToValidUTF8(exact, "\uFFFD") {
				t.Fatalf("placed by quote on %q, not %q", d.Slice(p.Start, p.End), exact)
			}
		default:
			if p.Start < 0 || p.End > d.Len() || p.Start >= p.End {
				t.Fatalf("placement %+v out of range", p)
			}
		}
	})
}

func TestPlaceAll(t *testing.T) {
	original := mustDoc(t, "Keep this claim. Drop this sentence entirely. Keep that one too.")
	edited := mustDoc(t, "New start. Keep this claim. Keep that one too.")
	at := func(s string) (int, int) { return nth(t, original, s) }
	s1, e1 := at("Keep this claim.")
	s2, e2 := at("Drop this sentence entirely.")
	as := []annotation.Annotation{
		annotation.New(original, annotation.Claim, s1, e1, now),
		annotation.New(original, annotation.Evidence, s2, e2, now),
	}
	as[0].Note = "kept"
	placed, places := anchor.PlaceAll(edited, as, false)
	if places[0].Method != anchor.ByQuote || placed[0].Start != 11 || placed[0].Note != "kept" || placed[0].ID != as[0].ID {
		t.Errorf("first = %+v by %v", placed[0], places[0].Method)
	}
	if err := placed[0].Validate(edited); err != nil {
		t.Errorf("placed annotation is not valid in the edited text: %v", err)
	}
	if placed[1].Placed() || placed[1].Exact != as[1].Exact || places[1].Reason == "" {
		t.Errorf("second = %+v, %+v; want unplaced with its quote and a reason", placed[1], places[1])
	}
	// A position with no quote is trusted only on the same text.
	bare := annotation.Annotation{ID: "x", Tag: annotation.Claim, Start: 0, End: 4, Created: now, Modified: now}
	if _, p := anchor.PlaceOne(edited, bare, false); p.Method != anchor.Orphaned {
		t.Errorf("a bare position on another text was placed: %+v", p)
	}
	if got, p := anchor.PlaceOne(edited, bare, true); p.Method != anchor.ByPosition || got.Exact != "New " {
		t.Errorf("a bare position on the same text: %+v %+v", got, p)
	}
}
