package layering_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The domain packages are plain Go: they must build and be tested natively
// and never reach for go-app or the browser.
var domain = []string{"anchor", "annotation", "document", "format", "store"}

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
