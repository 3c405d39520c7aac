package prediction_test

import (
	"math"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/prediction"
)

func TestSpot(t *testing.T) {
	for quote, want := range map[string]string{
		"China will very likely start sending weapons to Russia": "very likely",
		"It is Very Unlikely that Beijing changes course":        "very unlikely",
		"an unlikely outcome":                                    "unlikely",
		"Sanctions will likely stay.":                            "likely",
		"a roughly even chance of war":                           "roughly even chance",
		"almost certainly not":                                   "almost certain",
		"the chance is remote":                                   "almost no chance",
		"a highly probable turn":                                 "very likely",
		"probably":                                               "likely",
	} {
		b, ok := prediction.Spot(quote)
		if !ok || b.Name != want {
			t.Errorf("Spot(%q) = %q, %v; want %q", quote, b.Name, ok, want)
		}
	}
	for _, quote := range []string{
		"China will start sending weapons", // no words
		"unlikelyhood of likelyness",       // not whole words
		"likely at first, then unlikely",   // two bands
		"the remotest corner",              // "remote" inside a word
	} {
		if b, ok := prediction.Spot(quote); ok {
			t.Errorf("Spot(%q) = %q, want none", quote, b.Name)
		}
	}
}

func TestBandValuesAndEdges(t *testing.T) {
	want := map[string]int{"almost no chance": 3, "very unlikely": 13, "unlikely": 33, "roughly even chance": 50, "likely": 68, "very likely": 88, "almost certain": 97}
	for _, b := range prediction.Bands {
		if b.Value() != want[b.Name] {
			t.Errorf("%s offers %d, want %d", b.Name, b.Value(), want[b.Name])
		}
		if got := prediction.BandOf(b.Value()); got.Name != b.Name {
			t.Errorf("BandOf(%d) = %s, want %s", b.Value(), got.Name, b.Name)
		}
	}
	for p, name := range map[int]string{0: "almost no chance", 5: "almost no chance", 6: "very unlikely", 80: "likely", 81: "very likely", 100: "almost certain"} {
		if got := prediction.BandOf(p).Name; got != name {
			t.Errorf("BandOf(%d) = %s, want %s", p, got, name)
		}
	}
}

func settled(p int, o annotation.Outcome) annotation.Forecast {
	return annotation.Forecast{Probability: annotation.Percent(p), Outcome: o}
}

func TestBrierWorkedByHand(t *testing.T) {
	fs := []annotation.Forecast{
		settled(90, annotation.CameTrue),       // (0.9-1)² = 0.01
		settled(70, annotation.DidNotComeTrue), // (0.7-0)² = 0.49
		settled(20, annotation.DidNotComeTrue), // 0.04
		settled(50, annotation.CannotTell),     // does not count
		{Outcome: annotation.CameTrue},         // no probability: does not count
		{Probability: annotation.Percent(60)},  // open: does not count
	}
	score, n := prediction.Brier(fs)
	if n != 3 || math.Abs(score-0.18) > 1e-12 {
		t.Errorf("Brier = %v over %d, want 0.18 over 3", score, n)
	}
	if _, n := prediction.Brier(nil); n != 0 {
		t.Errorf("Brier of none counted %d", n)
	}
}

func TestCalibrationWorkedByHand(t *testing.T) {
	fs := []annotation.Forecast{
		settled(88, annotation.CameTrue), settled(85, annotation.CameTrue), settled(90, annotation.DidNotComeTrue),
		settled(60, annotation.CameTrue), settled(10, annotation.DidNotComeTrue), settled(60, annotation.CannotTell),
	}
	got := map[string][2]int{}
	for _, r := range prediction.Calibration(fs) {
		got[r.Band.Name] = [2]int{r.Made, r.CameTrue}
	}
	want := map[string][2]int{"almost no chance": {0, 0}, "very unlikely": {1, 0}, "unlikely": {0, 0}, "roughly even chance": {0, 0}, "likely": {1, 1}, "very likely": {3, 2}, "almost certain": {0, 0}}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: made and came true %v, want %v", name, got[name], w)
		}
	}
}

func TestStatus(t *testing.T) {
	today := time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC)
	for by, want := range map[string]prediction.Status{
		"2026-12-01":               prediction.Overdue,
		"2026-12-02":               prediction.DueSoon, // due today is not yet overdue
		"2026-12":                  prediction.DueSoon, // the month's last day
		"2026":                     prediction.DueSoon,
		"2025":                     prediction.Overdue,
		"2027-06-30":               prediction.Waiting,
		"before the 2028 election": prediction.Undated,
		"":                         prediction.Undated,
	} {
		if got := prediction.StatusOf(annotation.Forecast{By: by}, today); got != want {
			t.Errorf("StatusOf(by %q) = %v, want %v", by, got, want)
		}
	}
	if got := prediction.StatusOf(annotation.Forecast{By: "2020", Outcome: annotation.CameTrue}, today); got != prediction.Settled {
		t.Errorf("a settled prediction is %v", got)
	}
}
