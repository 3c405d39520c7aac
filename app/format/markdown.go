package format

// # Markdown report
//
// EncodeMarkdown writes a report to read or hand in: the document title
// as a heading, the count of each tag, then every passage in the order of
// the text, numbered, each under its tag as a block quote, then the
// sentence around it when the passage is only part of it ("In: …"), then
// its note. Passages that lost their place come last. Text from the
// document and the notes is escaped so that it reads as written, never as
// Markdown.

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/reading"
)

var plurals = map[annotation.Tag]string{
	annotation.Claim:      "Claims",
	annotation.Evidence:   "Evidence",
	annotation.Prediction: "Predictions",
}

// EncodeMarkdown writes the report of d's annotations.
func EncodeMarkdown(w io.Writer, d *document.Document, as []annotation.Annotation) error {
	sorted := append([]annotation.Annotation(nil), as...)
	annotation.Sort(sorted)
	byTag := map[annotation.Tag][]annotation.Annotation{}
	var unplaced []annotation.Annotation
	for _, a := range sorted {
		if a.Placed() {
			byTag[a.Tag] = append(byTag[a.Tag], a)
		} else {
			unplaced = append(unplaced, a)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", escapeMarkdown(d.Title))
	var counts []string
	for _, t := range annotation.Tags {
		counts = append(counts, fmt.Sprintf("%s: %d", plurals[t], len(byTag[t])))
	}
	if len(unplaced) > 0 {
		counts = append(counts, fmt.Sprintf("Unplaced: %d", len(unplaced)))
	}
	b.WriteString(strings.Join(counts, " · ") + "\n")
	if placed := len(sorted) - len(unplaced); placed > 0 {
		b.WriteString("\n## In the order of the text\n")
		n := 0
		for _, a := range sorted {
			if !a.Placed() {
				continue
			}
			n++
			fmt.Fprintf(&b, "\n### %d. %s\n", n, a.Tag.Label())
			writePassage(&b, a, "", context(d, a))
		}
	}
	if len(unplaced) > 0 {
		b.WriteString("\n## Unplaced\n\nThese passages were not found in this version of the text.\n")
		for _, a := range unplaced {
			writePassage(&b, a, a.Tag.Label()+": ", "")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// context is the sentence or sentences that hold a passage, on one line,
// or "" when the passage is all of them.
func context(d *document.Document, a annotation.Annotation) string {
	text, last := d.Runes(), a.End
	for last > a.Start && unicode.IsSpace(text[last-1]) {
		last--
	}
	from, to := reading.Sentence(d, a.Start), reading.Sentence(d, max(a.Start, last-1))
	start, end := min(from.Start, a.Start), max(to.End, last)
	if start == a.Start && end == last {
		return ""
	}
	return strings.Join(strings.Fields(d.Slice(start, end)), " ")
}

// writePassage writes a passage as a block quote, then the sentence
// around it, if any, then its note.
func writePassage(b *strings.Builder, a annotation.Annotation, label, around string) {
	b.WriteString("\n")
	for i, line := range strings.Split(strings.Trim(a.Exact, "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			b.WriteString(">\n")
			continue
		}
		if i == 0 {
			line = label + line
		}
		b.WriteString("> " + escapeMarkdown(strings.TrimSpace(line)) + "\n")
	}
	if around != "" {
		b.WriteString("\nIn: " + escapeMarkdown(around) + "\n")
	}
	if a.Note != "" {
		b.WriteString("\n")
		for i, line := range strings.Split(a.Note, "\n") {
			if i == 0 {
				line = "Note: " + line
			}
			b.WriteString(escapeMarkdown(line) + "  \n")
		}
	}
}

// markdownSpecial holds the characters that can start Markdown syntax
// anywhere in a line.
const markdownSpecial = "\\`*_[]<>|~"

// escapeMarkdown backslash-escapes what Markdown would read as syntax: the
// characters above anywhere, and a list or heading marker at the start.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune(markdownSpecial, r) || (i == 0 && strings.ContainsRune("#+-=", r)) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "1. " at the start would begin an ordered list.
	if j := strings.IndexFunc(out, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && strings.HasPrefix(out[j:], ". ") {
		out = out[:j] + "\\" + out[j:]
	}
	return out
}
