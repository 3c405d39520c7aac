package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// saveStatus is the state of saving, as the toolbar and the Data panel
// show it.
type saveStatus struct {
	State, Label string // "saved" and "Saved", …
	Problem      string // the last write's error
	Commits      int
	Persisted    string // "yes", "no" or "" while unknown
	Used, Room   float64
	Exported     time.Time
	Changes      int // since the last export
}

func (s *storage) status() saveStatus {
	st := saveStatus{State: "saved", Label: "Saved", Commits: s.commits, Persisted: s.persisted,
		Used: s.used, Room: s.room, Exported: s.info.Exported, Changes: s.info.Changes}
	switch {
	case s.outdated:
		st.State, st.Label = "outdated", "Read only"
	case s.err != nil:
		st.State, st.Label, st.Problem = "failed", "Not saved", s.err.Error()
	case s.saver != nil && s.saver.Queue.Len() > 0:
		st.State, st.Label = "saving", "Saving…"
	}
	return st
}

// persistAndEstimate asks the browser to keep the site's data, and reads
// how much room it has.
func (s *storage) persistAndEstimate() {
	storage := app.Window().Get("navigator").Get("storage")
	if !storage.Truthy() || !storage.Get("persist").Truthy() {
		return
	}
	then(storage.Call("persisted"), func(v app.Value) {
		if v.Bool() {
			s.w.dispatch(func() { s.persisted = "yes" })
			return
		}
		then(storage.Call("persist"), func(v app.Value) {
			granted := v.Bool()
			s.w.dispatch(func() { s.persisted = map[bool]string{true: "yes", false: "no"}[granted] })
		}, func(error) {})
	}, func(error) {})
	s.refreshEstimate()
}

func (s *storage) refreshEstimate() {
	storage := app.Window().Get("navigator").Get("storage")
	if !storage.Truthy() || !storage.Get("estimate").Truthy() {
		return
	}
	then(storage.Call("estimate"), func(v app.Value) {
		used, quota := v.Get("usage").Float(), v.Get("quota").Float()
		s.w.dispatch(func() { s.used, s.room = used, quota })
	}, func(error) {})
}
