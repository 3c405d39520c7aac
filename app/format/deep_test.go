package format_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/format"
)

// A file nested 100,000 deep is refused by every reader, the sniff of its
// kind first: in the browser, where the engine's stack is small, an
// unbounded descent throws and stops the app. make test-wasm runs this
// test in WebAssembly too.
func TestDeepFilesAreRefused(t *testing.T) {
	const n = 100_000
	files := map[string]string{
		"objects":             strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n),
		"arrays":              strings.Repeat("[", n) + strings.Repeat("]", n),
		"objects, unfinished": strings.Repeat(`{"a":`, n),
		"under a format key":  `{"x": ` + strings.Repeat("[", n) + strings.Repeat("]", n) + `, "format": "claimmark"}`,
		"in a W3C body":       `{"type": "Annotation", "body": ` + strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n) + `}`,
	}
	for name, file := range files {
		t.Run(name, func(t *testing.T) {
			data := []byte(file)
			if k := format.Kind(data); k != "" {
				t.Errorf("Kind = %q", k)
			}
			_, _, err := format.DecodeAny(bytes.NewReader(data), time.Now())
			if err == nil || !strings.Contains(err.Error(), "nested more than 64 deep") {
				t.Errorf("DecodeAny: %v", err)
			}
			if _, err := format.DecodeBackup(bytes.NewReader(data)); err == nil {
				t.Error("DecodeBackup took it")
			}
		})
	}
}
