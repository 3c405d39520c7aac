package chrome

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWasmGCFlagsAreTheMakefiles keeps the wasm the tests and the
// benchmark measure the one make builds.
func TestWasmGCFlagsAreTheMakefiles(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(RepoRoot(), "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "WASMGCFLAGS :="); ok {
			if got := strings.Fields(rest); !slices.Equal(got, WasmGCFlags) {
				t.Errorf("the Makefile builds the wasm with %q, the tests with %q", got, WasmGCFlags)
			}
			return
		}
	}
	t.Error("the Makefile has no WASMGCFLAGS")
}
