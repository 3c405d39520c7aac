//go:build js && wasm

package ui

import (
	"errors"
	"time"

	"github.com/claimmark/claimmark/app/idb"
	"github.com/claimmark/claimmark/app/store"
)

// openTimeout bounds the wait for the database: another tab of an older
// version can hold it, and the page must open regardless.
const openTimeout = 5 * time.Second

// openDB opens the browser's database. outdated is called, on a
// JavaScript callback, if a newer version of the app opens it later, and
// deleted if the database is deleted.
func openDB(outdated, deleted func()) (store.DB, error) {
	type opened struct {
		db  *idb.DB
		err error
	}
	done := make(chan opened, 1)
	go func() {
		db, err := idb.Open("claimmark")
		done <- opened{db, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			return nil, o.err
		}
		o.db.OnOutdated, o.db.OnDeleted = outdated, deleted
		return o.db, nil
	case <-time.After(openTimeout):
		return nil, errors.New("the browser's database did not open; another tab may be holding it")
	}
}

// isOutdated says whether err means a newer version took the database.
func isOutdated(err error) bool { return errors.Is(err, idb.ErrOutdated) }
