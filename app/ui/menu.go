package ui

import (
	"cmp"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Actions the toolbar's components send to the reader.
const (
	actionExport       = "claimmark/export"        // value: the index in exportKinds
	actionCopyJSON     = "claimmark/copy-json"     // no value
	actionMakeHandout  = "claimmark/make-handout"  // no value
	actionPrint        = "claimmark/print"         // no value
	actionUndo         = "claimmark/undo"          // no value
	actionRedo         = "claimmark/redo"          // no value
	actionMessageDo    = "claimmark/message-do"    // value: the session.Action
	actionMessageClose = "claimmark/message-close" // no value
)

// menuItem is one entry of a menu: a button that sends an action with a
// value, or, with For, a label that opens that file input.
type menuItem struct {
	Label  string
	Action string
	Value  any
	For    string
}

// exportItems are the Export menu's entries, which the More menu of a
// phone holds too.
var exportItems = func() []menuItem {
	var items []menuItem
	for i, k := range exportKinds {
		items = append(items, menuItem{Label: k.label, Action: actionExport, Value: i})
	}
	return append(items,
		menuItem{Label: "Copy JSON", Action: actionCopyJSON},
		menuItem{Label: "Print…", Action: actionPrint},
		menuItem{Label: "Map of the argument", Action: actionToggle, Value: sheetMap},
		menuItem{Label: "Handout for a class…", Action: actionMakeHandout},
	)
}()

// menu is a button and the menu it opens. Whether it is open is its own
// state: Esc, or a click anywhere outside it, closes it, before the
// reader's own keys see the Esc.
type menu struct {
	app.Compo
	ID, Label string
	Text      string // what the button shows, when not its Label (which names it)
	Disabled  bool
	Items     []menuItem

	open      bool
	listeners []func()
}

func (m *menu) OnMount(ctx app.Context) {
	doc := app.Window().Get("document")
	onKey := app.FuncOf(func(_ app.Value, args []app.Value) any {
		if e := args[0]; m.open && e.Get("key").String() == "Escape" {
			e.Call("stopPropagation") // the Esc is the menu's
			ctx.Dispatch(func(app.Context) { m.open = false })
		}
		return nil
	})
	onClick := app.FuncOf(func(_ app.Value, args []app.Value) any {
		if t := args[0].Get("target"); m.open && !(t.Truthy() && m.JSValue().Call("contains", t).Bool()) {
			ctx.Dispatch(func(app.Context) { m.open = false })
		}
		return nil
	})
	// In the capture phase: before the reader's listener on the document.
	doc.Call("addEventListener", "keydown", onKey, true)
	doc.Call("addEventListener", "click", onClick, true)
	m.listeners = append(m.listeners, func() {
		doc.Call("removeEventListener", "keydown", onKey, true)
		doc.Call("removeEventListener", "click", onClick, true)
		onKey.Release()
		onClick.Release()
	})
}

func (m *menu) OnDismount() {
	for _, remove := range m.listeners {
		remove()
	}
	m.listeners = nil
}

func (m *menu) Render() app.UI {
	return app.Div().Class("menu-wrap").Body(
		app.Button().
			ID(m.ID).
			Disabled(m.Disabled).
			Aria("haspopup", "true").
			Aria("expanded", strconv.FormatBool(m.open)).
			Aria("label", m.Label).
			OnClick(m.toggle).
			Text(cmp.Or(m.Text, m.Label)),
		app.If(m.open,
			app.Div().Class("menu").Attr("role", "group").Aria("label", m.Label).Body(
				app.Range(m.Items).Slice(func(i int) app.UI {
					it := m.Items[i]
					if it.For != "" {
						return app.Label().Class("button").For(it.For).
							OnClick(func(ctx app.Context, e app.Event) { m.open = false }).Text(it.Label)
					}
					return app.Button().OnClick(func(ctx app.Context, e app.Event) {
						m.open = false
						ctx.NewActionWithValue(it.Action, it.Value)
					}, i).Text(it.Label)
				}),
			),
		),
	)
}

func (m *menu) toggle(ctx app.Context, e app.Event) {
	if m.open = !m.open; m.open {
		ctx.Defer(func(app.Context) { keepInView(m.JSValue().Call("querySelector", ".menu")) })
	}
}

// historyButtons are Undo and Redo, named for what they would do.
type historyButtons struct {
	app.Compo
	UndoLabel, RedoLabel string // "" when there is nothing to undo, or redo
}

func (h *historyButtons) Render() app.UI {
	name := func(label, none string) string {
		if label == "" {
			return none
		}
		return label
	}
	return app.Div().Class("history").Attr("role", "group").Aria("label", "History").Body(
		app.Button().ID("undo").Title("Undo (Ctrl+Z)").Aria("label", name(h.UndoLabel, "Undo: nothing to undo")).Disabled(h.UndoLabel == "").
			OnMouseDown(preventDefault).OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionUndo) }).Text("Undo"),
		app.Button().ID("redo").Title("Redo (Ctrl+Shift+Z)").Aria("label", name(h.RedoLabel, "Redo: nothing to redo")).Disabled(h.RedoLabel == "").
			OnMouseDown(preventDefault).OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionRedo) }).Text("Redo"),
	)
}
