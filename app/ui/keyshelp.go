package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// keysHelp lists every key, as the sheet that ? opens shows them.
var keysHelp = []struct{ keys, does string }{
	{"Tab", "Reach the text (first, “Skip to text”), then the list and the controls"},
	{"← →", "Move the reading cursor a word back or on"},
	{"↑ ↓", "Move it a line up or down"},
	{"[ ]", "Move it to the start of this or the previous sentence, or to the next"},
	{"Home End", "Move it to the start or the end of the paragraph"},
	{"s", "Select the sentence at the cursor; again, add the next sentence"},
	{"Shift+← Shift+→", "Shrink or grow the selection by a word"},
	{"Shift+↑ Shift+↓", "Grow the selection a line up or down"},
	{"c e p", "Tag the selection as a claim, evidence or a prediction; retag the selected annotation"},
	{"j k", "Select the next or the previous annotation of the list"},
	{"l", "Link the selected annotation: then j k to the passage it links to, Enter, and choose how"},
	{"Delete", "Delete the selected annotation"},
	{"Esc", "Close the menu or sheet on top, then drop the selection"},
	{"Ctrl+Z", "Undo (⌘Z on a Mac)"},
	{"Ctrl+Shift+Z, Ctrl+Y", "Redo (⇧⌘Z on a Mac)"},
	{"?", "Show these keys"},
}

// keysSheet shows every key. It takes the focus, so that Esc or Enter
// closes it at once.
type keysSheet struct {
	app.Compo
	opener app.Value // what had the focus, which gets it back
}

func (k *keysSheet) OnMount(ctx app.Context) {
	k.opener = app.Window().Get("document").Get("activeElement")
	ctx.Defer(func(app.Context) {
		if b := app.Window().GetElementByID("keys-close"); b.Truthy() {
			b.Call("focus")
		}
	})
}

func (k *keysSheet) OnDismount() {
	if k.opener != nil && k.opener.Truthy() && k.opener.Get("isConnected").Bool() {
		k.opener.Call("focus")
	}
}

func (k *keysSheet) Render() app.UI {
	return app.Section().Class("keys").Attr("role", "dialog").Aria("labelledby", "keys-title").Body(
		app.H2().ID("keys-title").Text("Keys"),
		app.Table().Body(
			app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Key"), app.Th().Scope("col").Text("What it does"))),
			app.TBody().Body(app.Range(keysHelp).Slice(func(i int) app.UI {
				return app.Tr().Body(app.Th().Scope("row").Body(app.Span().Class("key").Text(keysHelp[i].keys)), app.Td().Text(keysHelp[i].does))
			})),
		),
		app.Button().ID("keys-close").Class("dismiss").Aria("label", "Close").
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actionClose, sheetKeys) }).Text("×"),
	)
}
