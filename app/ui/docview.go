package ui

import (
	"encoding/json"
	"strconv"

	"github.com/claimmark/claimmark/app/document"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// docView renders a document's blocks, each as one element holding one
// text node, so a DOM offset inside a block is an offset into that
// block's text. The blocks are grouped in sections (Document.Sections),
// each marked with the index of its first block. Its props are pointers, so go-app skips it entirely
// unless another document is opened. The highlights are painted over it
// by the workspace's painter. It has no handlers of go-app's, which would
// render it again after each event: that was 30 ms a click on a long
// text. The page's listeners take clicks and focus (listenToText).
type docView struct {
	app.Compo
	Doc *document.Document
}

func (v *docView) Render() app.UI { return v.article() }

// listenToText makes a click on the text select what is there, and the
// focus show the reading cursor.
func (r *Reader) listenToText() {
	w := r.w
	r.listen("click", nil, func(e app.Value) {
		if t := e.Get("target"); t.Get("closest").Truthy() && t.Call("closest", "#document").Truthy() {
			w.clickText(e.Get("clientX").Float(), e.Get("clientY").Float())
			r.Update()
		}
	})
	r.listen("focusin", nil, func(e app.Value) {
		if inText(e) {
			w.cursor.focus()
		}
	})
	r.listen("focusout", nil, func(e app.Value) {
		if inText(e) {
			w.cursor.blur()
		}
	})
}

func (v *docView) article() app.UI {
	article := app.Article().ID("document").Class("doc")
	if v.Doc == nil {
		return article.Body(app.P().Class("loading").Text("Loading the text…"))
	}
	blocks, starts := v.Doc.Blocks, v.Doc.Sections()
	return article.
		DataSet("sha256", v.Doc.SHA256).
		// Reachable with Tab, for the reading cursor.
		TabIndex(0).
		Aria("label", "Text. Arrow keys move the reading cursor; s selects a sentence; c, e or p tags it; ? lists every key.").
		Body(app.Range(starts).Slice(func(s int) app.UI {
			from, to := starts[s], len(blocks)
			if s+1 < len(starts) {
				to = starts[s+1]
			}
			return app.Section().DataSet("first", strconv.Itoa(from)).Body(
				app.Range(blocks[from:to]).Slice(func(i int) app.UI {
					return block(blocks[from+i], from+i)
				}),
			)
		}))
}

// block is the element that shows block b, the i-th.
func block(b document.Block, i int) app.UI {
	switch blockElement(b.Kind) {
	case "h1":
		return app.H1().DataSet("block", strconv.Itoa(i)).Text(b.Text)
	case "h2":
		return app.H2().DataSet("block", strconv.Itoa(i)).Text(b.Text)
	}
	return app.P().DataSet("block", strconv.Itoa(i)).Text(b.Text)
}

// blockElement is the element that shows a block of this kind.
func blockElement(k document.Kind) string {
	switch k {
	case document.Title:
		return "h1"
	case document.Heading:
		return "h2"
	}
	return "p"
}

// screenKey holds the first screen of the text open last, which the page
// shows (claimmark.js) as soon as it is parsed: the page as served holds
// the default text, and the wasm that opens the reader's comes later.
const screenKey = "claimmark/screen"

// screenChars is how much of the text the first screen holds: more than a
// tall screen shows.
const screenChars = 8000

// keepScreen keeps the first screen of d for the next visit, or none for
// the default text, which the page as served shows already.
func keepScreen(d *document.Document) error {
	if def, err := defaultDocument(); err == nil && def.SHA256 == d.SHA256 {
		return localStorage{}.Remove(screenKey)
	}
	type screen struct {
		Doc    string      `json:"doc"`
		Blocks [][2]string `json:"blocks"` // element and text
	}
	s := screen{Doc: d.SHA256}
	for _, b := range d.Opening(screenChars) {
		s.Blocks = append(s.Blocks, [2]string{blockElement(b.Kind), b.Text})
	}
	data, err := json.Marshal(s)
	if err == nil {
		err = localStorage{}.Set(screenKey, string(data))
	}
	if err != nil {
		// Better no first screen than another text's.
		localStorage{}.Remove(screenKey)
	}
	return err
}
