// Package annotation is claimmark's annotation model: a tagged span of a
// document's canonical text, anchored both by position and by quote, as the
// W3C TextPositionSelector and TextQuoteSelector do.
package annotation

import (
	"cmp"
	"crypto/rand"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/internal/order"
)

// Tag is what a passage does in the argument.
type Tag string

const (
	Claim      Tag = "claim"
	Evidence   Tag = "evidence"
	Prediction Tag = "prediction"
)

// Tags lists every tag in the order the reader sees them.
var Tags = []Tag{Claim, Evidence, Prediction}

// Valid reports whether t is one of Tags.
func (t Tag) Valid() bool { return slices.Contains(Tags, t) }

// Label is the tag as a button shows it.
func (t Tag) Label() string {
	switch t {
	case Claim:
		return "Claim"
	case Evidence:
		return "Evidence"
	case Prediction:
		return "Prediction"
	}
	return string(t)
}

// ContextLen is how many code points of context Prefix and Suffix keep.
const ContextLen = 32

// Annotation tags the code points Start to End (exclusive) of a document.
// An annotation that could not be found again in a changed text is
// unplaced: Start and End are -1, and its quote, prefix and suffix say
// what it was about until the reader attaches it again.
type Annotation struct {
	ID       string    `json:"id"`
	Tag      Tag       `json:"tag"`
	Start    int       `json:"start"`
	End      int       `json:"end"`
	Exact    string    `json:"exact"`
	Prefix   string    `json:"prefix"`
	Suffix   string    `json:"suffix"`
	Note     string    `json:"note"`
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`
	// Foreign is the id the annotation has in the tool it was imported
	// from (a W3C IRI, a Hypothesis annotation's address), written back on
	// export so that the tool finds its own annotation again.
	Foreign string `json:"foreign_id,omitempty"`
	// Links go from this annotation to others of its text. Files list
	// them apart from the annotations, so encoding/json leaves them out.
	Links []Link `json:"-"`
	Forecast
}

// Equal reports whether a and b are the same in every field.
func (a *Annotation) Equal(b *Annotation) bool {
	return a.ID == b.ID && a.Tag == b.Tag && a.Start == b.Start && a.End == b.End &&
		a.Exact == b.Exact && a.Prefix == b.Prefix && a.Suffix == b.Suffix && a.Note == b.Note &&
		a.Created.Equal(b.Created) && a.Modified.Equal(b.Modified) && a.Foreign == b.Foreign &&
		slices.Equal(a.Links, b.Links) && a.Forecast.Equal(b.Forecast)
}

// New returns an annotation of d's text from start to end with a fresh id.
// Times are kept in UTC to the millisecond, as they are written.
func New(d *document.Document, tag Tag, start, end int, now time.Time) Annotation {
	now = Timestamp(now)
	text := d.Runes()
	return Annotation{
		ID:       NewID(),
		Tag:      tag,
		Start:    start,
		End:      end,
		Exact:    string(text[start:end]),
		Prefix:   string(text[max(0, start-ContextLen):start]),
		Suffix:   string(text[end:min(len(text), end+ContextLen)]),
		Created:  now,
		Modified: now,
	}
}

// MovedTo is a with the span start to end of d as its place, its quote
// and context taken from there, and all else kept.
func (a Annotation) MovedTo(d *document.Document, start, end int) Annotation {
	at := New(d, a.Tag, start, end, a.Created)
	a.Start, a.End, a.Exact, a.Prefix, a.Suffix = at.Start, at.End, at.Exact, at.Prefix, at.Suffix
	return a
}

// Timestamp is t as annotations store it.
func Timestamp(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

// NewID returns a random (version 4) UUID.
func NewID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// FieldError says which field of an annotation is wrong and why.
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// The limits every annotation and every text hold, however they were made:
// typed, imported from any format, restored, handed in or merged. A file
// that breaks them is refused, so that whatever claimmark writes it can
// read back.
const (
	MaxNoteLen = 10000 // code points
	MaxPerText = 20000 // annotations, placed and unplaced
	// MaxForeignLen is the longest id from another tool kept: a long
	// address.
	MaxForeignLen = 2048 // bytes
)

// CheckNote checks a note against MaxNoteLen.
func CheckNote(note string) error {
	if len(note) <= MaxNoteLen {
		return nil // fewer bytes than the limit is fewer code points
	}
	if n := utf8.RuneCountInString(note); n > MaxNoteLen {
		return &FieldError{"note", fmt.Sprintf("%d characters; a note holds up to %d", n, MaxNoteLen)}
	}
	return nil
}

// CheckCount checks how many annotations a text would have against
// MaxPerText.
func CheckCount(n int) error {
	if n > MaxPerText {
		return fmt.Errorf("%d annotations; a text holds up to %d", n, MaxPerText)
	}
	return nil
}

// Unplaced is the position of an unplaced annotation.
const Unplaced = -1

// Placed reports whether a has a place in its document's text.
func (a *Annotation) Placed() bool { return a.Start != Unplaced || a.End != Unplaced }

// Validate checks a against the document text it claims to annotate.
func (a *Annotation) Validate(d *document.Document) error {
	switch {
	case a.ID == "":
		return &FieldError{"id", "is empty"}
	case hasControl(a.ID):
		// Storage keeps ids as keys, in lines of text.
		return &FieldError{"id", fmt.Sprintf("%q holds a control character", Shorten(a.ID, 40))}
	case !a.Tag.Valid():
		return &FieldError{"tag", fmt.Sprintf("%q is not claim, evidence or prediction", a.Tag)}
	case a.Created.IsZero():
		return &FieldError{"created", "is missing"}
	case a.Modified.IsZero():
		return &FieldError{"modified", "is missing"}
	case CheckNote(a.Note) != nil:
		return CheckNote(a.Note)
	case len(a.Foreign) > MaxForeignLen:
		return &FieldError{"foreign_id", fmt.Sprintf("is %d bytes long; an id from another tool holds up to %d", len(a.Foreign), MaxForeignLen)}
	case hasControl(a.Foreign):
		return &FieldError{"foreign_id", fmt.Sprintf("%q holds a control character", Shorten(a.Foreign, 40))}
	case a.Tag != Prediction && !a.Forecast.IsZero():
		return &FieldError{"by", "only a prediction has a due date, probability or outcome"}
	case a.Forecast.Check() != nil:
		return a.Forecast.Check()
	case a.checkLinks() != nil:
		return a.checkLinks()
	case !a.Placed():
		if a.Exact == "" {
			return &FieldError{"exact", "is empty, and an unplaced annotation needs its quote"}
		}
	case a.Start < 0:
		return &FieldError{"start", fmt.Sprintf("%d is negative", a.Start)}
	case a.Start >= a.End:
		return &FieldError{"end", fmt.Sprintf("%d is not after start %d", a.End, a.Start)}
	case a.End > d.Len():
		return &FieldError{"end", fmt.Sprintf("%d is past the end of the text (%d code points)", a.End, d.Len())}
	case utf8.RuneCountInString(a.Exact) != a.End-a.Start || !d.HasAt(a.Start, a.Exact):
		return &FieldError{"exact", fmt.Sprintf("%q is not the text at %d:%d", Shorten(a.Exact, 40), a.Start, a.End)}
	}
	return nil
}

func (a *Annotation) checkLinks() error {
	for i := range a.Links {
		if err := a.Links[i].Check(a.ID); err != nil {
			return err
		}
	}
	return nil
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 && strings.ContainsFunc(s[i:], unicode.IsControl) {
			return true
		}
	}
	return false
}

// Compare orders annotations as they appear in the document: by start, the
// longer first when two start together, then by creation.
func Compare(a, b Annotation) int { return compare(&a, &b) }

func compare(a, b *Annotation) int {
	// Each test only when the ones before tie: sorting 20,000 compares
	// often, and cmp.Or would compare the ids every time.
	switch {
	case a.Start != b.Start:
		return cmp.Compare(a.Start, b.Start)
	case a.End != b.End:
		return cmp.Compare(b.End, a.End)
	case !a.Created.Equal(b.Created):
		return a.Created.Compare(b.Created)
	}
	return cmp.Compare(a.ID, b.ID)
}

// Search finds key's place in as, in document order, by halving; found
// says whether the annotation there is key's, by its id.
func Search(as []Annotation, key *Annotation) (i int, found bool) {
	i = sort.Search(len(as), func(j int) bool { return compare(&as[j], key) >= 0 })
	return i, i < len(as) && as[i].ID == key.ID
}

// Sort puts annotations in document order.
func Sort(as []Annotation) {
	order.Sort(as, Compare)
}

// SortAdded puts as in document order when all but its last added ones
// are in it already: each of those is moved into its place, found by
// halving, which after a passage tagged among thousands is far quicker
// than sorting them all again.
func SortAdded(as []Annotation, added int) {
	n := len(as) - added
	if n < 0 || added > 16 {
		Sort(as)
		return
	}
	for i := 1; i < n; i++ {
		if compare(&as[i-1], &as[i]) > 0 {
			Sort(as)
			return
		}
	}
	for i := n; i < len(as); i++ {
		x := as[i]
		at := sort.Search(i, func(j int) bool { return compare(&as[j], &x) > 0 })
		copy(as[at+1:i+1], as[at:i])
		as[at] = x
	}
}

// Shorten cuts s to at most about n code points by dropping its middle
// for an ellipsis, at word boundaries: a word is cut only when it alone
// is longer than half of n.
func Shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	head, tail := (n-1)/2, n-1-(n-1)/2
	h := head
	for h > 0 && !unicode.IsSpace(r[h]) {
		h--
	}
	t := len(r) - tail
	for t < len(r) && !unicode.IsSpace(r[t-1]) {
		t++
	}
	left, right := string(r[:head]), string(r[len(r)-tail:])
	if h > 0 {
		left = strings.TrimRightFunc(string(r[:h]), unicode.IsSpace) + " "
	}
	if t < len(r) {
		right = " " + strings.TrimLeftFunc(string(r[t:]), unicode.IsSpace)
	}
	return left + "…" + right
}

// EqualAll reports whether a and b hold equal annotations in the same
// order.
func EqualAll(a, b []Annotation) bool {
	return slices.EqualFunc(a, b, func(x, y Annotation) bool { return x.Equal(&y) })
}

// CountTags counts the placed annotations of each tag.
func CountTags(as []Annotation) (claims, evidence, predictions int) {
	for i := range as {
		a := &as[i]
		switch {
		case !a.Placed():
		case a.Tag == Claim:
			claims++
		case a.Tag == Evidence:
			evidence++
		case a.Tag == Prediction:
			predictions++
		}
	}
	return claims, evidence, predictions
}
