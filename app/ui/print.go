package ui

import (
	"strconv"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// printView is the text as it prints: its title, what it is and when it
// was printed, a legend of the tags, the text with each passage marked
// by its tag's underline (which survives when backgrounds are not
// printed), and each note as a numbered footnote at the end of its
// section. It is hidden on screen, and is there only once Print was
// chosen, as it renders the whole text a second time.
type printView struct {
	app.Compo
	W   *workspace
	Rev int // renders with the page
}

// section is a heading and the blocks up to the next one.
type printSection struct{ first, end int }

func (v *printView) Render() app.UI {
	w := v.W
	if w.doc == nil {
		return app.Section().Class("print-view")
	}
	d, as := w.doc, w.sess.Annotations()
	numbers := map[string]int{} // footnote numbers of the annotations with a note
	for _, a := range as {
		if a.Placed() && a.Note != "" {
			numbers[a.ID] = len(numbers) + 1
		}
	}
	var sections []printSection
	for i, b := range d.Blocks {
		if i == 0 || b.Kind != document.Paragraph {
			sections = append(sections, printSection{first: i})
		}
		sections[len(sections)-1].end = i + 1
	}
	return app.Section().Class("print-view").Aria("label", "The text as it prints").Body(
		app.Header().Body(
			app.P().Class("print-title").Text(w.title()),
			app.P().Class("print-source").Text("Text of "+strconv.Itoa(d.Len())+" characters, SHA-256 "+d.SHA256[:16]+"…, annotated with claimmark · printed "+time.Now().Format("2 January 2006")),
			app.Ul().Class("print-legend").Aria("label", "Tags").Body(app.Range(annotation.Tags).Slice(func(i int) app.UI {
				t := annotation.Tags[i]
				return app.Li().Body(app.Span().Class("p-"+string(t)).Text(t.Label()), app.Span().Text(" "+underlineOf[t]))
			})),
		),
		app.Range(sections).Slice(func(i int) app.UI { return v.section(sections[i], as, numbers) }),
	)
}

// underlineOf says how each tag is underlined, in the legend.
var underlineOf = map[annotation.Tag]string{
	annotation.Claim: "solid underline", annotation.Evidence: "dotted underline", annotation.Prediction: "wavy underline",
}

func (v *printView) section(s printSection, as []annotation.Annotation, numbers map[string]int) app.UI {
	d := v.W.doc
	var blocks []app.UI
	var notes []annotation.Annotation
	for i := s.first; i < s.end; i++ {
		b := d.Blocks[i]
		var here []annotation.Annotation
		for _, a := range as {
			if a.Placed() && a.Start < b.End && a.End > b.Start {
				here = append(here, a)
				if numbers[a.ID] > 0 && a.End <= b.End && a.End > b.Start {
					notes = append(notes, a)
				}
			}
		}
		var parts []app.UI
		for _, seg := range annotation.Segments(here, b.Start, b.End) {
			var el app.UI = app.Span().Text(d.Slice(seg.Start, seg.End))
			for _, j := range seg.Covering {
				el = app.Span().Class("p-" + string(here[j].Tag)).Body(el)
			}
			parts = append(parts, el)
			for _, j := range seg.Covering {
				if n := numbers[here[j].ID]; n > 0 && here[j].End == seg.End {
					parts = append(parts, app.Sup().Class("note-ref").Text(strconv.Itoa(n)))
				}
			}
		}
		switch b.Kind {
		case document.Title:
			blocks = append(blocks, app.H1().Body(parts...))
		case document.Heading:
			blocks = append(blocks, app.H2().Body(parts...))
		default:
			blocks = append(blocks, app.P().Body(parts...))
		}
	}
	if len(notes) > 0 {
		blocks = append(blocks, app.Ol().Class("footnotes").Aria("label", "Notes").Body(app.Range(notes).Slice(func(i int) app.UI {
			a := notes[i]
			return app.Li().Attr("value", numbers[a.ID]).Text(a.Tag.Label() + ": " + a.Note)
		})))
	}
	return app.Div().Class("print-section").Body(blocks...)
}
