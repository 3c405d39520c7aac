package annotation

import (
	"fmt"
	"slices"
	"time"
	"unicode/utf8"
)

// Outcome is how a prediction turned out; "" is still open.
type Outcome string

const (
	Open           Outcome = ""
	CameTrue       Outcome = "came-true"
	DidNotComeTrue Outcome = "did-not-come-true"
	CannotTell     Outcome = "cannot-tell"
)

// Outcomes lists every outcome in the order the reader sees them.
var Outcomes = []Outcome{Open, CameTrue, DidNotComeTrue, CannotTell}

// Valid reports whether o is one of Outcomes.
func (o Outcome) Valid() bool { return slices.Contains(Outcomes, o) }

// Label is the outcome as a menu shows it.
func (o Outcome) Label() string {
	switch o {
	case Open:
		return "Open"
	case CameTrue:
		return "Came true"
	case DidNotComeTrue:
		return "Did not come true"
	case CannotTell:
		return "Cannot tell"
	}
	return string(o)
}

// Forecast is what a prediction may say besides its passage. Only a
// prediction has one; every field is optional.
type Forecast struct {
	// By is when it falls due: a date (2027-06-30, 2027-06 or 2027) or
	// words such as "before the 2028 election".
	By string `json:"by,omitempty"`
	// Probability is the chance given to it, in percent (0–100), or nil.
	// Set it to a new pointer; copies of an annotation share the old one.
	Probability *int    `json:"probability,omitempty"`
	Outcome     Outcome `json:"outcome,omitempty"`
	// OutcomeDate is the day it was settled, as 2006-01-02; OutcomeNote
	// says how (a note or a link).
	OutcomeDate string `json:"outcomeDate,omitempty"`
	OutcomeNote string `json:"outcomeNote,omitempty"`
}

// MaxByLen is how long By may be, in code points.
const MaxByLen = 200

// DateLayout is how OutcomeDate and a dated By are written.
const DateLayout = "2006-01-02"

// IsZero reports whether f says nothing.
func (f Forecast) IsZero() bool {
	return f.By == "" && f.Probability == nil && f.Outcome == Open && f.OutcomeDate == "" && f.OutcomeNote == ""
}

// Equal reports whether f and g say the same.
func (f Forecast) Equal(g Forecast) bool {
	samePercent := f.Probability == nil && g.Probability == nil ||
		f.Probability != nil && g.Probability != nil && *f.Probability == *g.Probability
	return samePercent && f.By == g.By && f.Outcome == g.Outcome && f.OutcomeDate == g.OutcomeDate && f.OutcomeNote == g.OutcomeNote
}

// Percent returns a new probability of p percent, for Forecast.Probability.
func Percent(p int) *int { return &p }

// Due is the last day By names, when By is a date (2027-06-30), a month
// (2027-06) or a year (2027).
func (f Forecast) Due() (time.Time, bool) {
	for _, layout := range [...]string{DateLayout, "2006-01", "2006"} {
		if t, err := time.Parse(layout, f.By); err == nil {
			switch layout {
			case "2006-01":
				t = t.AddDate(0, 1, -1)
			case "2006":
				t = t.AddDate(1, 0, -1)
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// Check checks f by itself; Annotation.Validate also checks that only a
// prediction has one.
func (f Forecast) Check() error {
	switch {
	case utf8.RuneCountInString(f.By) > MaxByLen:
		return &FieldError{"by", fmt.Sprintf("is longer than %d characters", MaxByLen)}
	case hasControl(f.By):
		return &FieldError{"by", "holds a control character"}
	case f.Probability != nil && (*f.Probability < 0 || *f.Probability > 100):
		return &FieldError{"probability", fmt.Sprintf("%d is not a percentage from 0 to 100", *f.Probability)}
	case !f.Outcome.Valid():
		return &FieldError{"outcome", fmt.Sprintf("%q is not came-true, did-not-come-true or cannot-tell", f.Outcome)}
	case f.OutcomeNote != "" && CheckNote(f.OutcomeNote) != nil:
		return &FieldError{"outcomeNote", CheckNote(f.OutcomeNote).(*FieldError).Reason}
	}
	if f.OutcomeDate != "" {
		if _, err := time.Parse(DateLayout, f.OutcomeDate); err != nil {
			return &FieldError{"outcomeDate", fmt.Sprintf("%q is not a date such as 2027-01-31", f.OutcomeDate)}
		}
	}
	return nil
}
