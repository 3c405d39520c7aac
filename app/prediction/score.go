package prediction

import (
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

// Status is where a prediction stands on a day.
type Status int

const (
	Undated Status = iota // open, with no date to fall due by
	Waiting               // open, due later than DueSoon from now
	DueSoon               // open, due within DueSoonDays
	Overdue               // open, and the day it was due has passed
	Settled               // it has an outcome
)

// DueSoonDays is how near its date an open prediction counts as due soon.
const DueSoonDays = 30

// StatusOf says where f stands on the day today.
func StatusOf(f annotation.Forecast, today time.Time) Status {
	if f.Outcome != annotation.Open {
		return Settled
	}
	due, ok := f.Due()
	if !ok {
		return Undated
	}
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case due.Before(day):
		return Overdue
	case !due.After(day.AddDate(0, 0, DueSoonDays)):
		return DueSoon
	}
	return Waiting
}

// scored returns f's probability and outcome when it counts for the
// score: settled as came true or not, with a probability.
func scored(f annotation.Forecast) (p float64, happened float64, ok bool) {
	if f.Probability == nil || f.Outcome != annotation.CameTrue && f.Outcome != annotation.DidNotComeTrue {
		return 0, 0, false
	}
	if f.Outcome == annotation.CameTrue {
		happened = 1
	}
	return float64(*f.Probability) / 100, happened, true
}

// Brier is the mean squared difference between each probability and its
// outcome (1 came true, 0 did not), over the predictions that have both;
// 0 is perfect, 0.25 what always saying 50 % earns. n counts them; with
// none, the score means nothing and n is 0.
func Brier(fs []annotation.Forecast) (score float64, n int) {
	sum := 0.0
	for _, f := range fs {
		if p, o, ok := scored(f); ok {
			sum += (p - o) * (p - o)
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return sum / float64(n), n
}

// Row is one band of a calibration table: how many scored predictions
// gave a probability in it, and how many of those came true.
type Row struct {
	Band     Band
	Made     int
	CameTrue int
}

// Calibration counts the scored predictions in each of Bands; a well
// calibrated reader's "likely" ones come true 55–80 % of the time.
func Calibration(fs []annotation.Forecast) []Row {
	rows := make([]Row, len(Bands))
	for i, b := range Bands {
		rows[i].Band = b
	}
	for _, f := range fs {
		if _, o, ok := scored(f); ok {
			b := BandOf(*f.Probability)
			for i := range rows {
				if rows[i].Band.Name == b.Name {
					rows[i].Made++
					rows[i].CameTrue += int(o)
				}
			}
		}
	}
	return rows
}
