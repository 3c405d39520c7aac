package format

// # Markdown report
//
// EncodeMarkdown writes a report to read or hand in: the document title
// as a heading, the count of each tag, then every passage in the order of
// the text, numbered, each under its tag as a block quote, then the
// sentence around it when the passage is only part of it ("In: …"), then
// its note, then its links by number ("Links: supports 3 · follows from
// 5"). When there are links, a section follows with each claim and,
// under it, what supports it, undermines it and follows from it.
// Passages that lost their place come last. Text from the
// document and the notes is escaped so that it reads as written, never as
// Markdown.

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/prediction"
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
		number := map[string]int{}
		for _, a := range sorted {
			if a.Placed() {
				number[a.ID] = len(number) + 1
			}
		}
		for _, a := range sorted {
			if !a.Placed() {
				continue
			}
			fmt.Fprintf(&b, "\n### %d. %s\n", number[a.ID], a.Tag.Label())
			writePassage(&b, a, "", context(d, a))
			writeLinks(&b, a, number)
		}
		if annotation.CountLinks(sorted) > 0 {
			writeArgument(&b, sorted, number)
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

func writeLinks(b *strings.Builder, a annotation.Annotation, number map[string]int) {
	var parts []string
	for _, l := range a.Links {
		if n, ok := number[l.To]; ok {
			parts = append(parts, fmt.Sprintf("%s %d", l.Type.Label(), n))
		} else {
			parts = append(parts, l.Type.Label()+" an unplaced passage")
		}
	}
	if len(parts) > 0 {
		b.WriteString("\nLinks: " + strings.Join(parts, " · ") + "\n")
	}
}

// writeArgument writes each placed claim and, under it, the passages
// linked to it.
func writeArgument(b *strings.Builder, sorted []annotation.Annotation, number map[string]int) {
	b.WriteString("\n## Claims and what bears on them\n")
	for _, c := range sorted {
		if c.Tag != annotation.Claim || !c.Placed() {
			continue
		}
		fmt.Fprintf(b, "\n%d. %s\n", number[c.ID], escapeMarkdown(annotation.Shorten(oneLine(c.Exact), 80)))
		for _, a := range sorted {
			for _, l := range a.Links {
				if l.To != c.ID {
					continue
				}
				by := map[annotation.Relation]string{annotation.Supports: "Supported by", annotation.Undermines: "Undermined by", annotation.FollowsFrom: "Followed by"}[l.Type]
				where := "an unplaced passage"
				if n, ok := number[a.ID]; ok {
					where = fmt.Sprintf("%d", n)
				}
				fmt.Fprintf(b, "    - %s %s (%s): %s\n", by, where, strings.ToLower(a.Tag.Label()), escapeMarkdown(annotation.Shorten(oneLine(a.Exact), 80)))
			}
		}
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

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
	if f := a.Forecast; !f.IsZero() {
		var parts []string
		if f.Probability != nil {
			parts = append(parts, fmt.Sprintf("Probability: %d %% (%s)", *f.Probability, prediction.BandOf(*f.Probability).Name))
		}
		if f.By != "" {
			parts = append(parts, "By: "+f.By)
		}
		outcome := "Outcome: " + f.Outcome.Label()
		if f.OutcomeDate != "" {
			outcome += ", " + f.OutcomeDate
		}
		if f.OutcomeNote != "" {
			outcome += ": " + oneLine(f.OutcomeNote)
		}
		parts = append(parts, outcome)
		b.WriteString("\n" + escapeMarkdown(strings.Join(parts, " · ")) + "\n")
	}
}

// markdownSpecial holds the characters that can start Markdown syntax
// anywhere in a line.
const markdownSpecial = "\\`*_[]<>|~"

// escapeMarkdown backslash-escapes what Markdown would read as syntax: the
// characters above anywhere, and a list or heading marker at the start.
// A bare URL is put in a code span, where GitHub-flavoured Markdown does
// not make it a link: the report shows the reader's words, and links no
// one chose to make.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for s != "" {
		i, j := bareURL(s)
		if i < 0 {
			i, j = len(s), len(s)
		}
		for _, r := range s[:i] {
			if strings.ContainsRune(markdownSpecial, r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		if i < j {
			b.WriteString(codeSpanOf(s[i:j]))
		}
		s = s[j:]
	}
	out := b.String()
	if out != "" && strings.ContainsRune("#+-=", rune(out[0])) {
		out = "\\" + out
	}
	// "1. " at the start would begin an ordered list.
	if j := strings.IndexFunc(out, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && strings.HasPrefix(out[j:], ". ") {
		out = out[:j] + "\\" + out[j:]
	}
	return out
}

// bareURL finds the first URL in s that GitHub-flavoured Markdown would
// make a link of (one starting http://, https://, ftp:// or www. after a
// space or punctuation), without the punctuation that ends a sentence.
func bareURL(s string) (start, end int) {
	lower := strings.ToLower(s)
	for at := 0; at < len(s); {
		i := -1
		for _, p := range [...]string{"http://", "https://", "ftp://", "www."} {
			if k := strings.Index(lower[at:], p); k >= 0 && (i < 0 || at+k < i) {
				i = at + k
			}
		}
		if i < 0 {
			return -1, -1
		}
		if before, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && (unicode.IsLetter(before) || unicode.IsDigit(before)) {
			at = i + 1
			continue
		}
		j := i + strings.IndexFunc(s[i:], func(r rune) bool { return unicode.IsSpace(r) || r == '<' })
		if j < i {
			j = len(s)
		}
		for j > i && strings.ContainsRune(".,:;!?\"'*_~)", rune(s[j-1])) {
			if s[j-1] == ')' && strings.Count(s[i:j], "(") >= strings.Count(s[i:j], ")") {
				break
			}
			j--
		}
		return i, j
	}
	return -1, -1
}

// codeSpanOf writes s as a code span, fenced by more backticks than it
// holds in a row.
func codeSpanOf(s string) string {
	run, longest := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
