package ui

import (
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

// exportMenu is the Export button and the menu it opens. Whether it is
// open is its own state: Esc, or a click anywhere outside it, closes it,
// before the reader's own keys see the Esc.
type exportMenu struct {
	app.Compo
	Disabled bool

	open      bool
	listeners []func()
}

func (m *exportMenu) OnMount(ctx app.Context) {
	doc := app.Window().Get("document")
	onKey := app.FuncOf(func(_ app.Value, args []app.Value) any {
		if e := args[0]; m.open && e.Get("key").String() == "Escape" {
			e.Call("stopPropagation") // the Esc is the menu's
			ctx.Dispatch(func(app.Context) { m.open = false })
		}
		return nil
	})
	onClick := app.FuncOf(func(_ app.Value, args []app.Value) any {
		if t := args[0].Get("target"); m.open && !(t.Truthy() && t.Get("closest").Truthy() && t.Call("closest", ".menu-wrap").Truthy()) {
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

func (m *exportMenu) OnDismount() {
	for _, remove := range m.listeners {
		remove()
	}
	m.listeners = nil
}

func (m *exportMenu) Render() app.UI {
	return app.Div().Class("menu-wrap").Body(
		app.Button().
			ID("export-button").
			Disabled(m.Disabled).
			Aria("haspopup", "true").
			Aria("expanded", strconv.FormatBool(m.open)).
			OnClick(m.toggle).
			Text("Export"),
		app.If(m.open,
			app.Div().Class("menu").Attr("role", "group").Aria("label", "Export as").Body(
				app.Range(exportKinds).Slice(func(i int) app.UI {
					return app.Button().OnClick(func(ctx app.Context, e app.Event) { m.choose(ctx, actionExport, i) }, i).Text(exportKinds[i].label)
				}),
				app.Button().OnClick(func(ctx app.Context, e app.Event) { m.choose(ctx, actionCopyJSON, nil) }).Text("Copy JSON"),
				app.Button().OnClick(func(ctx app.Context, e app.Event) { m.choose(ctx, actionPrint, nil) }).Text("Print…"),
				app.Button().OnClick(func(ctx app.Context, e app.Event) { m.choose(ctx, actionMakeHandout, nil) }).Text("Handout for a class…"),
			),
		),
	)
}

func (m *exportMenu) toggle(ctx app.Context, e app.Event) {
	if m.open = !m.open; m.open {
		ctx.Defer(func(app.Context) { keepInView(app.Window().Get("document").Call("querySelector", ".menu")) })
	}
}

func (m *exportMenu) choose(ctx app.Context, action string, value any) {
	m.open = false
	ctx.NewActionWithValue(action, value)
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
