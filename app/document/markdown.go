package document

import (
	"strconv"
	"strings"
)

// TextOfMarkdown returns the text of a CommonMark file as its author meant
// it to be read: each heading, paragraph, list item and code block a block
// of its own, blocks apart by a blank line, and the inline markup gone
// (`**reduce**` reads "reduce", `[link](https://…)` reads "link"). List
// items keep their bullet or number, as in an opened HTML page; block
// quotes keep their paragraphs; raw HTML and thematic breaks are dropped.
//
// It follows the CommonMark spec's two phases, blocks then inlines, but
// keeps only text, so it is a small part of the wasm where a full parser
// (goldmark, about 100 KB brotli) would not be; the tests hold it to
// goldmark's reading of the spec's examples.
func TextOfMarkdown(data []byte) (string, error) {
	r := mdBlocks{refs: map[string]bool{}, lists: []*mdList{nil}}
	text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n")
	for line := range strings.SplitSeq(strings.TrimSuffix(text, "\n"), "\n") {
		r.line(line)
	}
	r.closeTo(0)
	var blocks []string
	for _, l := range r.leaves {
		blocks = append(blocks, l.text(r.refs)...)
	}
	if len(blocks) == 0 {
		return "", ErrEmpty
	}
	return strings.Join(blocks, "\n\n"), nil
}

type leafKind int

const (
	mdParagraph leafKind = iota
	mdHeading
	mdCode
	mdFence
	mdHTML
)

// mdLeaf is a heading, a paragraph, a code block or an HTML block, with
// the bullet or number of the list item it starts, if any.
type mdLeaf struct {
	kind   leafKind
	lines  []string
	marker string

	fence     string // a fenced code block's opening fence, as ``` or ~~~~
	fenceAt   int    // and how far it is indented
	htmlUntil string // what ends an HTML block; "" for a blank line
}

// text is the leaf's blocks: one, or for code, one per run of lines
// between blank ones; none for HTML.
func (l *mdLeaf) text(refs map[string]bool) []string {
	var out []string
	add := func(s string) {
		if strings.TrimSpace(s) != "" {
			out = append(out, l.marker+s)
			l.marker = ""
		}
	}
	switch l.kind {
	case mdParagraph, mdHeading:
		add(strings.TrimSpace(inlineText(strings.Join(l.lines, "\n"), refs)))
	case mdCode, mdFence:
		for _, run := range codeRuns(l.lines) {
			add(run)
		}
	}
	return out
}

// codeRuns are a code block's runs of lines between blank ones, each a
// block of the text: a blank line would end a block there anyway.
func codeRuns(lines []string) []string {
	var runs, run []string
	for _, line := range lines {
		if strings.TrimSpace(line) == "" {
			runs = append(runs, strings.Join(run, "\n"))
			run = nil
			continue
		}
		run = append(run, strings.TrimRight(line, " \t"))
	}
	return append(runs, strings.Join(run, "\n"))
}

// mdContainer is an open block quote or list item.
type mdContainer struct {
	quote  bool
	indent int // a list item's content column
	marker string
	blank  bool // the item has had only a blank line so far
}

// mdList is the list the items of one container belong to, while it
// goes on: its kind of marker and the next item's number.
type mdList struct {
	kind byte // '-', '+' or '*', or '.' or ')' for numbers
	next int
}

type mdBlocks struct {
	stack  []*mdContainer
	lists  []*mdList // lists[i]: the open list among the children of stack[i-1] (0: the file)
	open   *mdLeaf   // the leaf lines are added to, if one is open
	leaves []*mdLeaf
	refs   map[string]bool // the link reference definitions' labels
	marker string          // the open item's marker, for its first leaf
}

func (r *mdBlocks) line(line string) {
	rest := expandIndent(line)
	matched := 0
	for _, c := range r.stack {
		ind := indentOf(rest)
		if c.quote {
			if ind > 3 || ind == len(rest) || rest[ind] != '>' {
				break
			}
			rest = stripOneSpace(rest[ind+1:])
		} else if ind == len(rest) {
			rest = ""
		} else if ind >= c.indent {
			rest = rest[c.indent:]
		} else {
			break
		}
		matched++
	}
	if r.open != nil && r.open.kind == mdFence && matched == len(r.stack) {
		r.fenceLine(rest)
		return
	}
	if r.open != nil && r.open.kind == mdHTML && matched == len(r.stack) && r.open.htmlUntil != "" {
		if strings.Contains(rest, r.open.htmlUntil) {
			r.open = nil
		}
		return
	}
	paragraph := r.open != nil && r.open.kind == mdParagraph
	opened := false
	for {
		ind := indentOf(rest)
		if ind > 3 || ind == len(rest) {
			break
		}
		if rest[ind] == '>' {
			r.closeTo(matched)
			r.push(&mdContainer{quote: true})
			matched++
			rest = stripOneSpace(rest[ind+1:])
			opened, paragraph = true, false
			continue
		}
		if thematicBreak(rest) {
			break
		}
		kind, number, width, ok := listMarker(rest[ind:])
		if !ok {
			break
		}
		after := rest[ind+width:]
		spaces := indentOf(after)
		empty := spaces == len(after)
		// A list item may interrupt a paragraph only when it has text,
		// and a numbered one only when it starts at 1.
		if paragraph && matched == len(r.stack) && (empty || kind == '.' || kind == ')') && (empty || number != 1) {
			break
		}
		if empty || spaces > 4 {
			spaces = 1
		}
		r.closeTo(matched)
		r.pushItem(kind, number, ind+width+spaces)
		matched++
		rest = rest[min(len(rest), ind+width+spaces):]
		if empty {
			r.stack[len(r.stack)-1].blank = true
			rest = ""
		}
		opened, paragraph = true, false
	}
	if opened && strings.TrimSpace(rest) == "" {
		return
	}
	if !opened && matched < len(r.stack) {
		// A paragraph's lazy continuation line keeps the containers open.
		if r.open != nil && r.open.kind == mdParagraph && strings.TrimSpace(rest) != "" && !startsLeaf(rest) {
			r.open.lines = append(r.open.lines, strings.TrimLeft(rest, " \t"))
			return
		}
		r.closeTo(matched)
	}
	r.leafLine(rest)
}

// leafLine adds a line to the innermost container's leaves.
func (r *mdBlocks) leafLine(rest string) {
	ind := indentOf(rest)
	if ind == len(rest) {
		if top := r.top(); top != nil && top.blank && r.open == nil && len(r.stack) > 0 {
			// An item can start with at most one blank line.
			r.closeTo(len(r.stack) - 1)
		}
		if r.open != nil && r.open.kind != mdCode {
			r.endLeaf()
		} else if r.open != nil {
			r.open.lines = append(r.open.lines, "")
		}
		return
	}
	if top := r.top(); top != nil {
		top.blank = false
	}
	open := r.open
	if open != nil && open.kind == mdHTML {
		return // its lines are not text
	}
	switch {
	case ind >= 4 && (open == nil || open.kind == mdCode):
		if open == nil {
			r.startLeaf(&mdLeaf{kind: mdCode})
		}
		r.open.lines = append(r.open.lines, rest[4:])
		return
	case ind >= 4:
		open.lines = append(open.lines, strings.TrimLeft(rest, " \t"))
		return
	}
	s := rest[ind:]
	if open != nil && open.kind == mdParagraph && setextUnderline(s) && r.takeDefinitions(open) {
		open.kind = mdHeading
		r.endLeaf()
		return
	}
	if thematicBreak(s) {
		r.endLeaf()
		r.endList()
		return
	}
	if level := atxLevel(s); level > 0 {
		r.endLeaf()
		r.startLeaf(&mdLeaf{kind: mdHeading, lines: []string{atxText(s[level:])}})
		r.endLeaf()
		return
	}
	if fence := fenceOf(s); fence != "" {
		r.endLeaf()
		r.startLeaf(&mdLeaf{kind: mdFence, fence: fence, fenceAt: ind})
		return
	}
	if until, ok := htmlStart(s, open != nil && open.kind == mdParagraph); ok {
		r.endLeaf()
		r.startLeaf(&mdLeaf{kind: mdHTML, htmlUntil: until})
		if until != "" && strings.Contains(s[1:], until) {
			r.open = nil
		}
		return
	}
	if open != nil && open.kind == mdParagraph {
		open.lines = append(open.lines, s)
		return
	}
	if open != nil {
		r.endLeaf()
	}
	r.startLeaf(&mdLeaf{kind: mdParagraph, lines: []string{s}})
}

func (r *mdBlocks) fenceLine(rest string) {
	ind := indentOf(rest)
	s := rest[ind:]
	if ind <= 3 && strings.HasPrefix(s, r.open.fence) {
		run := len(s) - len(strings.TrimLeft(s, s[:1]))
		if run >= len(r.open.fence) && strings.TrimSpace(s[run:]) == "" {
			r.open = nil
			return
		}
	}
	r.open.lines = append(r.open.lines, rest[min(ind, r.open.fenceAt):])
}

func (r *mdBlocks) top() *mdContainer {
	if len(r.stack) == 0 {
		return nil
	}
	return r.stack[len(r.stack)-1]
}

func (r *mdBlocks) startLeaf(l *mdLeaf) {
	l.marker, r.marker = r.marker, ""
	r.open = l
	r.leaves = append(r.leaves, l)
	r.endList()
}

// endList ends the innermost container's list: a block that is not an
// item comes between it and the next item.
func (r *mdBlocks) endList() { r.lists[len(r.stack)] = nil }

// endLeaf closes the open leaf; a paragraph's link reference definitions
// are taken from its start.
func (r *mdBlocks) endLeaf() {
	l := r.open
	r.open = nil
	if l != nil && l.kind == mdParagraph && !r.takeDefinitions(l) {
		l.kind = mdHTML // nothing to read
	}
}

// takeDefinitions takes a paragraph's link reference definitions from
// its start, and says whether any text is left.
func (r *mdBlocks) takeDefinitions(l *mdLeaf) bool {
	text := strings.Join(l.lines, "\n")
	for {
		label, n, ok := linkDefinition(text)
		if !ok {
			break
		}
		r.refs[label] = true
		text = text[n:]
	}
	l.lines = strings.Split(text, "\n")
	return text != ""
}

func (r *mdBlocks) push(c *mdContainer) {
	r.endLeaf()
	r.endList()
	r.stack = append(r.stack, c)
	r.lists = append(r.lists, nil)
}

func (r *mdBlocks) pushItem(kind byte, number, indent int) {
	r.endLeaf()
	list := r.lists[len(r.stack)]
	if list == nil || list.kind != kind {
		list = &mdList{kind: kind, next: number}
	}
	marker := "• "
	if kind == '.' || kind == ')' {
		marker = strconv.Itoa(list.next) + ". "
	}
	list.next++
	r.stack = append(r.stack, &mdContainer{indent: indent, marker: marker})
	r.lists = append(r.lists, nil)
	r.lists[len(r.stack)-1] = list
	r.marker = marker
}

// closeTo closes the containers after the first n, and the open leaf
// with them.
func (r *mdBlocks) closeTo(n int) {
	r.endLeaf()
	if n >= len(r.stack) {
		return
	}
	r.marker = ""
	r.stack = r.stack[:n]
	r.lists = r.lists[:n+1]
}

// expandIndent turns the tabs of a line's indentation into spaces, to the
// next multiple of 4 columns.
func expandIndent(line string) string {
	col := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			if col == i {
				return line
			}
			return strings.Repeat(" ", col) + line[i:]
		}
	}
	return strings.Repeat(" ", col)
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

func stripOneSpace(s string) string { return strings.TrimPrefix(s, " ") }

// listMarker reads a bullet or a number of up to nine digits followed by
// . or ), then a space or the end of the line.
func listMarker(s string) (kind byte, number, width int, ok bool) {
	if s == "" {
		return 0, 0, 0, false
	}
	switch s[0] {
	case '-', '+', '*':
		kind, width = s[0], 1
	default:
		digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
		if digits == 0 || digits > 9 || digits == len(s) || (s[digits] != '.' && s[digits] != ')') {
			return 0, 0, 0, false
		}
		number, _ = strconv.Atoi(s[:digits])
		kind, width = s[digits], digits+1
	}
	if width < len(s) && s[width] != ' ' {
		return 0, 0, 0, false
	}
	return kind, number, width, true
}

func thematicBreak(s string) bool {
	s = strings.TrimLeft(s, " ")
	if s == "" || !strings.ContainsRune("*-_", rune(s[0])) {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case s[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

func setextUnderline(s string) bool {
	t := strings.TrimRight(s, " \t")
	return t != "" && (t[0] == '=' || t[0] == '-') && strings.Trim(t, t[:1]) == ""
}

// atxLevel is the number of #s that open a heading, or 0.
func atxLevel(s string) int {
	n := len(s) - len(strings.TrimLeft(s, "#"))
	if n == 0 || n > 6 || (n < len(s) && s[n] != ' ' && s[n] != '\t') {
		return 0
	}
	return n
}

// atxText drops a heading's closing run of #s.
func atxText(s string) string {
	s = strings.TrimSpace(s)
	t := strings.TrimRight(s, "#")
	if t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t") {
		return strings.TrimSpace(t)
	}
	return s
}

// fenceOf is the fence a line opens, or "".
func fenceOf(s string) string {
	if s == "" || (s[0] != '`' && s[0] != '~') {
		return ""
	}
	n := len(s) - len(strings.TrimLeft(s, s[:1]))
	if n < 3 || (s[0] == '`' && strings.Contains(s[n:], "`")) {
		return ""
	}
	return s[:n]
}

// startsLeaf says whether a line would begin a block of its own rather
// than continue a paragraph lazily.
func startsLeaf(s string) bool {
	ind := indentOf(s)
	if ind > 3 {
		return false
	}
	s = s[ind:]
	_, _, _, item := listMarker(s)
	_, html := htmlStart(s, true)
	return thematicBreak(s) || atxLevel(s) > 0 || fenceOf(s) != "" || html || item || strings.HasPrefix(s, ">")
}

// htmlBlockTags are the tags that start an HTML block of the spec's
// sixth kind.
const htmlBlockTags = " address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul "

// htmlStart says whether a line starts an HTML block, and what ends it
// ("" for a blank line). The seventh kind, any lone tag, cannot
// interrupt a paragraph.
func htmlStart(s string, inParagraph bool) (until string, ok bool) {
	if !strings.HasPrefix(s, "<") {
		return "", false
	}
	lower := strings.ToLower(s)
	for _, raw := range [...]string{"pre", "script", "style", "textarea"} {
		if rest, ok := strings.CutPrefix(lower, "<"+raw); ok && (rest == "" || strings.ContainsRune(" \t>", rune(rest[0]))) {
			return "</" + raw + ">", true
		}
	}
	switch {
	case strings.HasPrefix(s, "<!--"):
		return "-->", true
	case strings.HasPrefix(s, "<?"):
		return "?>", true
	case strings.HasPrefix(s, "<![CDATA["):
		return "]]>", true
	case len(s) > 2 && s[1] == '!' && isASCIILetter(s[2]):
		return ">", true
	}
	name := strings.TrimPrefix(lower[1:], "/")
	end := strings.IndexFunc(name, func(r rune) bool { return !isASCIILetter(byte(r)) && (r < '0' || r > '9') })
	if end < 0 {
		end = len(name)
	}
	if end > 0 && strings.Contains(htmlBlockTags, " "+name[:end]+" ") {
		if rest := name[end:]; rest == "" || rest[0] == ' ' || rest[0] == '\t' || strings.HasPrefix(rest, ">") || strings.HasPrefix(rest, "/>") {
			return "", true
		}
	}
	if inParagraph {
		return "", false
	}
	if n := rawTag(s); n > 0 && strings.TrimSpace(s[n:]) == "" {
		return "", true
	}
	return "", false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// linkDefinition reads a link reference definition at the start of a
// paragraph's text, [label]: destination "title", and gives its label as
// references match it and how many of the text's lines it takes.
func linkDefinition(text string) (label string, n int, ok bool) {
	s := strings.TrimLeft(text, " ")
	if len(text)-len(s) > 3 || !strings.HasPrefix(s, "[") {
		return "", 0, false
	}
	at := len(text) - len(s)
	end := labelEnd(s)
	if end < 0 || end+1 >= len(s) || s[end+1] != ':' {
		return "", 0, false
	}
	if label = normalLabel(s[1:end]); label == "" {
		return "", 0, false
	}
	i := end + 2
	i += spaceRun(s[i:])
	dest, m, ok := linkDestination(s[i:])
	if !ok || (dest == "" && !strings.HasPrefix(s[i:], "<")) {
		return "", 0, false
	}
	i += m
	// The definition ends at the end of a line: after a title, or
	// after the destination when what follows is not a title.
	lineEnd := func(j int) (int, bool) {
		j += len(s[j:]) - len(strings.TrimLeft(s[j:], " \t"))
		if j == len(s) {
			return j, true
		}
		return j + 1, s[j] == '\n'
	}
	if sp := spaceRun(s[i:]); sp > 0 {
		if t, ok := linkTitle(s[i+sp:]); ok {
			if e, ok := lineEnd(i + sp + t); ok {
				return label, at + e, true
			}
		}
	}
	if e, ok := lineEnd(i); ok {
		return label, at + e, true
	}
	return "", 0, false
}
