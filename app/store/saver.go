package store

import (
	"errors"
	"sync"
	"time"
)

// Backoff is how long the saver waits before each new attempt at a write
// that failed: four attempts in all over about two seconds, as a disk
// that is full or busy, or a connection the browser closed, often clears.
var Backoff = []time.Duration{100 * time.Millisecond, 400 * time.Millisecond, 1600 * time.Millisecond}

// Status is what the saver tells the page after each write.
type Status struct {
	// Pending is how many changes still wait to be written.
	Pending int
	// Saved counts changes written since the saver started.
	Saved int
	// Took is how long the last write took, when it went through.
	Took time.Duration
	// Err is the last failure of a write that was given up on; the change
	// stays queued, to be tried again on the next change or on Retry.
	Err error
}

// Saver writes queued changes to a DB in order, one transaction each,
// retrying a failed one with backoff.
type Saver struct {
	DB    DB
	Queue Queue
	// Sleep waits between attempts; Report is told each outcome. Both are
	// called on the saver's goroutine.
	Sleep  func(time.Duration)
	Report func(Status)
	// Written, when set, is told of each batch written, before Report.
	Written func(Batch)
	// Journal, when set, holds what is not yet written from before each
	// write starts: it is kept at each Save and after each write.
	Journal *Journal

	once  sync.Once
	wake  chan struct{}
	saved int
}

func (s *Saver) init() { s.once.Do(func() { s.wake = make(chan struct{}, 1) }) }

// Save queues b, journals it, and returns; the write starts on the
// saver's goroutine.
func (s *Saver) Save(b Batch) {
	s.Queue.Add(b)
	s.keepJournal()
	s.Retry()
}

// keepJournal leaves what waits in the journal, if there is one. If the
// journal cannot be kept (localStorage full), the write goes on: the
// journal is a second line of defence, the database the first.
func (s *Saver) keepJournal() {
	if s.Journal != nil {
		s.Journal.Keep(s.Queue.Pending, time.Now())
	}
}

// Retry wakes the saver to try what waits again.
func (s *Saver) Retry() {
	s.init()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run writes changes as they come; it never returns.
func (s *Saver) Run() {
	s.init()
	for range s.wake {
		s.drain()
	}
}

// drain writes what waits until it is all written or a write fails for
// good.
func (s *Saver) drain() {
	for {
		b, ok := s.Queue.Next()
		if !ok {
			return
		}
		start := time.Now()
		err := s.DB.Write(b)
		for _, wait := range Backoff {
			if err == nil || errors.Is(err, ErrDataGone) {
				break // the page must write the whole document back first
			}
			s.Sleep(wait)
			start = time.Now()
			err = s.DB.Write(b)
		}
		if err != nil {
			s.Queue.Failed()
			s.Report(Status{Pending: s.Queue.Len(), Saved: s.saved, Err: err})
			return
		}
		s.Queue.Done()
		s.keepJournal()
		if s.Written != nil {
			s.Written(b)
		}
		s.saved++
		s.Report(Status{Pending: s.Queue.Len(), Saved: s.saved, Took: time.Since(start)})
	}
}
