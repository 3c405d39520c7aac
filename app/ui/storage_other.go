//go:build !(js && wasm)

package ui

import (
	"errors"

	"github.com/claimmark/claimmark/app/store"
)

// The server prerenders pages and never stores anything.
func openDB(_, _ func()) (store.DB, error) { return nil, errors.New("no browser storage here") }

func isOutdated(error) bool { return false }
