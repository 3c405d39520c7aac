package ui

import (
	"fmt"
	"strings"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
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
	if undoKey(e) != "" {
		return true
	}
	if !isPlainKey(e) {
		return false
	}
	switch e.Get("key").String() {
	case "c", "e", "p", "j", "k":
		return true
	}
	return false
}

// onKeyDown handles claimmark's keys outside text fields, and Esc
// everywhere.
func (r *Reader) onKeyDown(e app.Value) {
	if e.Get("key").String() == "Escape" && r.closeTop() {
		r.Update()
		return
	}
	if isTyping(e) {
		return
	}
	switch undoKey(e) {
	case "undo":
		r.undo()
		r.Update()
		return
	case "redo":
		r.redo()
		r.Update()
		return
	}
	if !isPlainKey(e) {
		return
	}
	key := e.Get("key").String()
	if t, ok := keyTags[key]; ok {
		r.tag(t)
		r.Update()
		return
	}
	switch key {
	case "Delete", "Backspace":
		r.delete(r.sess.Selected())
	case "j":
		r.move(1)
	case "k":
		r.move(-1)
	case "Escape":
		r.sess.ClearSelection()
		r.paint()
	default:
		return
	}
	r.Update()
}

// openFiles opens the first of a FileList (from a picker or a drop): an
// annotation file is imported, any other is opened as a text.
func (r *Reader) openFiles(files app.Value) {
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	if files.Length() > 1 || strings.HasSuffix(strings.ToLower(files.Index(0).Get("name").String()), ".submission.json") {
		r.readFiles(files, r.compareFiles)
		return
	}
	file := files.Index(0)
	name := file.Get("name").String()
	limit := document.MaxSize
	if isAnnotationFile(name) {
		limit = format.MaxBackupSize // a backup of many texts; other files are checked once read
	}
	if size := file.Get("size").Int(); size > limit {
		r.fail(fmt.Sprintf("%s: the file is %.1f MB; claimmark reads files up to %d MB. Nothing was changed.", name, float64(size)/(1<<20), limit>>20))
		return
	}
	if isAnnotationFile(name) {
		r.placing = "Reading " + name + "…" // at once: a large file takes a moment to read
	}
	readFile(r.ctx, file, func(ctx app.Context, data []byte, err error) {
		if err == nil && isAnnotationFile(name) {
			r.importFile(name, data)
			return
		}
		r.placing = ""
		if err == nil {
			var d *document.Document
			if d, err = document.FromFile(name, data); err == nil {
				r.open(d)
				r.say("Opened " + name + ".")
				return
			}
		}
		r.fail(err.Error() + ". Nothing was changed.")
	})
}

func (r *Reader) onFileChosen(ctx app.Context, e app.Event) {
	input := ctx.JSSrc()
	r.openFiles(input.Get("files"))
	// Let the same file be chosen again.
	input.Set("value", "")
}

func (r *Reader) onDragOver(ctx app.Context, e app.Event) {
	e.PreventDefault()
}

func (r *Reader) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if dt := e.Get("dataTransfer"); dt.Truthy() {
		r.openFiles(dt.Get("files"))
	}
}

func (r *Reader) onPasteOpen(ctx app.Context, e app.Event) {
	text := app.Window().GetElementByID("paste-text").Get("value").String()
	if len(text) > document.MaxSize {
		r.fail("The pasted text is larger than 5 MB. Nothing was changed.")
		return
	}
	d, err := document.New(text)
	if err != nil {
		r.fail("Cannot open the pasted text: " + err.Error() + ".")
		return
	}
	r.open(d)
	r.say("Opened the pasted text.")
}

// closeTop closes the sheet on top: what Esc closes before it clears the
// selection (a menu open closes first, by itself). It reports whether it
// closed anything.
func (r *Reader) closeTop() bool {
	switch {
	case r.importing != nil:
		r.importing = nil
	case r.making:
		r.making = false
	case r.pasting:
		r.pasting = false
	case r.data != nil:
		r.data = nil
	case r.library != nil:
		r.library = nil
	default:
		return false
	}
	return true
}
