package ui

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// defaultDefinitions are offered for the teacher to edit.
var defaultDefinitions = map[annotation.Tag]string{
	annotation.Claim:      "What the author asserts to be so.",
	annotation.Evidence:   "What is offered in support of a claim: facts, figures, sources.",
	annotation.Prediction: "What the author says will happen.",
}

// handoutForm is where a teacher makes a handout of the open text. Its
// fields are read from the form when it is saved.
type handoutForm struct {
	app.Compo
	W           *workspace
	Title       string // offered as the handout's title
	Annotations int    // the reader's, offered as the key
}

// saveHandout downloads the open text as a handout, from the form.
func (f *handoutForm) save(ctx app.Context) {
	w := f.W
	defer w.refresh()
	doc := app.Window().Get("document")
	value := func(id string) string { return doc.Call("getElementById", id).Get("value").String() }
	checked := func(id string) bool { return doc.Call("getElementById", id).Get("checked").Bool() }
	h := &format.Handout{
		Title:        strings.TrimSpace(value("handout-title")),
		Instructions: strings.TrimSpace(value("handout-instructions")),
		Doc:          w.doc,
	}
	for _, t := range annotation.Tags {
		if checked("handout-use-" + string(t)) {
			h.Tags = append(h.Tags, format.TagDefinition{Tag: t, Definition: strings.TrimSpace(value("handout-def-" + string(t)))})
		}
	}
	if checked("handout-key") {
		h.HasKey, h.Key = true, w.sess.Annotations()
		h.ShowKeyAfterHandIn = checked("handout-show-key")
	}
	switch {
	case h.Title == "":
		w.fail("The handout needs a title.")
		return
	case len(h.Tags) == 0:
		w.fail("The handout needs at least one tag.")
		return
	}
	var buf bytes.Buffer
	if err := format.EncodeHandout(&buf, h); err != nil {
		w.fail("The handout could not be made: " + err.Error())
		return
	}
	name := format.HandoutFileName(h.Title)
	download(name, "application/json", buf.Bytes())
	ctx.NewActionWithValue(actionClose, sheetHandout)
	key := "without a key"
	if h.HasKey {
		key = "with " + countText(len(h.Key), "annotation") + " as its key"
	}
	w.say(fmt.Sprintf("Saved %s, %s.", name, key))
}

func (f *handoutForm) Render() app.UI {
	return app.Section().Class("make-handout").Aria("label", "Make a handout").Body(
		app.H2().Text("Make a handout of this text"),
		app.Label().For("handout-title").Text("Title"),
		app.Input().ID("handout-title").Value(f.Title),
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
			app.Label().For("handout-key").Text(fmt.Sprintf("Include my %s as an answer key", countText(f.Annotations, "annotation"))),
		),
		app.Div().Class("check").Body(
			app.Input().Type("checkbox").ID("handout-show-key"),
			app.Label().For("handout-show-key").Text("Let students see the key once they have handed in"),
		),
		app.Div().Class("actions").Body(
			app.Button().OnClick(func(ctx app.Context, e app.Event) { f.save(ctx) }).Text("Save handout"),
			app.Button().OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actionClose, sheetHandout) }).Text("Cancel"),
		),
	)
}
