package format

// # Markdown report
//
// EncodeMarkdown writes a report to read or hand in: the document title
// as a heading, the count of each tag, then a section per tag with its
// passages in document order, each as a block quote followed by its note.
// Text from the document and the notes is escaped so that it reads as
// written, never as Markdown.

import (
	"fmt"
	"io"
	"strings"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
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
	for _, a := range sorted {
		byTag[a.Tag] = append(byTag[a.Tag], a)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", escapeMarkdown(d.Title))
	var counts []string
	for _, t := range annotation.Tags {
		counts = append(counts, fmt.Sprintf("%s: %d", plurals[t], len(byTag[t])))
	}
	b.WriteString(strings.Join(counts, " · ") + "\n")
	for _, t := range annotation.Tags {
		if len(byTag[t]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n", plurals[t])
		for _, a := range byTag[t] {
			b.WriteString("\n")
			for _, line := range strings.Split(strings.Trim(a.Exact, "\n"), "\n") {
				if strings.TrimSpace(line) == "" {
					b.WriteString(">\n")
					continue
				}
				b.WriteString("> " + escapeMarkdown(strings.TrimSpace(line)) + "\n")
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
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownSpecial holds the characters that can start Markdown syntax
// anywhere in a line.
const markdownSpecial = "\\`*_[]<>#|~"

// escapeMarkdown backslash-escapes what Markdown would read as syntax: the
// characters above anywhere, and a list or heading marker at the start.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune(markdownSpecial, r) || (i == 0 && strings.ContainsRune("+-=", r)) {
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
