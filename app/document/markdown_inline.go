package document

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// mdPiece is a run of a block's inline text: text to keep, or a run of
// * or _ that may turn out to be emphasis, or a [ or ![ that may open a
// link.
type mdPiece struct {
	text string

	delim       byte // '*' or '_'; 0 for text
	n           int  // the delimiters of the run not yet matched
	size        int  // the run's length as written
	open, close bool

	bracket bool // [ or ![
	active  bool // a [ can still open a link
	at      int  // where the bracket's text starts in the source
}

// inlineText is a paragraph's or heading's text without its inline
// markup: code spans keep their code, links and images their text,
// emphasis loses its delimiters, raw HTML is dropped, escapes and
// entities are read. A line break is a space, unless it is hard.
func inlineText(s string, refs map[string]bool) string {
	var ps []mdPiece
	// What a search found missing from some point on is missing from
	// every later point too: remembering it keeps a long paragraph of
	// unclosed markup linear.
	noCloser := map[int]bool{} // backtick runs of that length
	noEnd := map[string]bool{} // the ends of comments and the like
	var brackets []int         // the open [ and ![, innermost last
	linkFloor := 0             // a [ before this piece can no longer open a link
	lit := func(t string) { ps = append(ps, mdPiece{text: t}) }
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			lit("\n")
			i += 2
			continue
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			lit(s[i+1 : i+2])
			i += 2
			continue
		case c == '`':
			run := len(s[i:]) - len(strings.TrimLeft(s[i:], "`"))
			if !noCloser[run] {
				if code, n, ok := codeSpan(s[i:], run); ok {
					lit(code)
					i += n
					continue
				}
				noCloser[run] = true
			}
			lit(s[i : i+run])
			i += run
			continue
		case c == '<':
			if n := autolink(s[i:]); n > 0 {
				lit(s[i+1 : i+n-1])
				i += n
				continue
			}
			if n := rawTagOnce(s[i:], noEnd); n > 0 {
				i += n
				continue
			}
		case c == '&':
			if n := entity(s[i:]); n > 0 {
				lit(html.UnescapeString(s[i : i+n]))
				i += n
				continue
			}
		case c == '*' || c == '_':
			run := len(s[i:]) - len(strings.TrimLeft(s[i:], s[i:i+1]))
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			after, _ := utf8.DecodeRuneInString(s[i+run:])
			if i == 0 {
				before = '\n'
			}
			if i+run == len(s) {
				after = '\n'
			}
			left := !unicode.IsSpace(after) && (!isPunct(after) || unicode.IsSpace(before) || isPunct(before))
			right := !unicode.IsSpace(before) && (!isPunct(before) || unicode.IsSpace(after) || isPunct(after))
			p := mdPiece{text: s[i : i+run], delim: c, n: run, size: run, open: left, close: right}
			if c == '_' {
				p.open = left && (!right || isPunct(before))
				p.close = right && (!left || isPunct(after))
			}
			ps = append(ps, p)
			i += run
			continue
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			brackets = append(brackets, len(ps))
			ps = append(ps, mdPiece{text: "![", bracket: true, active: true, at: i + 2})
			i += 2
			continue
		case c == '[':
			brackets = append(brackets, len(ps))
			ps = append(ps, mdPiece{text: "[", bracket: true, active: true, at: i + 1})
			i++
			continue
		case c == ']':
			if len(brackets) > 0 {
				open := brackets[len(brackets)-1]
				brackets = brackets[:len(brackets)-1]
				if ps[open].text == "[" && open < linkFloor {
					ps[open].active = false
				}
				isLink := ps[open].text == "["
				if n, ok := closeLink(ps, open, s, i, refs); ok {
					if isLink {
						// Links do not hold links: the [s before it are text.
						linkFloor = open
					}
					i += n
					continue
				}
			}
		case c == '\n':
			// Spaces before a line end are dropped; two or more make it hard.
			last := len(ps) - 1
			hard := false
			if last >= 0 && ps[last].delim == 0 && !ps[last].bracket {
				t := ps[last].text
				hard = strings.HasSuffix(t, "  ")
				ps[last].text = strings.TrimRight(t, " ")
			}
			if hard {
				lit("\n")
			} else {
				lit(" ")
			}
			i++
			continue
		}
		// Plain text, up to the next character that may be markup.
		n := strings.IndexAny(s[i+1:], "\\`<&*_![]\n")
		if n < 0 {
			n = len(s) - i - 1
		}
		lit(s[i : i+1+n])
		i += 1 + n
	}
	emphasis(ps, 0)
	var b strings.Builder
	for _, p := range ps {
		if p.delim != 0 {
			b.WriteString(strings.Repeat(string(p.delim), p.n))
		} else {
			b.WriteString(p.text)
		}
	}
	return b.String()
}

// closeLink reads what follows a ], at s[i], and when the bracket
// ps[open] makes a link or an image with it, keeps only the text between
// them and gives how much of s the ] and the rest took.
func closeLink(ps []mdPiece, open int, s string, i int, refs map[string]bool) (int, bool) {
	o := &ps[open]
	if !o.active {
		o.bracket = false
		return 0, false
	}
	rest := s[i+1:]
	n, ok := inlineLink(rest)
	if !ok {
		if len(rest) > 0 && rest[0] == '[' {
			if end := labelEnd(rest); end > 0 {
				label := rest[1:end]
				if label == "" {
					label = s[o.at:i]
				}
				n, ok = end+1, refs[normalLabel(label)]
			}
		}
		if !ok && refs[normalLabel(s[o.at:i])] && !strings.HasPrefix(rest, "[]") {
			n, ok = 0, true
		}
	}
	if !ok {
		o.bracket = false
		return 0, false
	}
	emphasis(ps, open+1)
	o.bracket, o.text = false, ""
	return 1 + n, true
}

// emphasis matches the runs of * and _ after ps[bottom:] as the spec's
// delimiter algorithm does; the delimiters it does not match stay text.
func emphasis(ps []mdPiece, bottom int) {
	// floor[k] is where a search for an opener for closers of kind k
	// last failed: there is none below it, so no search goes lower
	// twice, and a line of closers costs linear time, not quadratic.
	var floor [2][2][3]int
	for i := range floor {
		for j := range floor[i] {
			floor[i][j] = [3]int{bottom, bottom, bottom}
		}
	}
	for c := bottom; c < len(ps); c++ {
		closer := &ps[c]
		if closer.delim == 0 || !closer.close {
			continue
		}
		kind := &floor[b2i(closer.delim == '_')][b2i(closer.open)][closer.size%3]
		for closer.n > 0 {
			o := c - 1
			for ; o >= *kind; o-- {
				op := &ps[o]
				if op.delim != closer.delim || !op.open || op.n == 0 {
					continue
				}
				// The rule of three, for runs that can both open and close.
				if (op.close || closer.open) && (op.size+closer.size)%3 == 0 && (op.size%3 != 0 || closer.size%3 != 0) {
					continue
				}
				break
			}
			if o < *kind {
				*kind = c
				break
			}
			op := &ps[o]
			used := 1
			if op.n >= 2 && closer.n >= 2 {
				used = 2
			}
			op.n -= used
			closer.n -= used
			// Delimiters between the two can no longer match.
			for k := o + 1; k < c; k++ {
				if ps[k].delim != 0 {
					ps[k].open, ps[k].close = false, false
				}
			}
		}
	}
	for k := bottom; k < len(ps); k++ {
		ps[k].open, ps[k].close = false, false
	}
}

// codeSpan reads a code span opened by a run of n backticks at the start
// of s: its code, and how much of s it takes.
func codeSpan(s string, n int) (string, int, bool) {
	for i := n; i < len(s); {
		j := strings.IndexByte(s[i:], '`')
		if j < 0 {
			break
		}
		j += i
		run := len(s[j:]) - len(strings.TrimLeft(s[j:], "`"))
		if run == n {
			code := strings.ReplaceAll(s[n:j], "\n", " ")
			if len(code) >= 2 && code[0] == ' ' && code[len(code)-1] == ' ' && strings.Trim(code, " ") != "" {
				code = code[1 : len(code)-1]
			}
			return code, j + run, true
		}
		i = j + run
	}
	return "", 0, false
}

// autolink is the length of a <scheme:…> or <address@host> at the start
// of s, or 0.
func autolink(s string) int {
	end := strings.IndexAny(s[1:], " \t\n<>") + 1
	if end <= 0 || s[end] != '>' {
		return 0
	}
	in := s[1:end]
	if colon := strings.IndexByte(in, ':'); colon >= 2 && colon <= 32 && isASCIILetter(in[0]) {
		if strings.Trim(in[:colon], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-") == "" {
			return end + 1
		}
	}
	if at := strings.IndexByte(in, '@'); at > 0 && at < len(in)-1 && !strings.ContainsAny(in, "\\") {
		return end + 1
	}
	return 0
}

// rawTagOnce is rawTag, remembering which ends it found missing.
func rawTagOnce(s string, noEnd map[string]bool) int {
	for _, pair := range rawSpans {
		if strings.HasPrefix(s, pair[0]) && noEnd[pair[1]] {
			return 0
		}
	}
	n := rawTag(s)
	for _, pair := range rawSpans {
		if n == 0 && strings.HasPrefix(s, pair[0]) && !strings.HasPrefix(s, "<!-->") && !strings.HasPrefix(s, "<!--->") {
			noEnd[pair[1]] = true
		}
	}
	return n
}

// rawSpans are the inline HTML that runs to a closing string.
var rawSpans = [...][2]string{{"<!--", "-->"}, {"<?", "?>"}, {"<![CDATA[", "]]>"}}

// rawTag is the length of an HTML tag, closing tag, comment, processing
// instruction, declaration or CDATA section at the start of s, or 0.
func rawTag(s string) int {
	for _, pair := range rawSpans {
		if strings.HasPrefix(s, pair[0]) {
			if strings.HasPrefix(s, "<!-->") || strings.HasPrefix(s, "<!--->") {
				return strings.IndexByte(s, '>') + 1
			}
			if end := strings.Index(s[len(pair[0]):], pair[1]); end >= 0 {
				return len(pair[0]) + end + len(pair[1])
			}
			return 0
		}
	}
	if len(s) > 2 && s[1] == '!' && isASCIILetter(s[2]) {
		return strings.IndexByte(s, '>') + 1
	}
	i := 1
	closing := i < len(s) && s[i] == '/'
	if closing {
		i++
	}
	if i >= len(s) || !isASCIILetter(s[i]) {
		return 0
	}
	for i < len(s) && (isASCIILetter(s[i]) || s[i] >= '0' && s[i] <= '9' || s[i] == '-') {
		i++
	}
	for !closing {
		// Attributes: name, optionally = and a value.
		sp := i
		for i < len(s) && strings.IndexByte(" \t\n", s[i]) >= 0 {
			i++
		}
		if i >= len(s) || s[i] == '>' || s[i] == '/' || sp == i {
			break
		}
		if !isASCIILetter(s[i]) && s[i] != '_' && s[i] != ':' {
			return 0
		}
		for i < len(s) && (isASCIILetter(s[i]) || strings.IndexByte("0123456789_.:-", s[i]) >= 0) {
			i++
		}
		j := i
		for j < len(s) && strings.IndexByte(" \t\n", s[j]) >= 0 {
			j++
		}
		if j < len(s) && s[j] == '=' {
			j++
			for j < len(s) && strings.IndexByte(" \t\n", s[j]) >= 0 {
				j++
			}
			if j >= len(s) {
				return 0
			}
			switch q := s[j]; q {
			case '"', '\'':
				end := strings.IndexByte(s[j+1:], q)
				if end < 0 {
					return 0
				}
				i = j + 1 + end + 1
			default:
				k := j
				for k < len(s) && strings.IndexByte(" \t\n\"'=<>`", s[k]) < 0 {
					k++
				}
				if k == j {
					return 0
				}
				i = k
			}
		}
	}
	for i < len(s) && strings.IndexByte(" \t\n", s[i]) >= 0 {
		i++
	}
	if !closing && strings.HasPrefix(s[i:], "/>") {
		return i + 2
	}
	if i < len(s) && s[i] == '>' {
		return i + 1
	}
	return 0
}

// entity is the length of an entity or numeric character reference at
// the start of s, or 0.
func entity(s string) int {
	end := strings.IndexByte(s[:min(len(s), 34)], ';')
	if end < 2 {
		return 0
	}
	name := s[1:end]
	if n, ok := strings.CutPrefix(name, "#"); ok {
		hex := strings.HasPrefix(n, "x") || strings.HasPrefix(n, "X")
		digits, max := "0123456789", 7
		if hex {
			n, digits, max = n[1:], "0123456789abcdefABCDEF", 6
		}
		if n == "" || len(n) > max || strings.Trim(n, digits) != "" {
			return 0
		}
		return end + 1
	}
	if !isASCIILetter(name[0]) || strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
		return 0
	}
	if html.UnescapeString(s[:end+1]) == s[:end+1] {
		return 0 // not a name HTML knows
	}
	return end + 1
}

// inlineLink reads (destination "title") after a link's ], and gives how
// much of s it takes.
func inlineLink(s string) (int, bool) {
	if !strings.HasPrefix(s, "(") {
		return 0, false
	}
	i := 1 + spaceRun(s[1:])
	_, n, ok := linkDestination(s[i:])
	if !ok {
		return 0, false
	}
	j := i + n
	if sp := spaceRun(s[j:]); sp > 0 && n > 0 {
		if m, ok := linkTitle(s[j+sp:]); ok {
			j += sp + m
		}
	}
	j += spaceRun(s[j:])
	if j < len(s) && s[j] == ')' {
		return j + 1, true
	}
	return 0, false
}

func spaceRun(s string) int {
	return len(s) - len(strings.TrimLeft(s, " \t\n"))
}

// linkDestination reads <…> or a run without spaces whose parentheses
// balance.
func linkDestination(s string) (string, int, bool) {
	if strings.HasPrefix(s, "<") {
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case '\n', '<':
				return "", 0, false
			case '>':
				return s[1:i], i + 1, true
			}
		}
		return "", 0, false
	}
	depth := 0
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
			continue
		}
		if c <= ' ' {
			break
		}
		if c == '(' {
			if depth++; depth > 32 {
				return "", 0, false
			}
		} else if c == ')' {
			if depth == 0 {
				break
			}
			depth--
		}
	}
	if depth != 0 {
		return "", 0, false
	}
	return s[:i], i, true
}

// linkTitle reads a "title", 'title' or (title), and gives its length.
func linkTitle(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	closer := s[0]
	switch closer {
	case '"', '\'':
	case '(':
		closer = ')'
	default:
		return 0, false
	}
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
		case s[i] == closer:
			return i + 1, true
		case s[0] == '(' && s[i] == '(':
			return 0, false
		}
	}
	return 0, false
}

// labelEnd is the index of the ] that ends the link label opening s, or -1.
func labelEnd(s string) int {
	for i := 1; i < len(s) && i <= 1000; i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			return -1
		case ']':
			return i
		}
	}
	return -1
}

// normalLabel is a link label as references match it: case folded, its
// white space one space.
func normalLabel(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(s), " ")), "ß", "ss")
}

func isASCIIPunct(c byte) bool {
	return c < 0x80 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

func isPunct(r rune) bool {
	if r < 0x80 {
		return isASCIIPunct(byte(r))
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
