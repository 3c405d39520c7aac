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
// by the workspace's painter, and a click on it selects what is there.
type docView struct {
	app.Compo
	W   *workspace
	Doc *document.Document
}

func (v *docView) Render() app.UI {
	return app.Div().OnClick(v.onClick).Body(v.article())
}

func (v *docView) onClick(ctx app.Context, e app.Event) {
	if v.W != nil {
		v.W.clickText(e.Get("clientX").Float(), e.Get("clientY").Float())
		v.W.refresh()
	}
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
		OnFocus(func(ctx app.Context, e app.Event) { v.W.cursor.focus() }).
		OnBlur(func(ctx app.Context, e app.Event) { v.W.cursor.blur() }).
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
