package ui

import (
	"strconv"

	"github.com/claimmark/claimmark/app/document"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// docView renders a document's blocks, each as one element holding one
// text node, so a DOM offset inside a block is an offset into that
// block's text. Its props are pointers, so go-app skips it entirely
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
	return article.
		// Reachable with Tab, for the reading cursor.
		TabIndex(0).
		Aria("label", "Text. Arrow keys move the reading cursor; s selects a sentence; c, e or p tags it; ? lists every key.").
		Body(
			app.Range(v.Doc.Blocks).Slice(func(i int) app.UI {
				b := v.Doc.Blocks[i]
				switch b.Kind {
				case document.Title:
					return app.H1().DataSet("block", strconv.Itoa(i)).Text(b.Text)
				case document.Heading:
					return app.H2().DataSet("block", strconv.Itoa(i)).Text(b.Text)
				}
				return app.P().DataSet("block", strconv.Itoa(i)).Text(b.Text)
			}),
		)
}
