package document_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimmark/claimmark/app/document"
)

func TestCanonical(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"CRLF", "a\r\nb\r\n", "a\nb\n"},
		{"lone CR", "a\rb", "a\nb"},
		{"NFC", "Cafe\u0301", "Café"},
		{"trailing space, tab and NBSP", "a \t\u00a0\nb  ", "a\nb"},
		{"leading space kept", "  a\n\u00a0b", "  a\n\u00a0b"},
		{"blank lines kept", "a\n\n\n\nb", "a\n\n\n\nb"},
		{"already canonical", "Post: “quotes” 🐘", "Post: “quotes” 🐘"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := document.Canonical(tt.in); got != tt.want {
				t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHash(t *testing.T) {
	// SHA-256 of "abc", from FIPS 180-2.
	if got := document.Hash("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("Hash(abc) = %s", got)
	}
	a, _ := document.New("Title\r\n\r\nBody \r\n")
	b, _ := document.New("Title\n\nBody\n")
	if a.SHA256 != b.SHA256 {
		t.Errorf("same canonical text, different hashes: %s %s", a.SHA256, b.SHA256)
	}
}

type block struct {
	kind document.Kind
	text string
}

func TestBlocks(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		title string
		want  []block
	}{
		{
			name:  "title, heading, paragraphs",
			in:    "A title\n\n\nA heading\n\nFirst paragraph, two lines.\nSecond line.\n\nLast one.",
			title: "A title",
			want: []block{
				{document.Title, "A title"},
				{document.Heading, "A heading"},
				{document.Paragraph, "First paragraph, two lines.\nSecond line."},
				{document.Paragraph, "Last one."},
			},
		},
		{
			name:  "long first line is no title",
			in:    strings.Repeat("word ", 30) + "end.\n\nNext.",
			title: strings.Repeat("word ", 12)[:59] + "…",
			want: []block{
				{document.Paragraph, strings.Repeat("word ", 30) + "end."},
				{document.Paragraph, "Next."},
			},
		},
		{
			name:  "first line of a paragraph is no title",
			in:    "Short\ncontinues here.",
			title: "Short continues here.",
			want:  []block{{document.Paragraph, "Short\ncontinues here."}},
		},
		{
			name:  "markdown heading, leading blank lines, indentation kept",
			in:    "\n\n# Notes\n\n   Indented text.\n",
			title: "Notes",
			want:  []block{{document.Title, "# Notes"}, {document.Paragraph, "   Indented text."}},
		},
		{
			name:  "a question is a heading, a sentence is not",
			in:    "T\n\nMight China’s Policy Change?\n\nIt did.",
			title: "T",
			want: []block{
				{document.Title, "T"},
				{document.Heading, "Might China’s Policy Change?"},
				{document.Paragraph, "It did."},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := document.New(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != tt.title {
				t.Errorf("title = %q, want %q", d.Title, tt.title)
			}
			var got []block
			for _, b := range d.Blocks {
				got = append(got, block{b.Kind, b.Text})
				if s := d.Slice(b.Start, b.End); s != b.Text {
					t.Errorf("block %q: Slice(%d, %d) = %q", b.Text, b.Start, b.End, s)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("blocks = %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("block %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestThePost(t *testing.T) {
	src, err := os.ReadFile("../../web/documents/post-374.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.FromFile("post-374.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Post #374: China’s Aid to Russia Under the “No Limits” Partnership" {
		t.Errorf("title = %q", d.Title)
	}
	var headings []string
	for _, b := range d.Blocks {
		if b.Kind == document.Heading {
			headings = append(headings, b.Text)
		}
	}
	want := []string{"No Limits” Has Limits", "US Concerns and China’s Response", "Might China’s Policy Change?"}
	if strings.Join(headings, "|") != strings.Join(want, "|") {
		t.Errorf("headings = %q, want %q", headings, want)
	}
	if len(d.Blocks) != 11 {
		t.Errorf("%d blocks, want 11", len(d.Blocks))
	}
}

func TestFromFileRejects(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"notes.pdf", []byte("%PDF"), "opens .txt, .md and .html files"},
		{"big.txt", make([]byte, document.MaxSize+1), "up to 5 MB"},
		{"nul.txt", []byte("a\x00b"), "not a UTF-8 text file"},
		{"latin1.txt", []byte("caf\xe9"), "not a UTF-8 text file"},
		{"blank.md", []byte(" \n\t\n"), "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := document.FromFile(tt.name, tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), tt.name) {
				t.Errorf("err = %v, want one naming %s that says %q", err, tt.name, tt.want)
			}
		})
	}
	if _, err := document.FromFile("blank.txt", []byte("\n")); !errors.Is(err, document.ErrEmpty) {
		t.Errorf("err = %v, want ErrEmpty", err)
	}
}

func TestBlockAt(t *testing.T) {
	d, _ := document.New("One\n\nTwo two\n\nThree")
	tests := []struct{ offset, want int }{
		{0, 0}, {2, 0}, {3, 1}, {4, 1}, {5, 1}, {11, 1}, {12, 2}, {14, 2}, {18, 2}, {19, -1},
	}
	for _, tt := range tests {
		if got := d.BlockAt(tt.offset); got != tt.want {
			t.Errorf("BlockAt(%d) = %d, want %d", tt.offset, got, tt.want)
		}
	}
}

func FuzzNew(f *testing.F) {
	for _, s := range []string{"", "a", "Title\r\n\r\nBody\u00a0 \n", "e\u0301\n\n🐘 x", "\xff\xfe", "\n\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, err := document.New(src)
		if err != nil {
			if !errors.Is(err, document.ErrEmpty) {
				t.Fatalf("New(%q): %v", src, err)
			}
			return
		}
		if document.Canonical(d.Text) != d.Text {
			t.Fatalf("Canonical is not idempotent on %q", d.Text)
		}
		if d.Len() != utf8.RuneCountInString(d.Text) {
			t.Fatalf("Len = %d, want %d", d.Len(), utf8.RuneCountInString(d.Text))
		}
		end := 0
		for _, b := range d.Blocks {
			if b.Start < end || b.Start >= b.End || b.End > d.Len() {
				t.Fatalf("block %+v out of order or range", b)
			}
			if d.Slice(b.Start, b.End) != b.Text {
				t.Fatalf("block text %q is not the slice", b.Text)
			}
			end = b.End
		}
		if len(d.Blocks) == 0 {
			t.Fatal("a non-empty text has no blocks")
		}
	})
}

func TestRuneOffset(t *testing.T) {
	// Long enough for several checkpoints, with code points of every width
	// across their boundaries.
	src := strings.Repeat("ab é 中 🐘 line\n", 2000)
	d, err := document.New(src)
	if err != nil {
		t.Fatal(err)
	}
	runes := 0
	for b := range d.Text {
		if got := d.RuneOffset(b); got != runes {
			t.Fatalf("RuneOffset(%d) = %d, want %d", b, got, runes)
		}
		if got := d.ByteOffset(runes); got != b {
			t.Fatalf("ByteOffset(%d) = %d, want %d", runes, got, b)
		}
		runes++
	}
	if got := d.RuneOffset(len(d.Text)); got != d.Len() {
		t.Fatalf("RuneOffset(end) = %d, want %d", got, d.Len())
	}
}

func TestOpening(t *testing.T) {
	d, err := document.New("Title\n\nFirst paragraph, ünïcode.\n\nSecond one.\n\nThird.")
	if err != nil {
		t.Fatal(err)
	}
	texts := func(bs []document.Block) []string {
		var out []string
		for _, b := range bs {
			out = append(out, b.Text)
		}
		return out
	}
	for _, tt := range []struct {
		chars int
		want  []string
	}{
		{1000, []string{"Title", "First paragraph, ünïcode.", "Second one.", "Third."}},
		{5 + 25 + 3, []string{"Title", "First paragraph, ünïcode.", "Sec"}},
		{12, []string{"Title", "First p"}},
		{0, nil},
	} {
		got := d.Opening(tt.chars)
		if !slices.Equal(texts(got), tt.want) {
			t.Errorf("Opening(%d) = %q, want %q", tt.chars, texts(got), tt.want)
		}
		if len(got) > 0 && got[0].Kind != document.Title {
			t.Errorf("Opening(%d) starts with a block of kind %v", tt.chars, got[0].Kind)
		}
	}
}

func TestSections(t *testing.T) {
	para := func(n int) string { return strings.Repeat("x", n) }
	for _, tt := range []struct {
		name  string
		paras []int // lengths, after a title of 5
		want  []int
	}{
		{"short text: one section", []int{100, 100}, []int{0}},
		{"filled exactly: the next block starts one", []int{document.SectionChars - 5, 10, 10}, []int{0, 2}},
		{"a long block has one of its own", []int{10, 3 * document.SectionChars, 10}, []int{0, 3}},
		{"many small blocks", slices.Repeat([]int{995}, 5), []int{0, 4}},
	} {
		text := "Title"
		for _, n := range tt.paras {
			text += "\n\n" + para(n)
		}
		d, err := document.New(text)
		if err != nil {
			t.Fatal(err)
		}
		got := d.Sections()
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Sections() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestSectionsCoverEveryBlock holds Sections to its promise on the post
// and on a long text: runs in order, none empty, each full but for the
// last, and none past full before its last block.
func TestSectionsCoverEveryBlock(t *testing.T) {
	post, err := os.ReadFile("../../web/documents/post-374.txt")
	if err != nil {
		t.Fatal(err)
	}
	var long strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&long, "Paragraph %d says %s.\n\n", i, strings.Repeat("more ", i%97))
	}
	for _, text := range []string{string(post), long.String()} {
		d, err := document.New(text)
		if err != nil {
			t.Fatal(err)
		}
		starts := d.Sections()
		if len(starts) == 0 || starts[0] != 0 {
			t.Fatalf("sections start at %v", starts)
		}
		for s, from := range starts {
			to := len(d.Blocks)
			if s+1 < len(starts) {
				to = starts[s+1]
			}
			if to <= from {
				t.Fatalf("section %d is empty: %d to %d", s, from, to)
			}
			chars := 0
			for _, b := range d.Blocks[from : to-1] {
				chars += b.End - b.Start
			}
			if chars >= document.SectionChars {
				t.Errorf("section %d holds %d code points before its last block", s, chars)
			}
			if last := d.Blocks[to-1]; s+1 < len(starts) && chars+last.End-last.Start < document.SectionChars {
				t.Errorf("section %d ends before it holds %d code points", s, document.SectionChars)
			}
		}
	}
}
