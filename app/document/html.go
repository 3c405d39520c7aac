package document

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TextOfHTML returns the readable text of an HTML page, as claimmark
// opens it: the page's first heading (or its <title>) as the title line,
// then each heading and paragraph as a block of its own, in order, blocks
// apart by a blank line. Scripts, styles, forms, navigation and other
// markup are dropped; text is never interpreted as markup again.
func TextOfHTML(data []byte) (string, error) {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	var blocks []string
	var title string
	var cur strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(cur.String()), " "); s != "" {
			blocks = append(blocks, s)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math,
				atom.Nav, atom.Form, atom.Button, atom.Select, atom.Textarea, atom.Iframe, atom.Object, atom.Head:
				if n.DataAtom == atom.Head {
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.DataAtom == atom.Title && c.FirstChild != nil {
							title = strings.Join(strings.Fields(c.FirstChild.Data), " ")
						}
					}
				}
				return
			case atom.Br:
				cur.WriteByte(' ')
				return
			}
		}
		block := n.Type == html.ElementNode && isBlock(n.DataAtom)
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(root)
	flush()
	if len(blocks) == 0 {
		return "", ErrEmpty
	}
	if title != "" && (len(blocks) == 0 || !strings.EqualFold(blocks[0], title)) && !startsWithHeading(root) {
		blocks = append([]string{title}, blocks...)
	}
	return strings.Join(blocks, "\n\n"), nil
}

// startsWithHeading says whether the page's first text is a heading,
// which then serves as the title.
func startsWithHeading(root *html.Node) bool {
	var first *html.Node
	var find func(n *html.Node) bool
	find = func(n *html.Node) bool {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Head || n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Nav) {
			return false
		}
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			first = n
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if find(c) {
				return true
			}
		}
		return false
	}
	find(root)
	for p := first; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.H1, atom.H2, atom.H3:
			return true
		}
	}
	return false
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Blockquote,
		atom.Pre, atom.Td, atom.Th, atom.Tr, atom.Dd, atom.Dt, atom.Figcaption, atom.Caption, atom.Section,
		atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside, atom.Body, atom.Table, atom.Ul, atom.Ol, atom.Hr:
		return true
	}
	return false
}
