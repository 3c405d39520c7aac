package ui

import (
	"strconv"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// On a phone, the page is the text: the selected annotation's editor is a
// sheet beside its passage, and the list a sheet of its own.

// narrowQuery is the width below which the page lays out for a phone.
const narrowQuery = "(max-width: 600px)"

// watchNarrow keeps w.narrow to the window's width, and refreshes the
// page when it changes.
func (r *Reader) watchNarrow() {
	mq := app.Window().Call("matchMedia", narrowQuery)
	r.w.narrow = mq.Get("matches").Bool()
	fn := app.FuncOf(func(_ app.Value, args []app.Value) any {
		narrow := args[0].Get("matches").Bool()
		r.w.dispatch(func() { r.w.narrow = narrow; r.Update() })
		return nil
	})
	mq.Call("addEventListener", "change", fn)
	r.w.listeners = append(r.w.listeners, func() {
		mq.Call("removeEventListener", "change", fn)
		fn.Release()
	})
}

// editorSheet is the selected annotation's editor on a phone, laid over
// the text just below the passage.
type editorSheet struct {
	app.Compo
	W          *workspace
	Annotation annotation.Annotation
}

func (s *editorSheet) OnMount(ctx app.Context)  { s.place(ctx) }
func (s *editorSheet) OnUpdate(ctx app.Context) { s.place(ctx) }

// place sets the sheet below its passage.
func (s *editorSheet) place(ctx app.Context) {
	a, w := s.Annotation, s.W
	ctx.Defer(func(app.Context) {
		sheet := app.Window().Get("document").Call("querySelector", ".editor-sheet")
		if !sheet.Truthy() || w.painter.doc == nil || !a.Placed() {
			return
		}
		at := w.painter.domRange(a.Start, a.End).Call("getBoundingClientRect")
		top := at.Get("bottom").Float() + app.Window().Get("scrollY").Float() + 8
		sheet.Get("style").Set("top", strconv.FormatFloat(top, 'f', 0, 64)+"px")
	})
}

func (s *editorSheet) Render() app.UI {
	a := s.Annotation
	return app.Section().Class("editor-sheet").Attr("role", "dialog").Aria("label", a.Tag.Label()+" selected").Body(
		app.Div().Class("sheet-head").Body(
			tagLabel(a.Tag),
			quote(a.Exact),
			app.Button().Class("dismiss").Aria("label", "Close").OnClick(func(ctx app.Context, e app.Event) {
				s.W.sess.ClearSelection()
				s.W.paint()
				s.W.refresh()
			}).Text("×"),
		),
		&annotationEditor{W: s.W, Annotation: a, Links: s.W.link.lines(a.ID)},
	)
}

// editorSheet is the sheet for the one annotation selected, on a phone.
func (w *workspace) editorSheet() app.UI {
	sel := w.sess.Selected()
	if !w.narrow || len(sel) != 1 {
		return nil
	}
	a, ok := w.sess.Find(sel[0])
	if !ok || !a.Placed() {
		return nil
	}
	return &editorSheet{W: w, Annotation: a}
}
