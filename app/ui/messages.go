package ui

import (
	"time"

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
	session.RetagAnyway: "Retag and remove links",
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

// message is the one-line status the reader sees after an action: the
// session's, or one about storage, files or the library.
type message struct {
	session.Message
	// undo is what the message's Undo does, when it offers one.
	undo func()
	// shown counts the messages shown, so that a fading one goes only if
	// no other came since.
	shown int
}

// messageFade is how long a confirmation stays.
const messageFade = 6 * time.Second

// showSession shows the session's message, its Undo bound to the session.
func (w *workspace) showSession() {
	m := message{Message: w.sess.Message()}
	if m.Offers(session.Undo) {
		m.undo = func() { w.edited(w.sess.Undo()) }
	}
	w.show(m)
}

// show shows m, and lets a confirmation fade.
func (w *workspace) show(m message) {
	m.shown = w.msg.shown + 1
	w.msg = m
	if m.Fades() && m.Text != "" && w.ctx != nil {
		w.ctx.After(messageFade, func(app.Context) {
			if w.msg.shown == m.shown {
				w.msg = message{shown: m.shown}
			}
		})
	}
}

func (w *workspace) say(text string, actions ...session.Action) {
	w.show(message{Message: session.Message{Text: text, Actions: actions}})
}

func (w *workspace) fail(text string, actions ...session.Action) {
	w.show(message{Message: session.Message{Text: text, Kind: session.Problem, Actions: actions}})
}

// onMessageAction does what the message's button offers.
func (w *workspace) onMessageAction(ctx app.Context, a app.Action) {
	if a.Name == actionMessageClose {
		w.msg = message{shown: w.msg.shown}
		return
	}
	act, _ := a.Value.(session.Action)
	if !w.msg.Offers(act) {
		return // a button of a message replaced since
	}
	switch act {
	case session.Undo:
		if undo := w.msg.undo; undo != nil {
			w.msg.undo = nil
			undo()
		}
	case session.Retry:
		w.storage.saver.Retry()
	case session.ExportNow:
		w.exportAs(exportKinds[0])
	case session.Reload:
		ctx.Reload()
	case session.RetagAnyway:
		w.edited(w.sess.ConfirmRetag())
	}
}
