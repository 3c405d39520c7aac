package ui

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/session"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// placingSlice is how long placement runs before it lets the page paint;
// it keeps the page responsive while many annotations are re-anchored.
const placingSlice = 30 * time.Millisecond

// importPreview is what an import would do, shown before anything changes.
type importPreview struct {
	file     string
	title    string
	relation string
	fileDoc  *document.Document // the file's own text, when it has one and it differs
	shape    string
	skipped  []skippedGroup
	original []annotation.Annotation
	placed   []annotation.Annotation
	methods  map[anchor.Method]int
	counts   annotation.Counts
}

// isAnnotationFile tells an import from a text to open, by its name. A
// CSV is claimmark's own export, read back.
func isAnnotationFile(name string) bool {
	name = strings.ToLower(name)
	return strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".jsonld") || strings.HasSuffix(name, ".csv")
}

// imports is the reading of files dropped or chosen: annotations to
// preview and import, backups to restore, handouts to open, a class's
// submissions to compare.
type imports struct {
	w       *workspace
	placing string // what an import in progress is doing
	preview *importPreview
}

// file decodes an annotation file, places its annotations in the
// current text, and shows the preview, saying how far it has come on the
// way. Nothing is saved yet.
func (im *imports) file(name string, data []byte) {
	w := im.w
	switch format.Kind(data) {
	case format.BackupName:
		im.placing = ""
		im.restoreBackup(name, data)
		return
	case format.HandoutName:
		im.placing = ""
		im.startExercise(name, data)
		return
	}
	if w.doc == nil {
		im.placing = ""
		return
	}
	im.placing = "Reading " + name + "…"
	doc := w.doc
	w.ctx.Async(func() {
		yieldToBrowser() // the message is painted before the work starts
		imp, fileDoc, err := format.DecodeAny(bytes.NewReader(data), time.Now())
		if err != nil {
			w.ctx.Dispatch(func(app.Context) {
				im.placing = ""
				w.fail(name + ": " + err.Error() + ". Nothing was changed.")
			})
			return
		}
		sameText := imp.Source == format.SourceIRI(doc)
		if len(imp.Annotations) == 0 && len(imp.Skipped) > 0 {
			w.ctx.Dispatch(func(app.Context) {
				im.placing = ""
				w.fail(fmt.Sprintf("Nothing in %s can be imported: it is %s, and all it holds is left out (%s). Nothing was changed.", name, imp.Shape, imp.SkippedSummary()))
			})
			return
		}
		if len(imp.Annotations) == 0 && (fileDoc == nil || sameText) {
			w.ctx.Dispatch(func(app.Context) {
				im.placing = ""
				w.fail(name + " holds no annotations. Nothing was changed.")
			})
			return
		}
		p := &importPreview{file: name, title: imp.Title, shape: imp.Shape, skipped: groupSkipped(imp), original: imp.Annotations}
		switch {
		case sameText:
			p.relation = "this text"
		case fileDoc != nil:
			p.relation = "another version of this text, or another text"
			p.fileDoc = fileDoc
		case imp.Source == "":
			p.relation = "a text the file does not name"
		default:
			p.relation = "a text claimmark cannot check (the file names " + imp.Source + ")"
		}
		if p.title == "" {
			p.title = name
		}
		incoming := imp.Annotations
		placed := make([]annotation.Annotation, len(incoming))
		methods := map[anchor.Method]int{}
		slice := time.Now().Add(placingSlice)
		for i, a := range incoming {
			var pl anchor.Placement
			placed[i], pl = anchor.PlaceOne(doc, a, sameText)
			methods[pl.Method]++
			if time.Now().After(slice) {
				progress := fmt.Sprintf("Placing %s from %s: %d%%…", countText(len(incoming), "annotation"), name, 100*i/len(incoming))
				w.ctx.Dispatch(func(app.Context) {
					if im.placing != "" {
						im.placing = progress
					}
				})
				yieldToBrowser()
				slice = time.Now().Add(placingSlice)
			}
		}
		w.ctx.Dispatch(func(app.Context) {
			im.placing = ""
			if w.doc != doc {
				return // another text was opened meanwhile
			}
			p.placed, p.methods = placed, methods
			p.counts = annotation.Classify(w.sess.Annotations(), placed)
			im.preview = p
		})
	})
}

// yieldToBrowser lets the browser paint and handle input: in WebAssembly
// a goroutine that never waits holds the page's only thread.
func yieldToBrowser() { time.Sleep(time.Millisecond) }

// apply merges the previewed annotations into, or puts them in place
// of, the current ones, all or nothing.
func (im *imports) apply(replace bool) {
	w := im.w
	p := im.preview
	if p == nil || w.refuseEdit() {
		return
	}
	if w.loadErr != nil {
		w.fail("Import failed, and nothing was changed: the annotations saved earlier for this text could not be read, and saving now would overwrite them.")
		return
	}
	if replace {
		w.storage.snapshot(true)
	}
	c, err := w.sess.Import(p.placed, replace, p.file)
	if err == nil {
		im.preview = nil
	}
	w.edited(c)
}

// openText opens the text a claimmark JSON file carries, with the
// file's annotations merged into any already saved for that text.
func (im *imports) openText() {
	w := im.w
	p := im.preview
	if p == nil || p.fileDoc == nil || w.refuseEdit() {
		return
	}
	im.preview = nil
	w.open(p.fileDoc)
	if w.loadErr != nil {
		return
	}
	incoming, _ := anchor.PlaceAll(p.fileDoc, p.original, true)
	if _, err := w.sess.Import(incoming, false, p.file); err != nil {
		w.showSession()
		return
	}
	w.changed(nil)
	if w.msg.Kind != session.Problem {
		w.say(fmt.Sprintf("Opened the text of %s with %s.", p.file, countText(len(w.sess.Annotations()), "annotation")))
	}
}

// importSummary is what the import sheet shows of an import in progress
// (Placing) or of its preview: counts, not the annotations, so that
// comparing it between renders costs nothing.
type importSummary struct {
	Placing                            string
	File, Title, Relation              string
	Annotations                        int
	New, Duplicate, Conflict           int
	ByPosition, ByQuote, ByFuzzy, Lost int
	CanOpenText                        bool
	Shape                              string
	Skipped                            []skippedGroup
}

// skippedGroup is what an import leaves out for one reason: how many, and
// the quotes of the first of them.
type skippedGroup struct {
	Reason string
	Count  int
	Quotes []string
}

// skippedShown is how many quotes of a reason the preview lists.
const skippedShown = 20

func groupSkipped(imp *format.Imported) []skippedGroup {
	var groups []skippedGroup
	for _, g := range imp.SkippedByReason() {
		shown := skippedGroup{Reason: g.Reason, Count: len(g.Items)}
		for _, s := range g.Items[:min(len(g.Items), skippedShown)] {
			quote := "(no passage)"
			if s.Quote != "" {
				quote = "“" + annotation.Shorten(s.Quote, 80) + "”"
			}
			shown.Quotes = append(shown.Quotes, quote)
		}
		groups = append(groups, shown)
	}
	return groups
}

// sheet is the import sheet while an import is under way.
func (im *imports) sheet() app.UI {
	if sum := im.summary(); sum != nil {
		return &importSheet{Import: *sum}
	}
	return nil
}

// importSummary is the sheet's props; nil when no import is under way.
func (im *imports) summary() *importSummary {
	switch p := im.preview; {
	case im.placing != "":
		return &importSummary{Placing: im.placing}
	case p != nil:
		return &importSummary{
			File: p.file, Title: p.title, Relation: p.relation, Annotations: len(p.placed),
			New: p.counts.New, Duplicate: p.counts.Duplicate, Conflict: p.counts.Conflict,
			ByPosition: p.methods[anchor.ByPosition], ByQuote: p.methods[anchor.ByQuote],
			ByFuzzy: p.methods[anchor.ByFuzzyQuote], Lost: p.methods[anchor.Orphaned],
			CanOpenText: p.fileDoc != nil,
			Shape:       p.shape, Skipped: p.skipped,
		}
	}
	return nil
}

// act does what the import sheet's buttons ask.
func (im *imports) act(ctx app.Context, a app.Action) {
	switch a.Name {
	case actionImportMerge:
		im.apply(false)
	case actionImportReplace:
		im.apply(true)
	case actionImportOpenText:
		im.openText()
	case actionImportCancel:
		im.preview = nil
	}
}
