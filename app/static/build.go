// Package static builds claimmark as a static site that any web server can
// host by copying a folder, and serves such a site well: precompressed
// files chosen by Accept-Encoding, caching that lets a new version reach
// readers, and strict security headers.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	stdjson "encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"

	"github.com/claimmark/claimmark/app/server"
)

// BrotliQuality is the brotli level of the .br copies. Tests lower it to
// build faster; a site for readers keeps the best.
var BrotliQuality = brotli.BestCompression

// compressible lists the extensions that get .br and .gz copies.
var compressible = []string{".wasm", ".js", ".css", ".html", ".json", ".webmanifest", ".svg", ".txt"}

// resources places the app's files under a URL prefix ("" for the site
// root), with the wasm renamed after its content so that it can be cached
// for good.
type resources struct{ prefix, wasm string }

func (r resources) Package() string { return r.prefix }
func (r resources) Static() string  { return r.prefix }
func (r resources) AppWASM() string { return r.prefix + "/web/" + r.wasm }

// Build writes the static site to out from root, which holds web/ with
// web/app.wasm built. prefix is the URL path the site will live under,
// such as /claimmark for a project's GitHub Pages, or "" for a host's root.
func Build(root, out, prefix string) error {
	return BuildApp(server.App, root, out, prefix)
}

// BuildApp builds the static site of any go-app handler that newApp makes
// for the given resources and version: the benchmark builds its bare
// go-app page with it, the same way as claimmark.
func BuildApp(newApp func(app.ResourceProvider, string) *app.Handler, root, out, prefix string) error {
	prefix = strings.TrimRight(prefix, "/")
	if prefix != "" && !strings.HasPrefix(prefix, "/") {
		prefix = "/" + prefix
	}
	web := filepath.Join(root, "web")
	wasm, err := os.ReadFile(filepath.Join(web, "app.wasm"))
	if err != nil {
		return fmt.Errorf("%w (build it with 'make wasm')", err)
	}
	version, err := contentHash(web)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(wasm)
	res := resources{prefix: prefix, wasm: "app." + hex.EncodeToString(sum[:6]) + ".wasm"}
	if err := clean(out); err != nil {
		return err
	}
	if err := app.GenerateStaticWebsite(out, newApp(res, version)); err != nil {
		return fmt.Errorf("generating the site: %w", err)
	}
	if err := allowZoom(out); err != nil {
		return err
	}
	if err := copyWeb(web, filepath.Join(out, "web"), res.wasm); err != nil {
		return err
	}
	if err := addMaskableIcon(filepath.Join(out, "manifest.webmanifest"), prefix+server.MaskableIcon); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if err := minifyFile(p); err != nil {
			return fmt.Errorf("minifying %s: %w", p, err)
		}
		return precompress(p)
	})
}

// allowZoom lets the reader zoom every page of the site.
func allowZoom(out string) error {
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(p, server.AllowZoom(b), 0o644)
	})
}

// clean empties out for a new build but for dot-files, which the build
// folder may share with the site (the server never sends them).
func clean(out string) error {
	entries, err := os.ReadDir(out)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			if err := os.RemoveAll(filepath.Join(out, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// addMaskableIcon lists the maskable icon in the web manifest, which
// go-app's handler has no field for.
func addMaskableIcon(manifest, src string) error {
	b, err := os.ReadFile(manifest)
	if err != nil {
		return err
	}
	var m map[string]any
	if err := stdjson.Unmarshal(b, &m); err != nil {
		return err
	}
	icons, _ := m["icons"].([]any)
	m["icons"] = append(icons, map[string]any{"src": src, "type": "image/png", "sizes": "512x512", "purpose": "maskable"})
	b, err = stdjson.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(manifest, b, 0o644)
}

// contentHash names a version of the site by what it ships, so that an
// unchanged build keeps its service worker cache and a changed one
// replaces it.
func contentHash(web string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(web, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(web, p)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(b))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:16], err
}

func copyWeb(from, to, wasmName string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if rel == "app.wasm" {
			dst = filepath.Join(to, wasmName)
		} else if strings.HasSuffix(rel, ".wasm") || strings.HasSuffix(rel, ".go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}

var minifier = func() *minify.M {
	m := minify.New()
	// Conservative HTML: go-app's pages keep their document and end tags
	// and quotes.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	return m
}()

var minifiable = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "text/javascript",
	".json": "application/json", ".webmanifest": "application/json", ".svg": "image/svg+xml",
}

func minifyFile(p string) error {
	mime, ok := minifiable[filepath.Ext(p)]
	if !ok {
		return nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := minifier.Minify(mime, &out, bytes.NewReader(b)); err != nil {
		return err
	}
	return os.WriteFile(p, out.Bytes(), 0o644)
}

// precompress writes .br (quality 11) and .gz (level 9) copies of a
// compressible file.
func precompress(p string) error {
	if !slices.Contains(compressible, filepath.Ext(p)) {
		return nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	var br, gz bytes.Buffer
	bw := brotli.NewWriterLevel(&br, BrotliQuality)
	bw.Write(b)
	if err := bw.Close(); err != nil {
		return err
	}
	gw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	gw.Write(b)
	if err := gw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(p+".br", br.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(p+".gz", gz.Bytes(), 0o644)
}

// hashedName matches file names that carry their content's hash, which
// never change and may be cached for good.
var hashedName = regexp.MustCompile(`\.[0-9a-f]{12}\.[a-z]+$`)

func isHashed(name string) bool { return hashedName.MatchString(path.Base(name)) }
