package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/agreement"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Exercises: a teacher makes a handout of the open text; a student opens
// it, annotates, and hands in a submission file.

// defaultDefinitions are offered for the teacher to edit.
var defaultDefinitions = map[annotation.Tag]string{
	annotation.Claim:      "What the author asserts to be so.",
	annotation.Evidence:   "What is offered in support of a claim: facts, figures, sources.",
	annotation.Prediction: "What the author says will happen.",
}

// exercise is a handout a student is working on, kept with the text.
type exercise struct {
	Handout  string    `json:"handout"` // the handout file, as read
	Student  string    `json:"student"`
	HandedIn time.Time `json:"handedIn,omitzero"`

	handout *format.Handout
	showKey bool
}

func exerciseKey(sha string) string { return "exercise/" + sha }

// saveHandout downloads the open text as a handout, from the form.
func (r *Reader) saveHandout() {
	doc := app.Window().Get("document")
	value := func(id string) string { return doc.Call("getElementById", id).Get("value").String() }
	checked := func(id string) bool { return doc.Call("getElementById", id).Get("checked").Bool() }
	h := &format.Handout{
		Title:        strings.TrimSpace(value("handout-title")),
		Instructions: strings.TrimSpace(value("handout-instructions")),
		Doc:          r.doc,
	}
	for _, t := range annotation.Tags {
		if checked("handout-use-" + string(t)) {
			h.Tags = append(h.Tags, format.TagDefinition{Tag: t, Definition: strings.TrimSpace(value("handout-def-" + string(t)))})
		}
	}
	if checked("handout-key") {
		h.HasKey, h.Key = true, r.sess.Annotations()
		h.ShowKeyAfterHandIn = checked("handout-show-key")
	}
	switch {
	case h.Title == "":
		r.fail("The handout needs a title.")
		return
	case len(h.Tags) == 0:
		r.fail("The handout needs at least one tag.")
		return
	}
	var buf bytes.Buffer
	if err := format.EncodeHandout(&buf, h); err != nil {
		r.fail("The handout could not be made: " + err.Error())
		return
	}
	name := format.HandoutFileName(h.Title)
	download(name, "application/json", buf.Bytes())
	r.making = false
	key := "without a key"
	if h.HasKey {
		key = "with " + countText(len(h.Key), "annotation") + " as its key"
	}
	r.say(fmt.Sprintf("Saved %s, %s.", name, key))
}

// startExercise opens a handout as a student: its text, its
// instructions, and a place for the student's name.
func (r *Reader) startExercise(name string, data []byte) {
	h, err := format.DecodeHandout(bytes.NewReader(data))
	if err != nil {
		r.fail(name + ": " + err.Error() + ". Nothing was changed.")
		return
	}
	r.open(h.Doc)
	ex := &exercise{Handout: string(data), handout: h}
	if old := r.exercise; old != nil && old.handout.ID() == h.ID() {
		ex.Student, ex.HandedIn = old.Student, old.HandedIn
	}
	r.exercise = ex
	r.saveExercise()
	r.say("Opened the handout “" + h.Title + "”. Read the instructions, annotate, then hand in.")
}

func (r *Reader) saveExercise() {
	ex := r.exercise
	b, _ := json.Marshal(ex)
	if err := r.storage.db.SetMeta(exerciseKey(r.doc.SHA256), string(b)); err != nil {
		r.fail("The exercise could not be saved on this device: " + err.Error())
	}
}

// loadExercise reads the exercise kept with the open text, if any.
func (r *Reader) loadExercise() {
	r.exercise = nil
	v, ok, err := r.storage.db.Meta(exerciseKey(r.doc.SHA256))
	if err != nil || !ok {
		return
	}
	var ex exercise
	if json.Unmarshal([]byte(v), &ex) != nil {
		return
	}
	h, err := format.DecodeHandout(strings.NewReader(ex.Handout))
	if err != nil || h.Doc.SHA256 != r.doc.SHA256 {
		return
	}
	ex.handout = h
	r.exercise = &ex
}

// handIn downloads the student's submission.
func (r *Reader) handIn() {
	ex := r.exercise
	student := strings.Join(strings.Fields(app.Window().GetElementByID("student-name").Get("value").String()), " ")
	if student == "" {
		r.fail("Write your name before you hand in.")
		return
	}
	if err := format.CheckName(student); err != nil {
		r.fail("Your name is " + err.Error() + ". Shorten it before you hand in.")
		return
	}
	now := time.Now()
	s := &format.Submission{Student: student, Handout: ex.handout.ID(), HandedIn: now, Doc: r.doc, Annotations: r.sess.Annotations()}
	var buf bytes.Buffer
	if err := format.EncodeSubmission(&buf, s); err != nil {
		r.fail("The submission could not be made: " + err.Error())
		return
	}
	name := format.SubmissionFileName(ex.handout.Title, student)
	download(name, "application/json", buf.Bytes())
	ex.Student, ex.HandedIn = student, now
	r.saveExercise()
	r.say(fmt.Sprintf("Handed in %s with %s. Give the file to your teacher.", name, countText(len(r.sess.Annotations()), "annotation")))
}

func (r *Reader) renderExercise() app.UI {
	ex := r.exercise
	if ex == nil {
		return nil
	}
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
			app.Button().OnClick(func(ctx app.Context, e app.Event) { r.handIn() }).Text("Hand in"),
			app.Span().Class("handed-in").Text(handedIn),
		),
		app.If(canCompare,
			app.Button().Aria("pressed", strconv.FormatBool(ex.showKey)).
				OnClick(func(ctx app.Context, e app.Event) { ex.showKey = !ex.showKey }).
				Text("Compare with the key"),
		),
		app.If(canCompare && ex.showKey, r.renderKeyComparison()),
	)
}

// renderKeyComparison shows, once handed in, how the student's passages
// compare with the teacher's key.
func (r *Reader) renderKeyComparison() app.UI {
	h := r.exercise.handout
	s := agreement.Score(r.sess.Annotations(), h.Key)
	var missed []annotation.Annotation
	for _, k := range h.Key {
		found := false
		for _, a := range r.sess.Annotations() {
			if agreement.Matches(a, k) {
				found = true
				break
			}
		}
		if !found {
			missed = append(missed, k)
		}
	}
	pct := func(v float64) string {
		if v != v { // NaN
			return "–"
		}
		return fmt.Sprintf("%.0f%%", 100*v)
	}
	return app.Div().Class("key-comparison").Body(
		app.P().Text(fmt.Sprintf("%d of your %d passages match one of the key's %d (precision %s, recall %s).",
			s.Matched, s.Passages, s.Key, pct(s.Precision), pct(s.Recall))),
		app.If(len(missed) > 0, app.H3().Text("In the key, not in yours")),
		app.Ul().Body(app.Range(missed).Slice(func(i int) app.UI {
			k := missed[i]
			return app.Li().Body(app.Span().Class("tag", "tag-"+string(k.Tag)).Text(k.Tag.Label()), app.Q().Class("quote").Dir("auto").Text(annotation.Shorten(k.Exact, quoteLen)))
		})),
	)
}

func (r *Reader) renderMakeHandout() app.UI {
	if !r.making || r.doc == nil {
		return nil
	}
	return app.Section().Class("make-handout").Aria("label", "Make a handout").Body(
		app.H2().Text("Make a handout of this text"),
		app.Label().For("handout-title").Text("Title"),
		app.Input().ID("handout-title").Value(r.title()),
		app.Label().For("handout-instructions").Text("Instructions for the students"),
		app.Textarea().ID("handout-instructions").Rows(3),
		app.FieldSet().Body(
			app.Legend().Text("Tags, each with the definition students will see"),
			app.Range(annotation.Tags).Slice(func(i int) app.UI {
				t := annotation.Tags[i]
				return app.Div().Class("definition").Body(
					app.Input().Type("checkbox").ID("handout-use-"+string(t)).Checked(true).Aria("label", "Use "+t.Label()),
					app.Label().For("handout-def-"+string(t)).Text(t.Label()),
					app.Input().ID("handout-def-"+string(t)).Value(defaultDefinitions[t]),
				)
			}),
		),
		app.Div().Class("check").Body(
			app.Input().Type("checkbox").ID("handout-key"),
			app.Label().For("handout-key").Text(fmt.Sprintf("Include my %s as an answer key", countText(len(r.sess.Annotations()), "annotation"))),
		),
		app.Div().Class("check").Body(
			app.Input().Type("checkbox").ID("handout-show-key"),
			app.Label().For("handout-show-key").Text("Let students see the key once they have handed in"),
		),
		app.Div().Class("actions").Body(
			app.Button().OnClick(func(ctx app.Context, e app.Event) { r.saveHandout() }).Text("Save handout"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { r.making = false }).Text("Cancel"),
		),
	)
}
