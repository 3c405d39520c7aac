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

// classView is the comparison on screen.
type classView struct {
	report  *classroom.Report
	student string          // the student shown next to the key
	word    *agreement.Word // the word clicked in the heat map
}

// heatLevels are the CSS highlights of the heat map, by the share of the
// class that tagged a word.
const heatLevels = 4

// compareFiles compares the submissions among files for the handout
// among them, or for the one compared last.
func (r *Reader) compareFiles(files []classroom.File) {
	var h *format.Handout
	var subs []classroom.File
	for _, f := range files {
		if format.Kind(f.Data) == format.HandoutName {
			hd, err := format.DecodeHandout(bytes.NewReader(f.Data))
			if err != nil {
				r.fail(f.Name + ": " + err.Error() + ". Nothing was compared.")
				return
			}
			h = hd
			continue
		}
		subs = append(subs, f)
	}
	if h == nil && r.class != nil {
		h = r.class.report.Handout
	}
	if h == nil {
		r.fail("To compare submissions, choose the handout together with them.")
		return
	}
	gathered, rejected := classroom.Gather(h, subs)
	var key []annotation.Annotation
	if h.HasKey {
		key = h.Key
	}
	report := classroom.Compare(h, key, gathered, rejected)
	perfMark("claimmark-compared")
	if r.doc == nil || r.doc.SHA256 != h.Doc.SHA256 {
		r.open(h.Doc)
	}
	r.class = &classView{report: report}
	if len(report.Rows) > 0 {
		r.class.student = report.Rows[0].Name
	}
	r.paint()
	r.say(fmt.Sprintf("Compared %s for “%s”; %d rejected.", countText(len(gathered), "submission"), h.Title, len(rejected)))
}

// readFiles reads every file of a FileList, then calls done with them.
func (r *Reader) readFiles(list app.Value, done func([]classroom.File)) {
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
		readFile(r.ctx, file, func(ctx app.Context, data []byte, err error) {
			files[i] = classroom.File{Name: name, Data: data}
			if left--; left == 0 {
				done(files)
			}
		})
	}
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
func (r *Reader) clickWord(offset int) {
	words := r.class.report.Words
	i, found := slices.BinarySearchFunc(words, offset, func(w agreement.Word, o int) int {
		switch {
		case w.End <= o:
			return -1
		case w.Start > o:
			return 1
		}
		return 0
	})
	r.class.word = nil
	if found {
		r.class.word = &words[i]
	}
}

func figure(f agreement.Figure) string { return classroom.Figure(f.Value, f.Defined) }

func (r *Reader) renderClass() app.UI {
	c := r.class
	if c == nil {
		return nil
	}
	rep := c.report
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
				return app.Tr().DataSet("student", row.Name).Class(classIf(row.Name == c.student, "current")).Body(
					app.Td().Body(app.Button().Class("link").OnClick(func(ctx app.Context, e app.Event) { c.student = row.Name }, row.Name).Text(row.Name)),
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
		r.renderWord(),
		r.renderStudent(),
		app.Div().Class("actions").Body(
			app.Button().OnClick(func(ctx app.Context, e app.Event) { r.exportClassCSV() }).Text("Export CSV"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { app.Window().Call("print") }).Text("Print"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { r.class = nil; r.paint() }).Text("Close"),
		),
	)
}

func (r *Reader) renderWord() app.UI {
	w := r.class.word
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
		app.Strong().Text("“"+r.doc.Slice(w.Start, w.End)+"”"),
		app.Span().Text(" "+strings.Join(parts, "; ")),
	)
}

// renderStudent shows one student's passages next to the key's.
func (r *Reader) renderStudent() app.UI {
	c := r.class
	mine := c.report.Annotations[c.student]
	list := func(label string, as []annotation.Annotation, other []annotation.Annotation) app.UI {
		return app.Div().Body(
			app.H4().Text(label),
			app.Ol().Aria("label", label).Body(app.Range(as).Slice(func(i int) app.UI {
				a := as[i]
				matched := slices.ContainsFunc(other, func(o annotation.Annotation) bool { return agreement.Matches(a, o) })
				return app.Li().Class(classIf(matched, "matched")).DataSet("tag", string(a.Tag)).Body(
					app.Span().Class("tag", "tag-"+string(a.Tag)).Text(a.Tag.Label()),
					app.Q().Class("quote").Dir("auto").Text(annotation.Shorten(a.Exact, quoteLen)),
				)
			})),
		)
	}
	return app.Div().Class("student-view").Body(
		app.H3().Text(c.student+"’s passages"),
		app.Div().Class("side-by-side").Body(
			list(c.student, mine, c.report.Key),
			app.If(c.report.Key != nil, list("Key", c.report.Key, mine)),
		),
	)
}

func (r *Reader) exportClassCSV() {
	var buf bytes.Buffer
	if err := r.class.report.WriteCSV(&buf); err != nil {
		r.fail("Export failed: " + err.Error())
		return
	}
	name := format.FileName(r.class.report.Handout.Title, ".class.csv")
	download(name, "text/csv;charset=utf-8", buf.Bytes())
	r.say("Exported " + name + ".")
}
