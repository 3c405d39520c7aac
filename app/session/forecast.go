package session

import (
	"github.com/claimmark/claimmark/app/annotation"
)

// SetForecast sets a prediction's due date, probability and outcome.
// Typing into its fields is one step a burst, as a note is. Settling it
// (an outcome other than open) dates it today unless it has a date.
func (s *Session) SetForecast(id string, f annotation.Forecast) Change {
	i := s.index(id)
	if i < 0 || s.refused() {
		return Change{}
	}
	a := s.anns[i]
	if a.Tag != annotation.Prediction {
		s.Fail("Only a prediction has a due date, probability and outcome.")
		return Change{}
	}
	if f.Outcome != annotation.Open && f.OutcomeDate == "" && a.Forecast.Outcome == annotation.Open {
		f.OutcomeDate = s.now().Format(annotation.DateLayout)
	}
	if err := f.Check(); err != nil {
		s.Fail("Not changed: " + err.Error() + ".")
		return Change{}
	}
	if a.Forecast.Equal(f) {
		return Change{}
	}
	settled := f.Outcome != a.Forecast.Outcome
	a.Forecast, a.Modified = f, annotation.Timestamp(s.now())
	burst := "forecast " + id
	if settled {
		burst = "" // choosing an outcome is a step of its own
	}
	c := s.typed(burst, "forecast of "+quote(a), i, a)
	if settled {
		s.Say("Marked "+quote(a)+": "+f.Outcome.Label()+".", Undo)
	}
	return c
}
