package layering_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// largeFiles are the tracked files allowed past maxTracked, each for a
// reason; built binaries are never among them.
var largeFiles = map[string]string{}

// maxTracked is the largest a tracked file may be.
const maxTracked = 1 << 20

// The repository tracks source, not what is built from it.
func TestNoLargeFiles(t *testing.T) {
	out, err := exec.Command("git", "-C", "..", "ls-files", "-z").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	files := strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	if len(files) < 50 {
		t.Fatalf("git lists %d files", len(files))
	}
	for _, f := range files {
		info, err := os.Lstat(filepath.Join("..", f))
		if err != nil {
			continue // deleted in the work tree, not yet in the index
		}
		if info.Size() > maxTracked && largeFiles[f] == "" {
			t.Errorf("%s is %d bytes: a tracked file over %d bytes needs a reason in largeFiles", f, info.Size(), maxTracked)
		}
	}
}
