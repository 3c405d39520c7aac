package store_test

import (
	"testing"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/store"
)

func TestPredictionsOfEveryText(t *testing.T) {
	db, d := setup(t)
	other, err := document.New("Another\n\nIt will rain tomorrow, very likely.")
	if err != nil {
		t.Fatal(err)
	}
	p := annotation.New(d, annotation.Prediction, 7, 11, now)
	p.Forecast = annotation.Forecast{Probability: annotation.Percent(70), Outcome: annotation.CameTrue, OutcomeDate: "2026-11-30"}
	q := annotation.New(other, annotation.Prediction, 9, 30, now)
	c := annotation.New(other, annotation.Claim, 0, 7, now)
	for _, b := range []store.Batch{newDoc(d, p, annotation.New(d, annotation.Claim, 12, 16, now)), newDoc(other, q, c)} {
		if err := db.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	ps, unread, err := store.Predictions(db, now)
	if err != nil || unread != 0 || len(ps) != 2 {
		t.Fatalf("Predictions = %d, %d unread, %v", len(ps), unread, err)
	}
	byDoc := map[string]annotation.Annotation{}
	for _, x := range ps {
		byDoc[x.Doc.Title] = x.Annotation
	}
	if a := byDoc["Title"]; a.ID != p.ID || *a.Probability != 70 || a.Outcome != annotation.CameTrue {
		t.Errorf("the first text's prediction: %+v", a)
	}
	if a := byDoc["Another"]; a.ID != q.ID || !a.Forecast.IsZero() {
		t.Errorf("the other text's prediction: %+v", a)
	}
}
