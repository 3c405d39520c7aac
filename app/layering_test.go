package layering_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The domain packages are plain Go: they must build and be tested natively
// and never reach for go-app or the browser.
var domain = []string{"agreement", "anchor", "annotation", "classroom", "document", "format", "session", "store"}

var forbidden = []string{"github.com/maxence-charriere/go-app", "syscall/js"}

func TestDomainIsPlainGo(t *testing.T) {
	for _, pkg := range domain {
		out, err := exec.Command("go", "list", "-deps", "./"+pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, f := range forbidden {
				if strings.HasPrefix(dep, f) {
					t.Errorf("app/%s depends on %s", pkg, dep)
				}
			}
		}
	}
}

// The wasm binary must not link the server.
func TestWasmLinksNoServer(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "../cmd/claimmark-wasm")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "github.com/claimmark/claimmark/app/server" {
			t.Error("cmd/claimmark-wasm imports app/server")
		}
	}
}

// Text from documents, notes and files reaches the page only as text: no
// part of the app builds HTML from strings.
func TestNoHTMLFromStrings(t *testing.T) {
	forbidden := []string{"app.Raw(", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "DOMParser", "createContextualFragment", "srcdoc"}
	checked := 0
	for _, root := range []string{".", "../cmd", "../web"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if ext := filepath.Ext(path); (ext != ".go" && ext != ".js" && ext != ".html") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			checked++
			for _, f := range forbidden {
				if strings.Contains(string(b), f) {
					t.Errorf("%s uses %s", path, f)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 20 {
		t.Fatalf("only %d files checked", checked)
	}
}
