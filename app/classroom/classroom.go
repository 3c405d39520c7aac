// Package classroom runs an exercise on files: a teacher's handout, the
// submissions students hand in for it, and the report that compares
// them, as the app shows it and `claimmark grade` prints it.
package classroom

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/claimmark/claimmark/app/agreement"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
)

// File is a file as read, by name.
type File struct {
	Name string
	Data []byte
}

// Rejected is a file that could not be taken, and why.
type Rejected struct {
	Name, Reason string
}

// Gather reads submissions for h. A file that is not a submission, or is
// one for another handout or text, is rejected with the reason; so is an
// earlier submission by a student who handed in again. The rest are
// returned by student name.
func Gather(h *format.Handout, files []File) ([]*format.Submission, []Rejected) {
	var subs []*format.Submission
	var names []string
	var rejected []Rejected
	id := h.ID()
	for _, f := range files {
		s, err := format.DecodeSubmissionOf(bytes.NewReader(f.Data), h.Doc)
		switch {
		case err != nil:
			rejected = append(rejected, Rejected{f.Name, err.Error()})
			continue
		case s.Handout != id:
			rejected = append(rejected, Rejected{f.Name, fmt.Sprintf("it was handed in for another handout (%.12s…, not %.12s…)", s.Handout, id)})
			continue
		case s.Doc.SHA256 != h.Doc.SHA256:
			rejected = append(rejected, Rejected{f.Name, "its text is not the handout's"})
			continue
		}
		key := NameKey(s.Student)
		if i := slices.IndexFunc(subs, func(o *format.Submission) bool { return NameKey(o.Student) == key }); i >= 0 {
			older, olderName := subs[i], names[i]
			if s.HandedIn.Before(older.HandedIn) {
				older, olderName = s, f.Name
			} else {
				subs[i], names[i] = s, f.Name
			}
			rejected = append(rejected, Rejected{olderName, fmt.Sprintf("%s handed in again later", older.Student)})
			continue
		}
		subs = append(subs, s)
		names = append(names, f.Name)
	}
	slices.SortStableFunc(subs, func(a, b *format.Submission) int { return cmp.Compare(NameKey(a.Student), NameKey(b.Student)) })
	return subs, rejected
}

// NameKey is what two names must share to be one student's: their NFC
// form, trimmed, with runs of white space as one space, case folded. "Ana
// Lima", "ana  lima" and "Ana Lima " are one student, shown as they last
// wrote it.
func NameKey(name string) string {
	fields := strings.Fields(norm.NFC.String(name))
	for i, f := range fields {
		fields[i] = strings.Map(foldRune, f)
	}
	return strings.Join(fields, " ")
}

// foldRune maps r to the least rune of its simple case folding orbit, as
// strings.EqualFold compares them.
func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// Printable is s with its control characters escaped (\n, \t, \u2028),
// for a table of text in which a name must stay on its line.
func Printable(s string) string {
	if !strings.ContainsFunc(s, isBreaking) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isBreaking(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isBreaking(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' }

// Report is the comparison of a class's submissions.
type Report struct {
	Handout  *format.Handout
	Key      []annotation.Annotation // nil without a key
	Units    int                     // the words of the text: the units of agreement
	Rejected []Rejected
	// Annotations holds each student's annotations, by name.
	Annotations map[string][]annotation.Annotation
	agreement.Comparison
}

// Compare compares the submissions with each other, and with key when it
// is not nil.
func Compare(h *format.Handout, key []annotation.Annotation, subs []*format.Submission, rejected []Rejected) *Report {
	readers := make([]agreement.Reader, len(subs))
	byName := map[string][]annotation.Annotation{}
	for i, s := range subs {
		readers[i] = agreement.Reader{Name: s.Student, Annotations: s.Annotations}
		byName[s.Student] = s.Annotations
	}
	return &Report{
		Handout: h, Key: key, Units: len(agreement.Words(h.Doc)), Rejected: rejected, Annotations: byName,
		Comparison: agreement.Compare(h.Doc, readers, key),
	}
}
