package ui

import (
	"strconv"
	"strings"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/prediction"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// forecastForm holds a prediction's fields in its editor: when it falls
// due, the chance given to it (offered from the words of its passage),
// and how it turned out.
type forecastForm struct {
	app.Compo
	W          *workspace
	Annotation annotation.Annotation
	// filled is the forecast the fields were last given, per annotation:
	// a field is filled from state only when it still shows that, so that
	// a render between two keystrokes cannot drop one.
	filledOf string
	filled   annotation.Forecast
}

func (f *forecastForm) OnMount(ctx app.Context)  { f.fill() }
func (f *forecastForm) OnUpdate(ctx app.Context) { f.fill() }

func (f *forecastForm) field(name string) app.Value {
	return app.Window().GetElementByID(name + "-" + f.Annotation.ID)
}

func (f *forecastForm) fill() {
	a := f.Annotation
	fresh := f.filledOf != a.ID
	for _, fl := range []struct{ name, was, now string }{
		{"by", f.filled.By, a.By},
		{"probability", percentText(f.filled.Probability), percentText(a.Probability)},
		{"outcome-date", f.filled.OutcomeDate, a.OutcomeDate},
		{"outcome-note", f.filled.OutcomeNote, a.OutcomeNote},
	} {
		if el := f.field(fl.name); el.Truthy() && (fresh || el.Get("value").String() == fl.was) {
			el.Set("value", fl.now)
		}
	}
	f.filledOf, f.filled = a.ID, a.Forecast
}

func percentText(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func (f *forecastForm) Render() app.UI {
	a := f.Annotation
	id := func(name string) string { return name + "-" + a.ID }
	band, spotted := prediction.Spot(a.Exact)
	offer := spotted && (a.Probability == nil || *a.Probability != band.Value())
	said := ""
	if a.Probability != nil {
		said = prediction.BandOf(*a.Probability).Name
	}
	return app.FieldSet().Class("forecast").Body(
		app.Legend().Text("Prediction"),
		app.Label().For(id("by")).Text("Falls due by"),
		app.Input().ID(id("by")).Type("text").Placeholder("2027-06-30, or words").MaxLength(annotation.MaxByLen).OnInput(f.onInput),
		app.Label().For(id("probability")).Text("Probability (%)"),
		app.Div().Class("probability").Body(
			app.Input().ID(id("probability")).Type("number").Min(0).Max(100).Step(1).OnInput(f.onInput),
			app.Span().Class("band").Text(said),
			app.If(offer, app.Button().Class("offer").OnClick(f.onOffer).
				Text("Use "+strconv.Itoa(band.Value())+" % (“"+band.Name+"”)")),
		),
		app.Label().For(id("outcome")).Text("Outcome"),
		app.Select().ID(id("outcome")).OnChange(f.onInput).Body(
			app.Range(annotation.Outcomes).Slice(func(i int) app.UI {
				o := annotation.Outcomes[i]
				opt := app.Option().Value(string(o)).Text(o.Label())
				if o == a.Outcome {
					opt = opt.Selected(true)
				}
				return opt
			}),
		),
		app.If(a.Outcome != annotation.Open,
			app.Label().For(id("outcome-date")).Text("Settled on"),
			app.Input().ID(id("outcome-date")).Type("date").OnInput(f.onInput),
			app.Label().For(id("outcome-note")).Text("How it was settled"),
			app.Input().ID(id("outcome-note")).Type("text").Placeholder("a note or a link").OnInput(f.onInput),
		),
	)
}

// read is the forecast the fields show.
func (f *forecastForm) read() annotation.Forecast {
	value := func(name string) string {
		if el := f.field(name); el.Truthy() {
			return el.Get("value").String()
		}
		return ""
	}
	fc := annotation.Forecast{By: value("by"), Outcome: annotation.Outcome(value("outcome"))}
	if p, err := strconv.Atoi(strings.TrimSpace(value("probability"))); err == nil {
		fc.Probability = annotation.Percent(p)
	}
	if fc.Outcome != annotation.Open {
		fc.OutcomeDate, fc.OutcomeNote = value("outcome-date"), value("outcome-note")
		if !f.field("outcome-date").Truthy() { // just settled: the fields are not there yet
			fc.OutcomeDate, fc.OutcomeNote = f.Annotation.OutcomeDate, f.Annotation.OutcomeNote
		}
	}
	return fc
}

func (f *forecastForm) set(fc annotation.Forecast) {
	w := f.W
	defer w.refresh()
	if w.refuseEdit() {
		return
	}
	before := w.sess.Message().Text
	c := w.sess.SetForecast(f.Annotation.ID, fc)
	if w.sess.Message().Text != before {
		w.showSession() // settled, or refused
	}
	if !c.Empty() {
		w.changed(&c)
	}
}

func (f *forecastForm) onInput(ctx app.Context, e app.Event) { f.set(f.read()) }

func (f *forecastForm) onOffer(ctx app.Context, e app.Event) {
	band, _ := prediction.Spot(f.Annotation.Exact)
	fc := f.read()
	fc.Probability = annotation.Percent(band.Value())
	f.set(fc)
}
