package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// The page's listeners on the document and the window, released when it
// goes.

// listen adds a document event listener. h runs on the UI goroutine and
// calls r.Update when it changed what the page shows, so that frequent
// events such as selectionchange do not re-render for nothing. prevent,
// when set, decides within the event whether to cancel its default.
func (r *Reader) listen(event string, prevent func(app.Value) bool, h func(app.Value)) {
	doc := app.Window().Get("document")
	fn := app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		if prevent != nil && prevent(e) {
			e.Call("preventDefault")
		}
		r.w.ctx.Dispatcher().Dispatch(app.Dispatch{
			Mode:     app.Next,
			Source:   r,
			Function: func(app.Context) { h(e) },
		})
		return nil
	})
	doc.Call("addEventListener", event, fn)
	r.w.listeners = append(r.w.listeners, func() {
		doc.Call("removeEventListener", event, fn)
		fn.Release()
	})
}

// listenWindow runs h on the UI goroutine at each event of the window.
func (r *Reader) listenWindow(event string, h func()) {
	win := app.Window()
	fn := app.FuncOf(func(app.Value, []app.Value) any {
		r.w.dispatch(func() { h(); r.Update() })
		return nil
	})
	win.Call("addEventListener", event, fn)
	r.w.listeners = append(r.w.listeners, func() {
		win.Call("removeEventListener", event, fn)
		fn.Release()
	})
}
