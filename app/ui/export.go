package ui

import (
	"bytes"
	"io"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// exportKind is one of the formats the Export menu offers.
type exportKind struct {
	label, suffix, mime string
	encode              func(io.Writer, *document.Document, []annotation.Annotation, time.Time) error
}

var exportKinds = []exportKind{
	{"claimmark JSON", ".claimmark.json", "application/json", format.Encode},
	{"W3C Web Annotation", ".annotations.jsonld", "application/ld+json",
		func(w io.Writer, d *document.Document, as []annotation.Annotation, _ time.Time) error {
			return format.EncodeWebAnnotation(w, d, as)
		}},
	{"CSV", ".annotations.csv", "text/csv;charset=utf-8",
		func(w io.Writer, d *document.Document, as []annotation.Annotation, _ time.Time) error {
			return format.EncodeCSV(w, d, as)
		}},
	{"Markdown report", ".report.md", "text/markdown;charset=utf-8",
		func(w io.Writer, d *document.Document, as []annotation.Annotation, _ time.Time) error {
			return format.EncodeMarkdown(w, d, as)
		}},
	{"Argdown", ".argdown", "text/plain;charset=utf-8",
		func(w io.Writer, d *document.Document, as []annotation.Annotation, _ time.Time) error {
			return format.EncodeArgdown(w, d, as)
		}},
	{"AIF JSON", ".aif.json", "application/json",
		func(w io.Writer, _ *document.Document, as []annotation.Annotation, _ time.Time) error {
			return format.EncodeAIF(w, as)
		}},
}

// exportAs downloads the annotations in one format.
func (w *workspace) exportAs(k exportKind) {
	if w.doc == nil {
		return
	}
	var buf bytes.Buffer
	if err := k.encode(&buf, w.doc, w.sess.Annotations(), time.Now()); err != nil {
		w.fail("Export failed: " + err.Error())
		return
	}
	name := format.FileName(w.title(), k.suffix)
	download(name, k.mime, buf.Bytes())
	w.storage.exported()
	w.say("Exported " + countText(len(w.sess.Annotations()), "annotation") + " to " + name + ".")
}

// title is the open text's title: the one the reader gave it in the
// library, or its own.
func (w *workspace) title() string {
	if t := w.storage.info.Title; t != "" && w.storage.info.SHA256 == w.doc.SHA256 {
		return t
	}
	return w.doc.Title
}

// copyJSON puts the claimmark JSON export on the clipboard.
func (w *workspace) copyJSON() {
	var buf bytes.Buffer
	if err := format.Encode(&buf, w.doc, w.sess.Annotations(), time.Now()); err != nil {
		w.fail("Copy failed: " + err.Error())
		return
	}
	clipboard := app.Window().Get("navigator").Get("clipboard")
	if !clipboard.Truthy() {
		w.fail("This browser does not let claimmark use the clipboard here; use Export instead.")
		return
	}
	n := len(w.sess.Annotations())
	then(clipboard.Call("writeText", buf.String()), func(app.Value) {
		w.ctx.Dispatch(func(app.Context) {
			w.storage.exported()
			w.say("Copied " + countText(n, "annotation") + " as claimmark JSON.")
		})
	}, func(err error) {
		w.ctx.Dispatch(func(app.Context) { w.fail("Copy failed: " + err.Error() + ". Use Export instead.") })
	})
}
