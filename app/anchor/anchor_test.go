package anchor_test

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/document"
)

// text has a title, curly quotes, an emoji (two UTF-16 units) and two
// paragraphs.
const text = "The “No Limits” 🐘 Title\n\nChina’s aid 🐘🐘 is limited.\n\nA second paragraph."

var now = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

func mustDoc(t testing.TB, s string) *document.Document {
	t.Helper()
	d, err := document.New(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestRunesIn(t *testing.T) {
	s := []rune("a🐘b")
	tests := []struct {
		units   int
		roundUp bool
		want    int
	}{
		{0, false, 0}, {1, false, 1}, {2, false, 1}, {2, true, 2}, {3, false, 2}, {4, false, 3}, {9, false, 3},
	}
	for _, tt := range tests {
		if got := anchor.RunesIn(s, tt.units, tt.roundUp); got != tt.want {
			t.Errorf("RunesIn(a🐘b, %d, %v) = %d, want %d", tt.units, tt.roundUp, got, tt.want)
		}
	}
	if got := anchor.UTF16Len(s); got != 4 {
		t.Errorf("UTF16Len = %d, want 4", got)
	}
}

// TestOffsetLocateRoundTrip checks every code point offset inside a block
// against the UTF-16 offset a browser would report for it.
func TestOffsetLocateRoundTrip(t *testing.T) {
	d := mustDoc(t, text)
	for i, b := range d.Blocks {
		units := 0
		for o := b.Start; o <= b.End; o++ {
			p := anchor.Point{Block: i, UTF16: units}
			if got := anchor.Offset(d, p, false); got != o {
				t.Errorf("Offset(%+v) = %d, want %d", p, got, o)
			}
			if got := anchor.Locate(d, o, o == b.End); got != p {
				t.Errorf("Locate(%d) = %+v, want %+v", o, got, p)
			}
			if o < b.End {
				units += len(utf16.Encode(d.Runes()[o : o+1]))
			}
		}
	}
}

func TestLocateBetweenBlocks(t *testing.T) {
	d := mustDoc(t, "One\n\nTwo")
	if got := anchor.Locate(d, 4, false); got != (anchor.Point{Block: 1}) {
		t.Errorf("start between blocks = %+v, want start of block 1", got)
	}
	if got := anchor.Locate(d, 4, true); got != (anchor.Point{Block: 0, UTF16: 3}) {
		t.Errorf("end between blocks = %+v, want end of block 0", got)
	}
	if got := anchor.Locate(d, 99, true); got != (anchor.Point{Block: 1, UTF16: 3}) {
		t.Errorf("past the end = %+v", got)
	}
}

func TestSelect(t *testing.T) {
	d := mustDoc(t, text)
	units := func(block int, before string) anchor.Point {
		b := d.Blocks[block].Text
		i := strings.Index(b, before)
		if i < 0 {
			t.Fatalf("%q not in block %d", before, block)
		}
		return anchor.Point{Block: block, UTF16: anchor.UTF16Len([]rune(b[:i]))}
	}
	after := func(block int, s string) anchor.Point {
		p := units(block, s)
		p.UTF16 += anchor.UTF16Len([]rune(s))
		return p
	}
	tests := []struct {
		name     string
		from, to anchor.Point
		want     string
	}{
		{"in the title, curly quotes", units(0, "“No"), after(0, "Limits”"), "“No Limits”"},
		{"emoji at both ends", units(1, "🐘🐘"), after(1, "🐘🐘"), "🐘🐘"},
		{"inside words snaps out", units(1, "ina’s"), after(1, "ai"), "China’s aid"},
		{"apostrophe word from its end", units(1, "s aid"), after(1, "aid"), "China’s aid"},
		{"backwards", after(1, "aid"), units(1, "China"), "China’s aid"},
		{"across paragraphs", units(1, "limited"), after(2, "A second"), "limited.\n\nA second"},
		{"from the title into the body", units(0, "Title"), after(1, "China’s"), "Title\n\nChina’s"},
		{"trailing space trimmed", units(1, "aid"), units(1, "🐘🐘"), "aid"},
		{"from before the document", anchor.Point{Block: -1}, after(0, "The"), "The"},
		{"to past its end", units(2, "paragraph"), anchor.Point{Block: 9}, "paragraph."},
		{"split surrogate pair grows", anchor.Point{Block: 1, UTF16: units(1, "🐘🐘").UTF16 + 1}, after(1, "🐘🐘"), "🐘🐘"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end, ok := anchor.Select(d, tt.from, tt.to)
			if !ok {
				t.Fatal("nothing selected")
			}
			if got := d.Slice(start, end); got != tt.want {
				t.Errorf("Select = %q, want %q", got, tt.want)
			}
		})
	}
	if _, _, ok := anchor.Select(d, after(1, "aid"), units(1, "🐘🐘")); ok {
		t.Error("a selection of white space selected something")
	}
}

func TestSnapToWords(t *testing.T) {
	tests := []struct {
		text       string
		start, end int
		want       string
	}{
		{"the China-Russia tie", 7, 12, "China-Russia"},
		{"state- and", 0, 3, "state"},
		{"2030 plans", 1, 2, "2030"},
		{"café au", 1, 3, "café"},
		{"  padded  ", 0, 10, "padded"},
		{"word", 0, 4, "word"},
		{"a, b", 1, 3, ","},
	}
	for _, tt := range tests {
		r := []rune(tt.text)
		s, e := anchor.SnapToWords(r, tt.start, tt.end)
		if got := string(r[s:e]); got != tt.want {
			t.Errorf("SnapToWords(%q, %d, %d) = %q, want %q", tt.text, tt.start, tt.end, got, tt.want)
		}
	}
}

func FuzzSelect(f *testing.F) {
	f.Add(text, 0, 3, 1, 5)
	f.Add("a🐘b\n\nc", 0, 1, 1, 1)
	f.Add("x", -4, 99, 7, -1)
	f.Fuzz(func(t *testing.T, src string, b1, u1, b2, u2 int) {
		d, err := document.New(src)
		if err != nil {
			return
		}
		start, end, ok := anchor.Select(d, anchor.Point{Block: b1, UTF16: u1}, anchor.Point{Block: b2, UTF16: u2})
		if start < 0 || end > d.Len() || start > end {
			t.Fatalf("Select gave %d:%d for a text of %d", start, end, d.Len())
		}
		if !ok {
			return
		}
		r := d.Runes()
		if unicode.IsSpace(r[start]) || unicode.IsSpace(r[end-1]) {
			t.Fatalf("selection %q has white space at an end", d.Slice(start, end))
		}
		if s, e := anchor.SnapToWords(r, start, end); s != start || e != end {
			t.Fatalf("snapping is not idempotent: %d:%d then %d:%d", start, end, s, e)
		}
	})
}
