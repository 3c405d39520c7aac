package ui

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/claimmark/claimmark/app/agreement"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/classroom"
	"github.com/claimmark/claimmark/app/format"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The teacher's comparison of a class's submissions: the table, the
// agreement figures, the text as a heat map of who tagged each word, and
// one student's work next to the key.

// classView is the comparison on screen, shared with the text: the heat
// map is painted over it, and a click on it picks a word.
type classView struct {
	report *classroom.Report
	word   *agreement.Word // the word clicked in the heat map
}

// heatLevels are the CSS highlights of the heat map, by the share of the
// class that tagged a word.
const heatLevels = 4

// compareFiles compares the submissions among files for the handout
// among them, or for the one compared last.
func (im *imports) compareFiles(files []classroom.File) {
	w := im.w
	defer w.refresh()
	var h *format.Handout
	var subs []classroom.File
	for _, f := range files {
		if format.Kind(f.Data) == format.HandoutName {
			hd, err := format.DecodeHandout(bytes.NewReader(f.Data))
			if err != nil {
				w.fail(f.Name + ": " + err.Error() + ". Nothing was compared.")
				return
			}
			h = hd
			continue
		}
		subs = append(subs, f)
	}
	if h == nil && w.class != nil {
		h = w.class.report.Handout
	}
	if h == nil {
		w.fail("To compare submissions, choose the handout together with them.")
		return
	}
	gathered, rejected := classroom.Gather(h, subs)
	var key []annotation.Annotation
	if h.HasKey {
		key = h.Key
	}
	report := classroom.Compare(h, key, gathered, rejected)
	perfMark("claimmark-compared")
	if w.doc == nil || w.doc.SHA256 != h.Doc.SHA256 {
		w.open(h.Doc)
	}
	w.class = &classView{report: report}
	w.paint()
	w.say(fmt.Sprintf("Compared %s for “%s”; %d rejected.", countText(len(gathered), "submission"), h.Title, len(rejected)))
}

// paintHeat paints each word some student tagged by the share of the
// class that did.
func (p *painter) paintHeat(words []agreement.Word, students int) {
	registry := app.Window().Get("CSS").Get("highlights")
	for level := 1; level <= heatLevels; level++ {
		name := "heat-" + strconv.Itoa(level)
		h, ok := p.highlights[name]
		if !ok {
			h = app.Window().Get("Highlight").New()
			h.Set("priority", -1)
			registry.Call("set", name, h)
			p.highlights[name] = h
		}
		h.Call("clear")
	}
	if students == 0 || p.doc == nil {
		return
	}
	for _, w := range words {
		n := 0
		for _, who := range w.By {
			n += len(who)
		}
		level := min(heatLevels, int(math.Ceil(float64(heatLevels*n)/float64(students))))
		p.highlights["heat-"+strconv.Itoa(level)].Call("add", p.domRange(w.Start, w.End))
	}
}

// clickWord shows who tagged the word at offset.
func (c *classView) clickWord(offset int) {
	words := c.report.Words
	i, found := slices.BinarySearchFunc(words, offset, func(w agreement.Word, o int) int {
		switch {
		case w.End <= o:
			return -1
		case w.Start > o:
			return 1
		}
		return 0
	})
	c.word = nil
	if found {
		c.word = &words[i]
	}
}

func figure(f agreement.Figure) string { return classroom.Figure(f.Value, f.Defined) }

// classPanel shows the comparison: the table, the figures, the word
// picked in the heat map, and one student's passages next to the key's.
type classPanel struct {
	app.Compo
	W      *workspace
	Report *classroom.Report
	Word   *agreement.Word

	student string            // the student shown next to the key
	of      *classroom.Report // the report student is of
}

// classPanel is the comparison's panel, while one is open.
func (w *workspace) classPanel() app.UI {
	if w.class == nil {
		return nil
	}
	return &classPanel{W: w, Report: w.class.report, Word: w.class.word}
}

func (p *classPanel) Render() app.UI {
	rep := p.Report
	if p.of != rep && len(rep.Rows) > 0 {
		p.of, p.student = rep, rep.Rows[0].Name
	}
	header := []string{"Student", "Claims", "Evidence", "Predictions"}
	if rep.Key != nil {
		header = append(header, "Matched", "Precision", "Recall", "F1")
	}
	score := func(v float64) string { return classroom.Figure(v, !math.IsNaN(v)) }
	return app.Section().Class("class").Aria("label", "Comparison").Body(
		app.H2().Text("Submissions for “"+rep.Handout.Title+"”"),
		app.If(len(rep.Rejected) > 0,
			app.Ul().Class("rejected").Aria("label", "Rejected files").Body(app.Range(rep.Rejected).Slice(func(i int) app.UI {
				x := rep.Rejected[i]
				return app.Li().Text("Rejected " + x.Name + ": " + x.Reason)
			})),
		),
		app.Table().Class("students").Body(
			app.THead().Body(app.Tr().Body(app.Range(header).Slice(func(i int) app.UI { return app.Th().Text(header[i]) }))),
			app.TBody().Body(app.Range(rep.Rows).Slice(func(i int) app.UI {
				row := rep.Rows[i]
				cells := []string{strconv.Itoa(row.Counts[annotation.Claim]), strconv.Itoa(row.Counts[annotation.Evidence]), strconv.Itoa(row.Counts[annotation.Prediction])}
				if s := row.Scores; s != nil {
					cells = append(cells, fmt.Sprintf("%d/%d", s.Matched, s.Key), score(s.Precision), score(s.Recall), score(s.F1))
				}
				return app.Tr().DataSet("student", row.Name).Class(classIf(row.Name == p.student, "current")).Body(
					app.Td().Body(app.Button().Class("link").OnClick(func(ctx app.Context, e app.Event) { p.student = row.Name }, row.Name).Text(row.Name)),
					app.Range(cells).Slice(func(j int) app.UI { return app.Td().Class("count").Text(cells[j]) }),
				)
			})),
		),
		app.H3().Text(fmt.Sprintf("Agreement among the students: Krippendorff's alpha, over the %d words of the text", rep.Units)),
		app.Dl().Class("figures").Body(
			app.Div().DataSet("alpha", "overall").Body(app.Dt().Text("Overall"), app.Dd().Text(figure(rep.Alpha[agreement.None]))),
			app.Range(annotation.Tags).Slice(func(i int) app.UI {
				t := annotation.Tags[i]
				return app.Div().DataSet("alpha", string(t)).Body(app.Dt().Text(t.Label()), app.Dd().Text(figure(rep.Alpha[t])))
			}),
		),
		app.If(len(rep.Pairs) > 0,
			app.H3().Text("Each pair: Cohen's kappa"),
			app.Ul().Class("pairs").Body(app.Range(rep.Pairs).Slice(func(i int) app.UI {
				p := rep.Pairs[i]
				return app.Li().Text(p.A + " / " + p.B + ": " + figure(p.Kappa))
			})),
		),
		app.P().Class("hint").Text("The text is shaded by how many students tagged each word; click a word to see who tagged it and how."),
		p.word(),
		p.studentView(),
		app.Div().Class("actions").Body(
			app.Button().OnClick(func(ctx app.Context, e app.Event) { p.exportCSV() }).Text("Export CSV"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { app.Window().Call("print") }).Text("Print"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { p.W.class = nil; p.W.paint(); p.W.refresh() }).Text("Close"),
		),
	)
}

func (p *classPanel) word() app.UI {
	w := p.Word
	if w == nil {
		return app.Div().Class("word")
	}
	var parts []string
	for _, t := range annotation.Tags {
		if who := w.By[t]; len(who) > 0 {
			parts = append(parts, t.Label()+": "+strings.Join(who, ", "))
		}
	}
	return app.Div().Class("word").Body(
		app.Strong().Text("“"+p.Report.Handout.Doc.Slice(w.Start, w.End)+"”"),
		app.Span().Text(" "+strings.Join(parts, "; ")),
	)
}

// studentView shows one student's passages next to the key's.
func (p *classPanel) studentView() app.UI {
	rep := p.Report
	mine := rep.Annotations[p.student]
	list := func(label string, as []annotation.Annotation, other []annotation.Annotation) app.UI {
		return app.Div().Body(
			app.H4().Text(label),
			app.Ol().Aria("label", label).Body(app.Range(as).Slice(func(i int) app.UI {
				a := as[i]
				matched := slices.ContainsFunc(other, func(o annotation.Annotation) bool { return agreement.Matches(a, o) })
				return app.Li().Class(classIf(matched, "matched")).DataSet("tag", string(a.Tag)).Body(
					tagLabel(a.Tag),
					quote(a.Exact),
				)
			})),
		)
	}
	return app.Div().Class("student-view").Body(
		app.H3().Text(p.student+"’s passages"),
		app.Div().Class("side-by-side").Body(
			list(p.student, mine, rep.Key),
			app.If(rep.Key != nil, list("Key", rep.Key, mine)),
		),
	)
}

func (p *classPanel) exportCSV() {
	w := p.W
	defer w.refresh()
	var buf bytes.Buffer
	if err := p.Report.WriteCSV(&buf); err != nil {
		w.fail("Export failed: " + err.Error())
		return
	}
	name := format.FileName(p.Report.Handout.Title, ".class.csv")
	download(name, "text/csv;charset=utf-8", buf.Bytes())
	w.say("Exported " + name + ".")
}
