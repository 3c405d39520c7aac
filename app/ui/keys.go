package ui

import (
	"strings"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// keyTags maps the tagging keys to their tags.
var keyTags = map[string]annotation.Tag{
	"c": annotation.Claim,
	"e": annotation.Evidence,
	"p": annotation.Prediction,
}

// isTyping reports whether a key event goes to a field the reader types in,
// where single-letter shortcuts must not fire.
func isTyping(e app.Value) bool {
	t := e.Get("target")
	if !t.Truthy() || t.Get("tagName").IsUndefined() {
		return false
	}
	switch t.Get("tagName").String() {
	case "INPUT", "TEXTAREA", "SELECT":
		return true
	}
	return t.Get("isContentEditable").Bool()
}

// undoKey says whether a key is undo (Ctrl+Z, Cmd+Z) or redo
// (Ctrl+Shift+Z, Cmd+Shift+Z, Ctrl+Y), or neither ("").
func undoKey(e app.Value) string {
	if !e.Get("ctrlKey").Bool() && !e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
		return ""
	}
	switch key, shift := strings.ToLower(e.Get("key").String()), e.Get("shiftKey").Bool(); {
	case key == "z" && !shift:
		return "undo"
	case key == "z" || key == "y" && !shift:
		return "redo"
	}
	return ""
}

func isPlainKey(e app.Value) bool {
	return !e.Get("ctrlKey").Bool() && !e.Get("metaKey").Bool() && !e.Get("altKey").Bool()
}

// shouldPrevent decides, synchronously in the event, whether claimmark
// handles a key so that the browser must not.
func shouldPrevent(e app.Value) bool {
	if isTyping(e) {
		return false
	}
	if undoKey(e) != "" || inText(e) && isReadingKey(e) {
		return true
	}
	if !isPlainKey(e) {
		return false
	}
	switch e.Get("key").String() {
	case "c", "e", "p", "j", "k", "l", "?":
		return true
	}
	return false
}

// inText reports whether a key event goes to the text itself, focused.
func inText(e app.Value) bool {
	t := e.Get("target")
	return t.Truthy() && t.Get("id").String() == "document"
}

// onKeyDown handles claimmark's keys outside text fields, and Esc
// everywhere. It counts them, so that a test can wait for the effect of
// its last key.
func (r *Reader) onKeyDown(e app.Value) {
	if e.Get("key").String() != "Escape" && isTyping(e) {
		return
	}
	r.keys++
	r.Update()
	w := r.w
	if !isTyping(e) && isPlainKey(e) && w.link.key(e) {
		return
	}
	if e.Get("key").String() == "Escape" && r.closeTop() || isTyping(e) {
		return
	}
	if inText(e) && (w.cursor.key(e) || e.Get("key").String() == "Escape" && w.cursor.clearSelection()) {
		return
	}
	switch undoKey(e) {
	case "undo":
		w.undo()
		return
	case "redo":
		w.redo()
		return
	}
	if !isPlainKey(e) {
		return
	}
	key := e.Get("key").String()
	if t, ok := keyTags[key]; ok {
		w.tag(t)
		return
	}
	switch key {
	case "Delete", "Backspace":
		w.delete(w.sess.Selected())
	case "?":
		r.keysOpen = true
	case "l":
		if sel := w.sess.Selected(); len(sel) == 1 {
			w.link.start(sel[0])
		} else {
			w.say("Select one annotation first, then press l to link it.")
		}
	case "j":
		w.move(1)
	case "k":
		w.move(-1)
	case "Escape":
		w.sess.ClearSelection()
		w.paint()
	}
}
