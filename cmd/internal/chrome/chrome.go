// Package chrome starts headless Chromium against a freshly built copy of
// the app, for the browser tests and the browser benchmark.
package chrome

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/cmd/internal/wasmbuild"
)

// Path returns the Chromium binary to drive, from $CHROMIUM or the PATH.
func Path() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found: install it with 'sudo apt-get install chromium' (Debian), or set $CHROMIUM")
}

// Options are the flags for a headless Chromium with a fresh profile in
// dir. Background networking is off: this machine may have no network.
func Options(path, dir string) []chromedp.ExecAllocatorOption {
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	return append(opts,
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 900),
	)
}

// New starts a browser with a fresh profile and returns a tab context.
func New(parent context.Context, path string) (context.Context, context.CancelFunc, error) {
	dir, err := os.MkdirTemp("", "claimmark-chrome-")
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel, err := Start(parent, path, dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return ctx, func() { cancel(); os.RemoveAll(dir) }, nil
}

// Start starts a browser on the profile in dir, which it leaves when the
// browser is closed, and returns a tab context.
func Start(parent context.Context, path, dir string) (context.Context, context.CancelFunc, error) {
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, Options(path, dir)...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	cancel := func() {
		cancelCtx()
		cancelAlloc()
	}
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return ctx, cancel, nil
}

// RepoRoot returns the folder of go.mod above this package.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// BuildSite copies the repository's web/ into a new folder under dir and
// builds the wasm entry point pkg into it, so that tests run the code as it
// is now. It returns the folder, which holds web/.
func BuildSite(dir, pkg string) (string, error) {
	root := filepath.Join(dir, "site")
	if err := CopyWeb(root); err != nil {
		return "", err
	}
	return root, BuildWasm(pkg, filepath.Join(root, "web", "app.wasm"))
}

// CopyWeb copies the repository's web/, less any wasm, to root/web.
func CopyWeb(root string) error {
	from := filepath.Join(RepoRoot(), "web")
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(root, "web", rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if strings.HasSuffix(p, ".wasm") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}

// BuildWasm builds a wasm entry point as make does.
func BuildWasm(pkg, out string) error {
	return wasmbuild.Build(RepoRoot(), pkg, out, false)
}
