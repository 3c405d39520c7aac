package ui

import (
	"slices"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The reader's gestures on the text and its annotations, made through the
// session.

// tag tags the selected text, or retags the selected annotations; with
// neither, it says what to do.
func (w *workspace) tag(t annotation.Tag) {
	if w.doc == nil || w.refuseEdit() {
		return
	}
	start, end, ok := w.painter.selectedSpan()
	c := w.sess.Tag(t, start, end, ok)
	if ok && !c.Empty() {
		w.clearTextSelection()
	}
	w.edited(c)
}

func (w *workspace) clearTextSelection() {
	app.Window().Call("getSelection").Call("removeAllRanges")
	w.hasSelection = false
}

func (w *workspace) delete(ids []string) {
	if !w.refuseEdit() {
		w.edited(w.sess.Delete(ids))
	}
}

// undo and redo take back, or make again, the last change to the text.
func (w *workspace) undo() {
	if w.doc != nil && !w.refuseEdit() {
		w.edited(w.sess.Undo())
	}
}

func (w *workspace) redo() {
	if w.doc != nil && !w.refuseEdit() {
		w.edited(w.sess.Redo())
	}
}

// selectOnly selects one annotation and, if asked, scrolls its passage
// into view.
func (w *workspace) selectOnly(id string, scroll bool) {
	a, ok := w.sess.Find(id)
	if !ok || !w.sess.Select(id) {
		return
	}
	w.paint()
	if scroll && w.painter.doc != nil && a.Placed() {
		rect := w.painter.domRange(a.Start, a.End).Call("getBoundingClientRect")
		h := app.Window().Get("innerHeight").Float()
		if top := rect.Get("top").Float(); top < 80 || top > h-40 {
			app.Window().Call("scrollBy", 0, top-h/3)
		}
	}
}

// move selects the next (step 1) or previous (step -1) annotation of the
// list as filtered.
func (w *workspace) move(step int) {
	shown := w.sess.Shown()
	if len(shown) == 0 {
		return
	}
	at := -1
	if sel := w.sess.Selected(); len(sel) > 0 {
		at = slices.IndexFunc(shown, func(a annotation.Annotation) bool { return a.ID == sel[0] })
	}
	next := at + step
	if at < 0 && step < 0 {
		next = len(shown) - 1
	}
	next = max(0, min(len(shown)-1, next))
	id := shown[next].ID
	w.selectOnly(id, true)
	// The row may be rendered only on the next frame, if it was past the
	// page of the list shown.
	w.ctx.Defer(func(app.Context) {
		if item := app.Window().GetElementByID("item-" + id); item.Truthy() {
			item.Call("scrollIntoView", map[string]any{"block": "nearest"})
		}
	})
}

// attach gives an unplaced annotation the reader's selection as its place.
func (w *workspace) attach(id string) {
	start, end, ok := w.painter.selectedSpan()
	if !ok || w.refuseEdit() {
		return
	}
	c := w.sess.Attach(id, start, end)
	if !c.Empty() {
		w.clearTextSelection()
	}
	w.edited(c)
}

// clickText selects the annotations under a click that did not select
// text, or in the teacher's heat map shows who tagged the word.
func (w *workspace) clickText(x, y float64) {
	if w.doc == nil || w.painter.hasSelection() {
		return
	}
	offset, ok := w.painter.charAt(x, y)
	if ok {
		w.cursor.moveTo(offset)
		if app.Window().Get("document").Get("activeElement").Equal(w.painter.article()) {
			w.painter.paintCursor(w.cursor.c.At)
		}
	}
	if w.class != nil {
		if ok {
			w.class.clickWord(offset)
		}
		return
	}
	var ids []string
	if ok {
		for _, a := range w.index.At(offset) {
			ids = append(ids, a.ID)
		}
	}
	if w.link.active() {
		// The innermost passage there, other than the link's own.
		if ids = slices.DeleteFunc(ids, func(id string) bool { return id == w.link.from }); len(ids) > 0 {
			w.link.pick(ids[0])
		}
		return
	}
	w.sess.SelectAll(ids)
	w.paint()
}
