package layering_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The domain packages are plain Go: they must build and be tested natively
// and never reach for go-app or the browser.
var domain = []string{"agreement", "anchor", "annotation", "classroom", "document", "argmap", "format", "prediction", "reading", "session", "store"}

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
			if err == nil && d.IsDir() && d.Name() == "node_modules" {
				return filepath.SkipDir // the tests' own tools, not the app
			}
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

// The UI is small components over one workspace: no file of app/ui grows
// past a region's worth of code, and no type gathers every rule again.
const (
	maxUIFileLines   = 300
	maxUITypeMethods = 30
)

func TestUIStaysInSmallParts(t *testing.T) {
	files, err := filepath.Glob("ui/*.go")
	if err != nil || len(files) < 10 {
		t.Fatalf("app/ui: %d files, %v", len(files), err)
	}
	fset := token.NewFileSet()
	methods := map[string][]string{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if n := fset.File(f.Pos()).LineCount(); n > maxUIFileLines {
			t.Errorf("%s has %d lines; split it by region (at most %d)", path, n, maxUIFileLines)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil {
				continue
			}
			typ := fn.Recv.List[0].Type
			if star, ok := typ.(*ast.StarExpr); ok {
				typ = star.X
			}
			if id, ok := typ.(*ast.Ident); ok {
				methods[id.Name] = append(methods[id.Name], fn.Name.Name)
			}
		}
	}
	if len(methods["Reader"]) == 0 {
		t.Fatal("no methods of Reader found: the check reads the wrong files")
	}
	for typ, ms := range methods {
		if len(ms) > maxUITypeMethods {
			t.Errorf("%s has %d methods (at most %d): %s", typ, len(ms), maxUITypeMethods, strings.Join(ms, ", "))
		}
	}
}
