package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/agreement"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/classroom"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/store"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Exercises: a teacher makes a handout of the open text; a student opens
// it, annotates, and hands in a submission file.

// exercise is a handout a student is working on, kept with the text.
type exercise struct {
	Handout  string    `json:"handout"` // the handout file, as read
	Student  string    `json:"student"`
	HandedIn time.Time `json:"handedIn,omitzero"`

	handout *format.Handout
}

func exerciseKey(sha string) string { return "exercise/" + sha }

// startExercise opens a handout as a student: its text, its
// instructions, and a place for the student's name.
func (im *imports) startExercise(name string, data []byte) {
	w := im.w
	h, err := format.DecodeHandout(bytes.NewReader(data))
	if err != nil {
		w.fail(name + ": " + err.Error() + ". Nothing was changed.")
		return
	}
	w.open(h.Doc)
	ex := &exercise{Handout: string(data), handout: h}
	if old := w.exercise; old != nil && old.handout.ID() == h.ID() {
		ex.Student, ex.HandedIn = old.Student, old.HandedIn
	}
	w.exercise = ex
	if err := ex.save(w.storage.db, h.Doc); err != nil {
		w.fail("The exercise could not be saved on this device: " + err.Error())
		return
	}
	w.say("Opened the handout “" + h.Title + "”. Read the instructions, annotate, then hand in.")
}

// save keeps the exercise with its text d.
func (ex *exercise) save(db store.DB, d *document.Document) error {
	b, _ := json.Marshal(ex)
	return db.SetMeta(exerciseKey(d.SHA256), string(b))
}

// loadExercise reads the exercise kept with the text d, if any.
func loadExercise(db store.DB, d *document.Document) *exercise {
	v, ok, err := db.Meta(exerciseKey(d.SHA256))
	if err != nil || !ok {
		return nil
	}
	var ex exercise
	if json.Unmarshal([]byte(v), &ex) != nil {
		return nil
	}
	h, err := format.DecodeHandout(strings.NewReader(ex.Handout))
	if err != nil || h.Doc.SHA256 != d.SHA256 {
		return nil
	}
	ex.handout = h
	return &ex
}

// exercisePanel shows the handout a student works on: its instructions
// and definitions, the hand-in, and, once handed in, the key if the
// teacher lets it be seen.
type exercisePanel struct {
	app.Compo
	W        *workspace
	Exercise *exercise
	Rev      int // renders with the page, for the comparison with the key

	showKey bool
}

// handIn downloads the student's submission.
func (p *exercisePanel) handIn() {
	w, ex := p.W, p.Exercise
	defer w.refresh()
	student := strings.Join(strings.Fields(app.Window().GetElementByID("student-name").Get("value").String()), " ")
	if student == "" {
		w.fail("Write your name before you hand in.")
		return
	}
	if err := format.CheckName(student); err != nil {
		w.fail("Your name is " + err.Error() + ". Shorten it before you hand in.")
		return
	}
	now := time.Now()
	s := &format.Submission{Student: student, Handout: ex.handout.ID(), HandedIn: now, Doc: w.doc, Annotations: w.sess.Annotations()}
	var buf bytes.Buffer
	if err := format.EncodeSubmission(&buf, s); err != nil {
		w.fail("The submission could not be made: " + err.Error())
		return
	}
	name := format.SubmissionFileName(ex.handout.Title, student)
	download(name, "application/json", buf.Bytes())
	ex.Student, ex.HandedIn = student, now
	if err := ex.save(w.storage.db, w.doc); err != nil {
		w.fail("The exercise could not be saved on this device: " + err.Error())
		return
	}
	w.say(fmt.Sprintf("Handed in %s with %s. Give the file to your teacher.", name, countText(len(w.sess.Annotations()), "annotation")))
}

func (p *exercisePanel) Render() app.UI {
	ex := p.Exercise
	h := ex.handout
	handedIn := "Not handed in yet."
	if !ex.HandedIn.IsZero() {
		handedIn = "Last handed in " + clock(ex.HandedIn) + " as " + ex.Student + "."
	}
	canCompare := h.HasKey && h.ShowKeyAfterHandIn && !ex.HandedIn.IsZero()
	return app.Section().Class("exercise").Aria("label", "Exercise").Body(
		app.H2().Text("Exercise: "+h.Title),
		app.If(h.Instructions != "", app.P().Class("instructions").Text(h.Instructions)),
		app.Dl().Class("definitions").Body(app.Range(h.Tags).Slice(func(i int) app.UI {
			t := h.Tags[i]
			return app.Div().Body(app.Dt().Class("tag", "tag-"+string(t.Tag)).Text(t.Tag.Label()), app.Dd().Text(t.Definition))
		})),
		app.Div().Class("hand-in").Body(
			app.Label().For("student-name").Text("Your name"),
			app.Input().ID("student-name").Value(ex.Student).Attr("autocomplete", "name").MaxLength(format.MaxNameLen),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { p.handIn() }).Text("Hand in"),
			app.Span().Class("handed-in").Text(handedIn),
		),
		app.If(canCompare,
			app.Button().Aria("pressed", strconv.FormatBool(p.showKey)).
				OnClick(func(ctx app.Context, e app.Event) { p.showKey = !p.showKey }).
				Text("Compare with the key"),
		),
		app.If(canCompare && p.showKey, p.keyComparison()),
	)
}

// keyComparison shows, once handed in, how the student's passages
// compare with the teacher's key.
func (p *exercisePanel) keyComparison() app.UI {
	h, anns := p.Exercise.handout, p.W.sess.Annotations()
	s := agreement.Score(anns, h.Key)
	var notMatched []annotation.Annotation
	for _, k := range h.Key {
		if classroom.MarkOf(k, anns, true).Symbol != "✓" {
			notMatched = append(notMatched, k)
		}
	}
	score := func(v float64) string { return classroom.Figure(v, !math.IsNaN(v)) }
	return app.Div().Class("key-comparison").Body(
		app.P().Text(fmt.Sprintf("%d of your %d passages match one of the key's %d: precision %s, recall %s, F1 %s.",
			s.Matched, s.Passages, s.Key, score(s.Precision), score(s.Recall), score(s.F1))),
		app.Ul().Class("explain").Body(
			app.Li().Text(classroom.ExplainMatch), app.Li().Text(classroom.ExplainPrecision),
			app.Li().Text(classroom.ExplainRecall), app.Li().Text(classroom.ExplainF1),
		),
		app.If(len(notMatched) > 0, app.H3().Text("In the key, not matched by yours")),
		app.Ul().Body(app.Range(notMatched).Slice(func(i int) app.UI {
			k := notMatched[i]
			m := classroom.MarkOf(k, anns, true)
			return app.Li().Body(app.Span().Class("mark").Text(m.Symbol+" "+m.Words+": "), tagLabel(k.Tag), quote(k.Exact))
		})),
	)
}
