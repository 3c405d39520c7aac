// Package document turns a source text into the canonical text that
// annotations point into, and splits it into the blocks the reader shows.
//
// The canonical text is the source with CRLF (and lone CR) turned into LF,
// Unicode NFC, and trailing white space removed from each line. A document's
// identity is the hex SHA-256 of its canonical text, so the same text opened
// twice finds the same annotations. Offsets count Unicode code points, as the
// W3C TextPositionSelector does.
package document

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxSize is the largest source, in bytes, that a reader can open.
const MaxSize = 5 << 20

// Title lines longer than this, in code points, are read as prose.
const maxTitleLen = 100

// Headings are short single-line blocks that do not end like a sentence.
const maxHeadingLen = 80

// Kind says how a block is shown.
type Kind int

const (
	Paragraph Kind = iota
	Title
	Heading
)

// Block is a run of non-blank lines. Start and End are code point offsets
// into the canonical text, End exclusive; Text is that span.
type Block struct {
	Kind       Kind
	Start, End int
	Text       string
	// Astral is set when the block has code points outside the Basic
	// Multilingual Plane, which count two UTF-16 units: without them,
	// UTF-16 offsets are code point offsets.
	Astral bool
}

// Document is a canonical text with its title and blocks.
type Document struct {
	Title  string
	Text   string
	SHA256 string
	Blocks []Block

	runes []rune
	// checkpoints hold, every checkpointEvery bytes, the byte and code
	// point offsets of the first code point at or after that byte.
	checkpoints []checkpoint
}

type checkpoint struct{ byteOffset, runeOffset int }

const checkpointEvery = 256

// ErrEmpty is returned for a source with nothing but white space.
var ErrEmpty = errors.New("the text is empty")

// Canonical returns the canonical form of source.
func Canonical(source string) string {
	s := strings.ReplaceAll(source, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = norm.NFC.String(s)
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRightFunc(line, unicode.IsSpace)
	}
	return strings.Join(lines, "\n")
}

// Hash returns the identity of a canonical text.
func Hash(canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	return hex.EncodeToString(sum[:])
}

// New canonicalizes source and splits it into blocks. A source that is not
// valid UTF-8 has its bad bytes replaced by U+FFFD.
func New(source string) (*Document, error) {
	text := Canonical(strings.ToValidUTF8(source, "\uFFFD"))
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmpty
	}
	d := &Document{Text: text, SHA256: Hash(text), runes: []rune(text)}
	d.checkpoints = checkpoints(text)
	d.Blocks = split(text)
	d.Title = title(d.Blocks)
	return d, nil
}

// FromFile checks that data, read from the file called name, is a text the
// reader can open, and returns it as a document.
func FromFile(name string, data []byte) (*Document, error) {
	var toText func([]byte) (string, error)
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".txt", ".text":
	case ".md", ".markdown":
		toText = TextOfMarkdown
	case ".html", ".htm":
		toText = TextOfHTML
	default:
		return nil, fmt.Errorf("%s: claimmark opens .txt, .md and .html files, not %q", name, ext)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%s: the file is %.1f MB; claimmark opens texts up to 5 MB", name, float64(len(data))/(1<<20))
	}
	if !utf8.Valid(data) || strings.ContainsRune(string(data), 0) {
		return nil, fmt.Errorf("%s: this is not a UTF-8 text file", name)
	}
	if toText != nil {
		text, err := toText(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		data = []byte(text)
	}
	d, err := New(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

// Len is the length of the text in code points.
func (d *Document) Len() int { return len(d.runes) }

// Runes returns the text as code points. The caller must not change it.
func (d *Document) Runes() []rune { return d.runes }

// HasAt reports whether the text from code point start on is s, without
// copying either.
func (d *Document) HasAt(start int, s string) bool {
	i := start
	for _, r := range s {
		if i >= len(d.runes) || d.runes[i] != r {
			return false
		}
		i++
	}
	return true
}

// Slice returns the text between two code point offsets.
func (d *Document) Slice(start, end int) string { return string(d.runes[start:end]) }

// RuneOffset returns the code point offset of a byte offset of Text that
// starts a code point, counting from the nearest checkpoint before it.
func (d *Document) RuneOffset(byteOffset int) int {
	k := byteOffset / checkpointEvery
	if k >= len(d.checkpoints) || d.checkpoints[k].byteOffset > byteOffset {
		k--
	}
	c := d.checkpoints[k]
	return c.runeOffset + utf8.RuneCountInString(d.Text[c.byteOffset:byteOffset])
}

// ByteOffset returns the byte offset in Text of a code point offset.
func (d *Document) ByteOffset(runeOffset int) int {
	k := sort.Search(len(d.checkpoints), func(i int) bool { return d.checkpoints[i].runeOffset > runeOffset }) - 1
	c := d.checkpoints[k]
	b := c.byteOffset
	for n := c.runeOffset; n < runeOffset && b < len(d.Text); n++ {
		_, size := utf8.DecodeRuneInString(d.Text[b:])
		b += size
	}
	return b
}

func checkpoints(text string) []checkpoint {
	cps := []checkpoint{{0, 0}}
	runes, from := 0, 0
	for next := checkpointEvery; next < len(text); next += checkpointEvery {
		at := next
		for at < len(text) && !utf8.RuneStart(text[at]) {
			at++
		}
		runes += utf8.RuneCountInString(text[from:at])
		cps = append(cps, checkpoint{at, runes})
		from = at
	}
	return cps
}

// Opening is the text's first blocks, up to chars code points in all:
// what a screen shows of it first. A block longer than what is left is
// cut, so a text of one long paragraph gives its start.
func (d *Document) Opening(chars int) []Block {
	var out []Block
	for _, b := range d.Blocks {
		if chars <= 0 {
			break
		}
		if n := b.End - b.Start; n > chars {
			b.Text, b.End = string([]rune(b.Text)[:chars]), b.Start+chars
		}
		chars -= b.End - b.Start
		out = append(out, b)
	}
	return out
}

// SectionChars is about how many code points a section holds.
const SectionChars = 2000

// Sections groups the blocks into runs of about SectionChars code points
// and returns the index of each run's first block. The reader shows a run
// as one element, so that the browser skips what is off screen a run at a
// time: block by block, its checks on each frame went over every block of
// a long text. A run ends after the block that fills it, so a long block
// has a run of its own.
func (d *Document) Sections() []int {
	var starts []int
	chars := SectionChars
	for i, b := range d.Blocks {
		if chars >= SectionChars {
			starts = append(starts, i)
			chars = 0
		}
		chars += b.End - b.Start
	}
	return starts
}

// BlockAt returns the index of the block that holds offset, or of the
// nearest block after it when offset falls between blocks (-1 past the last).
func (d *Document) BlockAt(offset int) int {
	lo, hi := 0, len(d.Blocks)
	for lo < hi {
		mid := (lo + hi) / 2
		if d.Blocks[mid].End <= offset {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == len(d.Blocks) {
		return -1
	}
	return lo
}

// split finds the blocks of text, walking it line by line and counting
// code points as it goes.
func split(text string) []Block {
	var blocks []Block
	blockStart, lines := -1, 0
	var blockByte, blockEndByte int
	offset, blockEnd := 0, 0 // in code points
	flush := func() {
		if blockStart >= 0 {
			t := text[blockByte:blockEndByte]
			kind := Paragraph
			if lines == 1 && isHeading(t) {
				kind = Heading
			}
			astral := strings.IndexFunc(t, func(r rune) bool { return r > 0xFFFF }) >= 0
			blocks = append(blocks, Block{Kind: kind, Start: blockStart, End: blockEnd, Text: t, Astral: astral})
		}
		blockStart, lines = -1, 0
	}
	for pos := 0; pos <= len(text); {
		n := strings.IndexByte(text[pos:], '\n')
		if n < 0 {
			n = len(text) - pos
		}
		line := text[pos : pos+n]
		count := utf8.RuneCountInString(line)
		if strings.TrimSpace(line) == "" {
			flush()
		} else {
			if blockStart < 0 {
				blockStart, blockByte = offset, pos
			}
			blockEnd, blockEndByte = offset+count, pos+n
			lines++
		}
		offset += count + 1
		pos += n + 1
	}
	flush()
	return blocks
}

func isHeading(line string) bool {
	s := strings.TrimSpace(line)
	if strings.HasPrefix(s, "#") {
		return true
	}
	if isListItem(s) || utf8.RuneCountInString(s) > maxHeadingLen {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".,;:", last)
}

// isListItem says whether a line starts with a bullet or a number, as a
// list item does in Markdown and in the text of an HTML list.
func isListItem(s string) bool {
	for _, bullet := range []string{"• ", "- ", "* ", "+ "} {
		if strings.HasPrefix(s, bullet) {
			return true
		}
	}
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	return digits > 0 && digits < 10 && (strings.HasPrefix(s[digits:], ". ") || strings.HasPrefix(s[digits:], ") "))
}

// title makes a lone short first line the title; otherwise the title is the
// start of the text, for file names and lists.
func title(blocks []Block) string {
	first := &blocks[0]
	line := strings.TrimSpace(first.Text)
	if !strings.Contains(line, "\n") && utf8.RuneCountInString(line) <= maxTitleLen {
		first.Kind = Title
		return strings.TrimLeft(line, "# ")
	}
	words := strings.Fields(first.Text)
	var b strings.Builder
	for _, w := range words {
		if b.Len()+len(w) > 60 {
			b.WriteString("…")
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}
