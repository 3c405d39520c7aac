package ui

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/claimmark/claimmark/app/agreement"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/classroom"
	"github.com/claimmark/claimmark/app/format"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// classPanel shows the comparison: the table, the figures, the word
// picked in the heat map, and one student's passages next to the key's.
type classPanel struct {
	app.Compo
	W      *workspace
	Report *classroom.Report
	Word   *agreement.Word

	student string            // the student shown next to the key
	of      *classroom.Report // the report student is of
	// tableOpen is set while the heat map's table is open; its rows are
	// rendered only then, as a long text has thousands.
	tableOpen bool
}

func (p *classPanel) OnMount(ctx app.Context)  { p.placeWord(ctx) }
func (p *classPanel) OnUpdate(ctx app.Context) { p.placeWord(ctx) }

// placeWord sets the popover of the word clicked beside the word, inside
// the window.
func (p *classPanel) placeWord(ctx app.Context) {
	w := p.Word
	if w == nil || p.W.painter.doc == nil {
		return
	}
	ctx.Defer(func(app.Context) {
		pop := app.Window().Get("document").Call("querySelector", ".class .word")
		if !pop.Truthy() {
			return
		}
		at := p.W.painter.domRange(w.Start, w.End).Call("getBoundingClientRect")
		win := app.Window()
		width := pop.Get("offsetWidth").Float()
		left := max(8, min(at.Get("left").Float(), win.Get("innerWidth").Float()-width-8))
		style := pop.Get("style")
		style.Set("left", strconv.FormatFloat(left+win.Get("scrollX").Float(), 'f', 0, 64)+"px")
		style.Set("top", strconv.FormatFloat(at.Get("bottom").Float()+win.Get("scrollY").Float()+6, 'f', 0, 64)+"px")
	})
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
	links := annotation.CountLinks(rep.Key) > 0
	if links {
		header = append(header, "Links matched", "Link precision", "Link recall", "Link F1")
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
		// The one box that may scroll sideways, on a narrow screen.
		app.Div().Class("table-scroll").Body(app.Table().Class("students").Body(
			app.THead().Body(app.Tr().Body(app.Range(header).Slice(func(i int) app.UI { return app.Th().Text(header[i]) }))),
			app.TBody().Body(app.Range(rep.Rows).Slice(func(i int) app.UI {
				row := rep.Rows[i]
				cells := []string{strconv.Itoa(row.Counts[annotation.Claim]), strconv.Itoa(row.Counts[annotation.Evidence]), strconv.Itoa(row.Counts[annotation.Prediction])}
				for _, s := range []*agreement.Scores{row.Scores, row.Links} {
					if s != nil {
						cells = append(cells, fmt.Sprintf("%d/%d", s.Matched, s.Key), score(s.Precision), score(s.Recall), score(s.F1))
					}
				}
				return app.Tr().DataSet("student", row.Name).Class(classIf(row.Name == p.student, "current")).Body(
					app.Td().Body(app.Button().Class("link").OnClick(func(ctx app.Context, e app.Event) { p.student = row.Name }, row.Name).Text(row.Name)),
					app.Range(cells).Slice(func(j int) app.UI { return app.Td().Class("count").Text(cells[j]) }),
				)
			})),
		)),
		app.If(rep.Key != nil, app.Ul().Class("explain").Body(
			app.Li().Text(classroom.ExplainMatch), app.Li().Text(classroom.ExplainPrecision),
			app.Li().Text(classroom.ExplainRecall), app.Li().Text(classroom.ExplainF1),
			app.If(links, app.Li().Text(classroom.ExplainLinks)),
		)),
		app.H3().Text(fmt.Sprintf("Agreement among the students: Krippendorff's alpha, over the %d words of the text", rep.Units)),
		app.P().Class("explain").Text(classroom.ExplainAlpha),
		app.Dl().Class("figures").Body(
			alphaFigure("overall", "Overall", rep.Alpha[agreement.None]),
			app.Range(annotation.Tags).Slice(func(i int) app.UI {
				t := annotation.Tags[i]
				return alphaFigure(string(t), t.Label(), rep.Alpha[t])
			}),
		),
		app.If(len(rep.Pairs) > 0,
			app.H3().Text("Each pair: Cohen's kappa"),
			app.P().Class("explain").Text(classroom.ExplainKappa),
			app.Ul().Class("pairs").Body(app.Range(rep.Pairs).Slice(func(i int) app.UI {
				p := rep.Pairs[i]
				return app.Li().Text(p.A + " / " + p.B + ": " + figure(p.Kappa))
			})),
		),
		app.P().Class("hint").Text("The text is shaded by how many students tagged each word; click a word to see who tagged it and how."),
		p.legend(),
		p.heatTable(),
		p.word(),
		p.studentView(),
		app.Div().Class("actions").Body(
			app.Button().OnClick(func(ctx app.Context, e app.Event) { p.exportCSV() }).Text("Export CSV"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { app.Window().Call("print") }).Text("Print"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { p.W.class = nil; p.W.paint(); p.W.refresh() }).Text("Close"),
		),
	)
}

// alphaFigure is one alpha with its verdict on Krippendorff's scale.
func alphaFigure(key, label string, f agreement.Figure) app.UI {
	return app.Div().DataSet("alpha", key).Body(
		app.Dt().Text(label),
		app.Dd().Text(figure(f)),
		app.Dd().Class("verdict").Text(classroom.AlphaVerdict(f.Value, f.Defined)),
	)
}

// legend names the heat map's shades, with how many words have each.
func (p *classPanel) legend() app.UI {
	rep := p.Report
	words := make(map[int]int, heatLevels)
	for _, w := range rep.Words {
		n := 0
		for _, who := range w.By {
			n += len(who)
		}
		words[classroom.HeatLevel(n, len(rep.Rows), heatLevels)]++
	}
	shades := classroom.HeatLegend(heatLevels, len(rep.Rows))
	return app.Ul().Class("heat-legend").Aria("label", "Shades of the text").Body(app.Range(shades).Slice(func(i int) app.UI {
		s := shades[i]
		return app.Li().DataSet("level", s.Level).Body(
			app.Span().Class("swatch", "heat-"+strconv.Itoa(s.Level)).Aria("hidden", "true"),
			app.Span().Text(fmt.Sprintf("tagged by %s: %s", s.Label, countText(words[s.Level], "word"))),
		)
	}))
}

// heatTable gives the heat map's figures as a table, for those who cannot
// see its shades: each word some student tagged, and how.
func (p *classPanel) heatTable() app.UI {
	rep := p.Report
	return app.Details().Class("heat-table").OnToggle(func(ctx app.Context, e app.Event) {
		p.tableOpen = ctx.JSSrc().Get("open").Bool()
	}).Body(
		app.Summary().Text("The shaded words as a table"),
		app.If(p.tableOpen, app.Div().Class("table-scroll").Body(app.Table().Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Word"), app.Th().Scope("col").Text("Students"),
				app.Th().Scope("col").Text("Claim"), app.Th().Scope("col").Text("Evidence"), app.Th().Scope("col").Text("Prediction"),
			)),
			app.TBody().Body(app.Range(rep.Words).Slice(func(i int) app.UI {
				w := rep.Words[i]
				n := 0
				for _, who := range w.By {
					n += len(who)
				}
				return app.Tr().Body(
					app.Th().Scope("row").Text(rep.Handout.Doc.Slice(w.Start, w.End)),
					app.Td().Class("count").Text(fmt.Sprintf("%d of %d", n, len(rep.Rows))),
					app.Td().Text(strings.Join(w.By[annotation.Claim], ", ")),
					app.Td().Text(strings.Join(w.By[annotation.Evidence], ", ")),
					app.Td().Text(strings.Join(w.By[annotation.Prediction], ", ")),
				)
			})),
		))),
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
	return app.Div().Class("word", "popover").Attr("role", "status").Body(
		app.Strong().Text("“"+p.Report.Handout.Doc.Slice(w.Start, w.End)+"”"),
		app.Span().Text(" "+strings.Join(parts, "; ")),
	)
}

// studentView shows one student's passages next to the key's.
func (p *classPanel) studentView() app.UI {
	rep := p.Report
	mine := rep.Annotations[p.student]
	list := func(label string, as, other []annotation.Annotation, isKey bool) app.UI {
		return app.Div().Body(
			app.H4().Text(label),
			app.Ol().Aria("label", label).Body(app.Range(as).Slice(func(i int) app.UI {
				a := as[i]
				m := classroom.MarkOf(a, other, isKey)
				return app.Li().Class(classIf(m.Symbol == "✓", "matched")).DataSet("tag", string(a.Tag)).Body(
					app.Span().Class("mark").Text(m.Symbol+" "+m.Words+": "),
					tagLabel(a.Tag),
					quote(a.Exact),
				)
			})),
		)
	}
	return app.Div().Class("student-view").Body(
		app.H3().Text(p.student+"’s passages"),
		app.Div().Class("side-by-side").Body(
			list(p.student, mine, rep.Key, false),
			app.If(rep.Key != nil, list("Key", rep.Key, mine, true)),
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
