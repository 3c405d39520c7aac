package ui

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/prediction"
	"github.com/claimmark/claimmark/app/store"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

const sheetPredictions = "predictions"

// predictionsPanel gathers the predictions of every text on the device:
// what falls due and what is overdue, to settle there, and for the
// settled ones the Brier score and a calibration table.
type predictionsPanel struct {
	app.Compo
	W   *workspace
	Rev int // the page's render count: the open text's predictions may have changed

	stored []store.Prediction
	unread int
	read   bool
}

func (p *predictionsPanel) OnMount(ctx app.Context) { p.load(ctx) }

func (p *predictionsPanel) load(ctx app.Context) {
	db := p.W.storage.db
	ctx.Async(func() {
		ps, unread, err := store.Predictions(db, time.Now())
		ctx.Dispatch(func(app.Context) {
			if err != nil {
				p.W.fail("The predictions on this device could not be read: " + err.Error())
				p.W.refresh()
				return
			}
			p.stored, p.unread, p.read = ps, unread, true
		})
	})
}

// all are the stored predictions, the open text's as the session has them.
func (p *predictionsPanel) all() []store.Prediction {
	w := p.W
	open := ""
	var out []store.Prediction
	if w.doc != nil {
		open = w.doc.SHA256
		info := store.Info{SHA256: open, Title: w.doc.Title}
		for _, a := range w.sess.Annotations() {
			if a.Tag == annotation.Prediction {
				out = append(out, store.Prediction{Doc: info, Annotation: a})
			}
		}
	}
	for _, sp := range p.stored {
		if sp.Doc.SHA256 != open {
			out = append(out, sp)
		}
	}
	return out
}

func (p *predictionsPanel) Render() app.UI {
	all := p.all()
	today := time.Now()
	groups := map[prediction.Status][]store.Prediction{}
	var forecasts []annotation.Forecast
	for _, sp := range all {
		st := prediction.StatusOf(sp.Annotation.Forecast, today)
		groups[st] = append(groups[st], sp)
		forecasts = append(forecasts, sp.Annotation.Forecast)
	}
	score, scored := prediction.Brier(forecasts)
	summary := fmt.Sprintf("%s on this device: %d overdue, %d due within %d days, %s.",
		countText(len(all), "prediction"), len(groups[prediction.Overdue]), len(groups[prediction.DueSoon]), prediction.DueSoonDays, countText(len(groups[prediction.Settled]), "settled"))
	if !p.read {
		summary = "Reading the predictions on this device…"
	}
	return app.Section().ID("predictions").Class("predictions").Aria("labelledby", "predictions-title").Body(
		app.H2().ID("predictions-title").Text("Predictions"),
		app.P().Class("summary").Text(summary),
		app.If(p.unread > 0, app.P().Class("error").Text(countText(p.unread, "text")+" could not be read, and their predictions are not shown.")),
		p.group("Overdue", groups[prediction.Overdue]),
		p.group("Due within "+strconv.Itoa(prediction.DueSoonDays)+" days", groups[prediction.DueSoon]),
		p.group("Open", append(groups[prediction.Waiting], groups[prediction.Undated]...)),
		p.group("Settled", groups[prediction.Settled]),
		app.H3().Text("Score"),
		app.If(scored == 0, app.P().Text("No prediction with a probability has come true or not yet: settle some to see the Brier score.")),
		app.If(scored > 0,
			app.P().ID("brier").Text(fmt.Sprintf("Brier score %.3f over %s (0 is perfect; saying 50 %% every time scores 0.250).", score, countText(scored, "settled prediction"))),
			calibrationTable(prediction.Calibration(forecasts)),
		),
		closeButton(sheetPredictions),
	)
}

func calibrationTable(rows []prediction.Row) app.UI {
	return app.Div().Class("table-scroll").Body(app.Table().Class("calibration").Body(
		app.Caption().Text("Calibration: how often the predictions in each band came true"),
		app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Text("Band"), app.Th().Scope("col").Text("Range"),
			app.Th().Scope("col").Text("Made"), app.Th().Scope("col").Text("Came true"),
		)),
		app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
			r := rows[i]
			share := "–"
			if r.Made > 0 {
				share = fmt.Sprintf("%d (%d %%)", r.CameTrue, (100*r.CameTrue+r.Made/2)/r.Made)
			}
			return app.Tr().Body(
				app.Th().Scope("row").Text(r.Band.Name),
				app.Td().Text(fmt.Sprintf("%d–%d %%", r.Band.Low, r.Band.High)),
				app.Td().Text(strconv.Itoa(r.Made)),
				app.Td().Text(share),
			)
		})),
	))
}

func (p *predictionsPanel) group(title string, ps []store.Prediction) app.UI {
	if len(ps) == 0 {
		return nil
	}
	return app.Div().Class("prediction-group").Body(
		app.H3().Text(title+" ("+strconv.Itoa(len(ps))+")"),
		app.Ul().Body(app.Range(ps).Slice(func(i int) app.UI {
			sp := ps[i]
			a := sp.Annotation
			var facts []string
			if a.By != "" {
				facts = append(facts, "by "+a.By)
			}
			if a.Probability != nil {
				facts = append(facts, fmt.Sprintf("%d %% (%s)", *a.Probability, prediction.BandOf(*a.Probability).Name))
			}
			if a.Outcome != annotation.Open {
				facts = append(facts, a.Outcome.Label()+" "+a.OutcomeDate)
			}
			id := "settle-" + a.ID
			return app.Li().DataSet("id", a.ID).Body(
				quote(a.Exact),
				app.P().Class("facts").Text(sp.Doc.Title+" · "+joinFacts(facts)),
				app.Label().For(id).Text("Outcome"),
				app.Select().ID(id).OnChange(func(ctx app.Context, e app.Event) {
					p.settle(ctx, sp, annotation.Outcome(ctx.JSSrc().Get("value").String()))
				}, a.ID, a.Outcome).Body(app.Range(annotation.Outcomes).Slice(func(i int) app.UI {
					o := annotation.Outcomes[i]
					opt := app.Option().Value(string(o)).Text(o.Label())
					if o == a.Outcome {
						opt = opt.Selected(true)
					}
					return opt
				})),
			)
		})),
	)
}

func joinFacts(facts []string) string {
	if len(facts) == 0 {
		return "no date or probability"
	}
	out := facts[0]
	for _, f := range facts[1:] {
		out += " · " + f
	}
	return out
}

// settle gives a prediction its outcome: through the session for the
// open text, so that it can be undone; for another text, written to it.
func (p *predictionsPanel) settle(ctx app.Context, sp store.Prediction, o annotation.Outcome) {
	w := p.W
	defer w.refresh()
	if w.refuseEdit() {
		return
	}
	f := sp.Annotation.Forecast
	f.Outcome = o
	if w.doc != nil && sp.Doc.SHA256 == w.doc.SHA256 {
		w.edited(w.sess.SetForecast(sp.Annotation.ID, f))
		return
	}
	a := sp.Annotation
	if o != annotation.Open && a.OutcomeDate == "" {
		f.OutcomeDate = time.Now().Format(annotation.DateLayout)
	}
	a.Forecast, a.Modified = f, annotation.Timestamp(time.Now())
	db := w.storage.db
	ctx.Async(func() {
		err := db.Write(store.Batch{Doc: sp.Doc.SHA256, Put: []annotation.Annotation{a}, At: a.Modified})
		ctx.Dispatch(func(app.Context) {
			if err != nil {
				w.fail("Not settled: " + err.Error())
			} else {
				w.say("Marked “" + annotation.Shorten(a.Exact, 24) + "” in " + sp.Doc.Title + ": " + o.Label() + ".")
				i := slices.IndexFunc(p.stored, func(x store.Prediction) bool { return x.Annotation.ID == a.ID && x.Doc.SHA256 == sp.Doc.SHA256 })
				if i >= 0 {
					p.stored[i].Annotation = a
				}
			}
			w.refresh()
		})
	})
}
