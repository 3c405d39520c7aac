package ui

import (
	"github.com/claimmark/claimmark/app/session"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// messageBar shows the message, fixed to the window: a live region that
// a screen reader reads politely, or at once for a problem. Its buttons
// send the reader what the message offers.
type messageBar struct {
	app.Compo
	Message session.Message
	// Shown tells one message from the next with the same text.
	Shown int
}

// actionLabels are the buttons of what a message offers.
var actionLabels = map[session.Action]string{
	session.Undo: "Undo", session.Retry: "Try again", session.ExportNow: "Export now", session.Reload: "Reload",
}

func (b *messageBar) Render() app.UI {
	m := b.Message
	problem := m.Kind == session.Problem
	role, live := "status", "polite"
	if problem {
		role, live = "alert", "assertive"
	}
	return app.Div().Class("message", classIf(problem, "error")).Attr("role", role).Attr("aria-live", live).Body(
		app.If(m.Text != "",
			app.Span().Text(m.Text),
			app.Range(m.Actions).Slice(func(i int) app.UI {
				a := m.Actions[i]
				return app.Button().OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actionMessageDo, a) }, a).Text(actionLabels[a])
			}),
			app.Button().Class("dismiss").Aria("label", "Dismiss").OnClick(func(ctx app.Context, e app.Event) {
				ctx.NewAction(actionMessageClose)
			}).Text("×"),
		),
	)
}

// onMessageAction does what the message's button offers.
func (r *Reader) onMessageAction(ctx app.Context, a app.Action) {
	if a.Name == actionMessageClose {
		r.msg = message{shown: r.msg.shown}
		return
	}
	act, _ := a.Value.(session.Action)
	if !r.msg.Offers(act) {
		return // a button of a message replaced since
	}
	switch act {
	case session.Undo:
		if undo := r.msg.undo; undo != nil {
			r.msg.undo = nil
			undo()
		}
	case session.Retry:
		r.storage.saver.Retry()
	case session.ExportNow:
		r.exportAs(exportKinds[0])
	case session.Reload:
		ctx.Reload()
	}
}
