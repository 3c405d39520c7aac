// Package wasmbuild builds claimmark's WebAssembly, the one way that make,
// the browser tests and the benchmark all use.
//
// go-app v9.8.0 compiles its server into the wasm as well: http.go and
// resource.go carry no build constraint, and with them come net/http,
// crypto/tls and text/template, whose package initialisers the linker must
// keep. The wasm is therefore built against a copy of go-app in which those
// two files are for native builds only, as static.go already is. That took
// app.wasm from 2,012,208 to 1,651,227 bytes (brotli), and changes nothing
// that a native build compiles.
package wasmbuild

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const (
	goAppPath    = "github.com/maxence-charriere/go-app/v9"
	goAppVersion = "v9.8.0" // the version the files below were checked against
)

// serverOnly are go-app's files that only a server uses.
var serverOnly = []string{"pkg/app/http.go", "pkg/app/resource.go"}

// wasmStandIns is what the rest of go-app's wasm build uses from them.
const wasmStandIns = `//go:build wasm

// Added by claimmark's build (cmd/internal/wasmbuild): http.go and
// resource.go are left out of the wasm, and these are what the wasm build
// used of them.

package app

import "strings"

// Handler is only named by wasm.go's GenerateStaticWebsite, which panics.
type Handler struct{}

func isRemoteLocation(path string) bool {
	return strings.HasPrefix(path, "https://") ||
		strings.HasPrefix(path, "http://")
}

func isStaticResourcePath(path string) bool {
	return strings.HasPrefix(path, "/web/") ||
		strings.HasPrefix(path, "web/")
}
`

// GCFlags turn inlining off in go-app and claimmark's own packages: 88 KB
// less wasm (brotli) at about 1.05 times the time on the heaviest paths
// that make bench measures. The standard library and the runtime keep
// their inlining, where it pays.
var GCFlags = []string{
	"-gcflags=" + goAppPath + "/pkg/app=-l",
	"-gcflags=github.com/claimmark/claimmark/...=-l",
}

// Build compiles the wasm entry point pkg (such as ./cmd/claimmark-wasm)
// of the module in root to out. With names, the wasm keeps its name
// section, for the table of code by package.
func Build(root, pkg, out string, names bool) error {
	modfile, err := prepare(root)
	if err != nil {
		return err
	}
	args := append([]string{"build", "-modfile=" + modfile, "-trimpath"}, GCFlags...)
	if !names {
		args = append(args, "-ldflags=-s -w")
	}
	cmd := exec.Command("go", append(args, "-o", out, pkg)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s: %v\n%s", pkg, err, b)
	}
	return nil
}

// The copy of go-app and the go.mod that points to it live in a dot-folder
// of build/, which the static server never sends. The go.mod names the copy
// by a path relative to root, so that the wasm, which records it, is the
// same wherever it is built.
const (
	buildDir  = "build/.wasm"
	goAppCopy = buildDir + "/go-app-" + goAppVersion
)

// prepare writes the copy of go-app for the wasm, unless it is there
// already, and the go.mod for the build, and returns that go.mod's path.
// Each is written under another name and then renamed, so that builds
// that run at once never see half of one.
func prepare(root string) (string, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Join(root, buildDir), 0o755); err != nil {
		return "", err
	}
	if err := prepareGoApp(root); err != nil {
		return "", err
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	mod = fmt.Appendf(mod, "\nreplace %s => ./%s\n", goAppPath, goAppCopy)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", err
	}
	modfile := filepath.Join(root, buildDir, "go.mod")
	if err := writeAtomically(modfile, mod); err != nil {
		return "", err
	}
	return modfile, writeAtomically(filepath.Join(root, buildDir, "go.sum"), sum)
}

// stamp says which edits a copy holds; a copy with another is made again.
var stamp = fmt.Sprintf("%s %s\n%q\n%s", goAppPath, goAppVersion, serverOnly, wasmStandIns)

func prepareGoApp(root string) error {
	dst := filepath.Join(root, goAppCopy)
	if b, err := os.ReadFile(filepath.Join(dst, "STAMP")); err == nil && string(b) == stamp {
		return nil
	}
	src, err := goAppDir(root)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Join(root, buildDir), "go-app-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := copyModule(src, tmp); err != nil {
		return err
	}
	if err := leaveOutOfWasm(tmp); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "STAMP"), []byte(stamp), 0o644); err != nil {
		return err
	}
	if b, err := os.ReadFile(filepath.Join(dst, "STAMP")); err == nil && string(b) != stamp {
		os.RemoveAll(dst) // made by another version of this package
	}
	if err := os.Rename(tmp, dst); err != nil {
		// Another build may have put its copy there first.
		if b, err2 := os.ReadFile(filepath.Join(dst, "STAMP")); err2 == nil && string(b) == stamp {
			return nil
		}
		return err
	}
	return nil
}

func writeAtomically(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// goAppDir returns the folder of the go-app that go.mod requires,
// downloading it if need be, and refuses a version other than the one
// whose files were checked.
func goAppDir(root string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", goAppPath)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("finding %s: %v\n%s", goAppPath, err, stderr.Bytes())
	}
	var m struct{ Dir, Version string }
	if err := json.Unmarshal(out, &m); err != nil {
		return "", fmt.Errorf("finding %s: %v", goAppPath, err)
	}
	if m.Version != goAppVersion {
		return "", fmt.Errorf("go.mod requires %s %s, but the wasm build knows the files of %s only: check serverOnly and wasmStandIns in cmd/internal/wasmbuild against the new version", goAppPath, m.Version, goAppVersion)
	}
	return m.Dir, nil
}

// copyModule copies a module's go.mod, licence and Go sources under pkg/,
// less its tests, with write permission (the module cache has none).
func copyModule(src, dst string) error {
	for _, name := range []string{"go.mod", "LICENSE"} {
		if err := copyFile(filepath.Join(src, name), filepath.Join(dst, name)); err != nil {
			return err
		}
	}
	return filepath.WalkDir(filepath.Join(src, "pkg"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		return copyFile(p, filepath.Join(dst, rel))
	})
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// leaveOutOfWasm gives serverOnly files the constraint !wasm and adds the
// stand-ins for what the wasm build used of them.
func leaveOutOfWasm(goApp string) error {
	for _, name := range serverOnly {
		p := filepath.Join(goApp, name)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.HasPrefix(b, []byte("package app\n")) {
			return fmt.Errorf("%s no longer starts with its package clause: check it before leaving it out of the wasm", name)
		}
		if err := os.WriteFile(p, append([]byte("//go:build !wasm\n\n"), b...), 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(goApp, "pkg/app/wasm_standins.go"), []byte(wasmStandIns), 0o644)
}
