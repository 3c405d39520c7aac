package ui

import (
	"github.com/claimmark/claimmark/app/document"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// pasteSheet takes a text pasted or typed in, to open it.
type pasteSheet struct {
	app.Compo
	W *workspace
}

func (s *pasteSheet) Render() app.UI {
	return app.Section().Class("paste").Aria("label", "Paste a text").Body(
		app.Label().For("paste-text").Text("Text to open"),
		app.Textarea().ID("paste-text").Rows(8).Placeholder("Paste the text here. A short first line becomes its title."),
		app.Div().Body(
			app.Button().OnClick(s.open).Text("Open"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actionClose, sheetPaste) }).Text("Cancel"),
		),
	)
}

func (s *pasteSheet) open(ctx app.Context, e app.Event) {
	w := s.W
	defer w.refresh()
	text := app.Window().GetElementByID("paste-text").Get("value").String()
	if len(text) > document.MaxSize {
		w.fail("The pasted text is larger than 5 MB. Nothing was changed.")
		return
	}
	d, err := document.New(text)
	if err != nil {
		w.fail("Cannot open the pasted text: " + err.Error() + ".")
		return
	}
	w.open(d)
	w.say("Opened the pasted text.")
	ctx.NewActionWithValue(actionClose, sheetPaste)
}
