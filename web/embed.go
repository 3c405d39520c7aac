// Package web holds the files the app serves; the default document is
// also compiled into the app so that it opens without a request.
package web

import _ "embed"

// DefaultDocument is the text the app opens when nothing else was opened.
//
//go:embed documents/post-374.txt
var DefaultDocument string
