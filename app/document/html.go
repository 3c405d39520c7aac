package document

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TextOfHTML returns the readable text of an HTML page, as claimmark
// opens it: the page's first heading (or its <title>) as the title line,
// then each heading, paragraph, list item, quotation and caption as a
// block of its own, in order, blocks apart by a blank line. List items
// keep their bullet or number. Scripts, styles, forms, navigation, asides,
// and the page's own header and footer (not an article's) are dropped;
// text is never interpreted as markup again.
//
// It reads the page as a stream of tags rather than building the HTML5
// tree: what it needs, where blocks start and end, does not depend on
// the tree's repairs, and the tree builder would be the largest part of
// the app's code after the runtime.
func TextOfHTML(data []byte) (string, error) {
	p := pageReader{z: html.NewTokenizer(bytes.NewReader(data))}
	if err := p.read(); err != nil {
		return "", err
	}
	if len(p.blocks) == 0 {
		return "", ErrEmpty
	}
	blocks := p.blocks
	if p.title != "" && !p.headingFirst && !strings.EqualFold(blocks[0], p.title) {
		blocks = append([]string{p.title}, blocks...)
	}
	return strings.Join(blocks, "\n\n"), nil
}

type pageReader struct {
	z      *html.Tokenizer
	blocks []string
	cur    strings.Builder

	title        string
	inTitle      bool
	headingFirst bool // the page's first text is in a heading
	headings     int  // open h1–h3 elements
	articles     int  // open article, main and section elements

	skipping atom.Atom // the dropped element being read past, and how deep
	skipped  int
	lists    []int  // open lists, innermost last: -1 for ul, else the next number
	marker   string // the open list item's bullet or number, written before its first text
}

func (p *pageReader) read() error {
	for {
		switch p.z.Next() {
		case html.ErrorToken:
			if err := p.z.Err(); err != io.EOF {
				return err
			}
			p.flush()
			return nil
		case html.TextToken:
			p.text(string(p.z.Text()))
		case html.StartTagToken:
			p.start(p.z.Token(), false)
		case html.SelfClosingTagToken:
			p.start(p.z.Token(), true)
		case html.EndTagToken:
			name, _ := p.z.TagName()
			p.end(atom.Lookup(name))
		}
	}
}

func (p *pageReader) text(s string) {
	switch {
	case p.inTitle:
		p.title = strings.Join(strings.Fields(s), " ")
	case p.skipped > 0:
	default:
		if strings.TrimSpace(s) != "" {
			if len(p.blocks) == 0 && p.cur.Len() == 0 {
				p.headingFirst = p.headings > 0
			}
			p.cur.WriteString(p.marker)
			p.marker = ""
		}
		p.cur.WriteString(s)
	}
}

func (p *pageReader) start(t html.Token, selfClosing bool) {
	a := t.DataAtom
	if p.skipped > 0 {
		if a == p.skipping && !selfClosing {
			p.skipped++
		}
		return
	}
	if p.dropped(a) {
		if !selfClosing && !isVoid(a) {
			p.skipping, p.skipped = a, 1
		}
		return
	}
	switch a {
	case atom.Title:
		p.inTitle = !selfClosing
		return
	case atom.Br:
		p.cur.WriteByte(' ')
		return
	case atom.H1, atom.H2, atom.H3:
		p.headings++
	case atom.Article, atom.Main, atom.Section:
		p.articles++
	case atom.Ul:
		p.lists = append(p.lists, -1)
	case atom.Ol:
		n := 1
		for _, at := range t.Attr {
			if at.Key == "start" {
				if v, err := strconv.Atoi(strings.TrimSpace(at.Val)); err == nil {
					n = v
				}
			}
		}
		p.lists = append(p.lists, n)
	}
	if isBlock(a) {
		p.flush()
	}
	if a == atom.Li {
		p.marker = p.nextMarker()
	}
}

func (p *pageReader) end(a atom.Atom) {
	if p.skipped > 0 {
		if a == p.skipping {
			p.skipped--
		}
		return
	}
	switch a {
	case atom.Title:
		p.inTitle = false
		return
	case atom.H1, atom.H2, atom.H3:
		p.headings = max(0, p.headings-1)
	case atom.Article, atom.Main, atom.Section:
		p.articles = max(0, p.articles-1)
	case atom.Ul, atom.Ol:
		if len(p.lists) > 0 {
			p.lists = p.lists[:len(p.lists)-1]
		}
	}
	if isBlock(a) {
		p.flush()
	}
	if a == atom.Li {
		p.marker = "" // an empty item's
	}
}

// dropped says whether an element's content is not part of the text: code,
// controls, and the page around the article. A header or footer inside an
// article belongs to it (its title, its byline), as in HTML's landmarks.
func (p *pageReader) dropped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math,
		atom.Nav, atom.Aside, atom.Form, atom.Button, atom.Select, atom.Textarea, atom.Iframe, atom.Object:
		return true
	case atom.Header, atom.Footer:
		return p.articles == 0
	}
	return false
}

// nextMarker is the bullet or number of a new list item, as the reader
// saw it.
func (p *pageReader) nextMarker() string {
	if len(p.lists) == 0 || p.lists[len(p.lists)-1] < 0 {
		return "• "
	}
	n := &p.lists[len(p.lists)-1]
	*n++
	return strconv.Itoa(*n-1) + ". "
}

func (p *pageReader) flush() {
	if s := strings.Join(strings.Fields(p.cur.String()), " "); s != "" {
		p.blocks = append(p.blocks, s)
	}
	p.cur.Reset()
}

func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Blockquote,
		atom.Pre, atom.Td, atom.Th, atom.Tr, atom.Dd, atom.Dt, atom.Figure, atom.Figcaption, atom.Caption,
		atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Body, atom.Table,
		atom.Ul, atom.Ol, atom.Dl, atom.Hr, atom.Address, atom.Details, atom.Summary:
		return true
	}
	return false
}
