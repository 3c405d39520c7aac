package ui

import (
	"fmt"
	"strings"

	"github.com/claimmark/claimmark/app/classroom"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// openFiles opens the first of a FileList (from a picker or a drop): an
// annotation file is imported, any other is opened as a text.
func (im *imports) openFiles(files app.Value) {
	w := im.w
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	if files.Length() > 1 || strings.HasSuffix(strings.ToLower(files.Index(0).Get("name").String()), ".submission.json") {
		im.readFiles(files, im.compareFiles)
		return
	}
	file := files.Index(0)
	name := file.Get("name").String()
	limit := document.MaxSize
	if isAnnotationFile(name) {
		limit = format.MaxBackupSize // a backup of many texts; other files are checked once read
	}
	if size := file.Get("size").Int(); size > limit {
		w.fail(fmt.Sprintf("%s: the file is %.1f MB; claimmark reads files up to %d MB. Nothing was changed.", name, float64(size)/(1<<20), limit>>20))
		return
	}
	if isAnnotationFile(name) {
		im.placing = "Reading " + name + "…" // at once: a large file takes a moment to read
	}
	readFile(w.ctx, file, func(ctx app.Context, data []byte, err error) {
		if err == nil && isAnnotationFile(name) {
			im.file(name, data)
			return
		}
		im.placing = ""
		if err == nil {
			var d *document.Document
			if d, err = document.FromFile(name, data); err == nil {
				w.open(d)
				w.say("Opened " + name + ".")
				return
			}
		}
		w.fail(err.Error() + ". Nothing was changed.")
	})
}

// chosen opens the files chosen with a file input.
func (im *imports) chosen(ctx app.Context, e app.Event) {
	input := ctx.JSSrc()
	im.openFiles(input.Get("files"))
	// Let the same file be chosen again.
	input.Set("value", "")
}

// drop opens the files dropped on the page.
func (im *imports) drop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if dt := e.Get("dataTransfer"); dt.Truthy() {
		im.openFiles(dt.Get("files"))
	}
}

// readFiles reads every file of a FileList, then calls done with them.
func (im *imports) readFiles(list app.Value, done func([]classroom.File)) {
	perfMark("claimmark-files-start")
	n := list.Length()
	files := make([]classroom.File, n)
	left := n
	for i := range n {
		file := list.Index(i)
		name := file.Get("name").String()
		if size := file.Get("size").Int(); size > format.MaxFileSize {
			files[i] = classroom.File{Name: name}
			if left--; left == 0 {
				done(files)
			}
			continue
		}
		readFile(im.w.ctx, file, func(ctx app.Context, data []byte, err error) {
			files[i] = classroom.File{Name: name, Data: data}
			if left--; left == 0 {
				done(files)
			}
		})
	}
}
