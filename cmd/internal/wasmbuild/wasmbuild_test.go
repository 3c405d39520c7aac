package wasmbuild

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const root = "../../.."

// TestServerLeftOut builds the list of packages the wasm links, as Build
// does, and finds none of go-app's server in it.
func TestServerLeftOut(t *testing.T) {
	modfile, err := prepare(root)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "list", "-modfile="+modfile, "-deps", "./cmd/claimmark-wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, goAppPath+"/pkg/app") {
		t.Fatalf("the wasm does not link go-app at all: %q", deps)
	}
	for _, server := range []string{"net/http", "crypto/tls", "text/template"} {
		if slices.Contains(deps, server) {
			t.Errorf("the wasm still links %s", server)
		}
	}
}

// TestStandInsAreGoApps keeps the stand-ins' functions the same as the
// ones they stand in for.
func TestStandInsAreGoApps(t *testing.T) {
	src, err := goAppDir(root)
	if err != nil {
		t.Fatal(err)
	}
	theirs := funcs(t, filepath.Join(src, "pkg/app/http.go"), nil)
	ours := funcs(t, "wasm_standins.go", wasmStandIns)
	if len(ours) == 0 {
		t.Fatal("the stand-ins have no functions")
	}
	for name, body := range ours {
		if theirs[name] != body {
			t.Errorf("%s differs from go-app's:\n%s\ngo-app's:\n%s", name, body, theirs[name])
		}
	}
}

func funcs(t *testing.T, path string, src any) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil {
			var b bytes.Buffer
			printer.Fprint(&b, fset, fn)
			m[fn.Name.Name] = b.String()
		}
	}
	return m
}
