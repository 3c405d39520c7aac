package ui

import (
	"bytes"
	"io"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/store"
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
		func(w io.Writer, _ *document.Document, as []annotation.Annotation, _ time.Time) error {
			return format.EncodeCSV(w, as)
		}},
	{"Markdown report", ".report.md", "text/markdown;charset=utf-8",
		func(w io.Writer, d *document.Document, as []annotation.Annotation, _ time.Time) error {
			return format.EncodeMarkdown(w, d, as)
		}},
}

// exportAs downloads the annotations in one format.
func (r *Reader) exportAs(k exportKind) {
	if r.doc == nil {
		return
	}
	var buf bytes.Buffer
	if err := k.encode(&buf, r.doc, r.sess.Annotations(), time.Now()); err != nil {
		r.fail("Export failed: " + err.Error())
		return
	}
	name := format.FileName(r.title(), k.suffix)
	download(name, k.mime, buf.Bytes())
	r.exported()
	r.say("Exported " + countText(len(r.sess.Annotations()), "annotation") + " to " + name + ".")
}

// title is the open text's title: the one the reader gave it in the
// library, or its own.
func (r *Reader) title() string {
	if t := r.storage.info.Title; t != "" && r.storage.info.SHA256 == r.doc.SHA256 {
		return t
	}
	return r.doc.Title
}

// exported notes that the annotations as they are now have been exported.
func (r *Reader) exported() {
	s := &r.storage
	s.info.Exported, s.info.Changes = time.Now(), 0
	if !r.docSaved || s.outdated || r.loadErr != nil {
		return
	}
	info := s.info
	r.queue(store.Batch{Doc: r.doc.SHA256, Info: &info})
}

// copyJSON puts the claimmark JSON export on the clipboard.
func (r *Reader) copyJSON() {
	var buf bytes.Buffer
	if err := format.Encode(&buf, r.doc, r.sess.Annotations(), time.Now()); err != nil {
		r.fail("Copy failed: " + err.Error())
		return
	}
	clipboard := app.Window().Get("navigator").Get("clipboard")
	if !clipboard.Truthy() {
		r.fail("This browser does not let claimmark use the clipboard here; use Export instead.")
		return
	}
	n := len(r.sess.Annotations())
	then(clipboard.Call("writeText", buf.String()), func(app.Value) {
		r.ctx.Dispatch(func(app.Context) { r.exported(); r.say("Copied " + countText(n, "annotation") + " as claimmark JSON.") })
	}, func(err error) {
		r.ctx.Dispatch(func(app.Context) { r.fail("Copy failed: " + err.Error() + ". Use Export instead.") })
	})
}
