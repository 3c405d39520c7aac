package static

import (
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// ContentSecurityPolicy is what the app needs and no more: its own
// scripts, and 'wasm-unsafe-eval' to compile its WebAssembly.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

var contentTypes = map[string]string{
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
	".js":          "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".html":        "text/html; charset=utf-8",
	".json":        "application/json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
}

// fresh lists what must be checked on every load, so that a new version
// reaches readers: the pages, the service worker and the manifest.
var fresh = map[string]bool{"app-worker.js": true, "manifest.webmanifest": true, "app.js": true}

// Handler serves a site built by Build from dir.
func Handler(dir string) http.Handler {
	site := Files(dir)
	return Secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			r2 := *r
			r2.URL = &url.URL{Path: "/index.html"}
			r = &r2
		}
		site.ServeHTTP(w, r)
	}))
}

// Secure is how claimmark answers in every mode: with its security
// headers, to GET and HEAD alone (405 for the rest), and only for a path
// that names a file where it stands (404 for any other).
func Secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", ContentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			hd.Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if _, ok := cleanPath(r); !ok {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// cleanPath returns a request's path if it stays where it points: no ..
// or other dot segment (so no dot-files either, such as .bin/ or .git/),
// no encoded slash or backslash, no backslash.
func cleanPath(r *http.Request) (string, bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(r.URL.Path, "\\") {
		return "", false
	}
	for _, seg := range strings.Split(r.URL.Path, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	return path.Clean("/" + r.URL.Path), true
}

// Files serves the files in dir, and nothing else: no folder is listed,
// no link followed out of dir, no dot-file or Go source sent. A path with
// no extension names a page, which go-app writes as NAME.html. Each file
// is sent as it is or, when the client takes it, as its .br or .gz copy,
// checked as the file is.
func Files(dir string) http.Handler {
	root, err := filepath.Abs(dir)
	if err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := cleanPath(r)
		if err != nil || !ok {
			http.NotFound(w, r)
			return
		}
		if path.Ext(p) == "" {
			p += ".html"
		}
		file, ok := inside(root, filepath.Join(root, filepath.FromSlash(p)))
		if !ok || filepath.Ext(file) == ".go" {
			http.NotFound(w, r)
			return
		}
		serveFile(w, r, root, file)
	})
}

// inside returns where file really is, if that is a file in root and not
// a folder or a link out of it.
func inside(root, file string) (string, bool) {
	real, err := filepath.EvalSymlinks(file)
	if err != nil || (real != root && !strings.HasPrefix(real, root+string(filepath.Separator))) {
		return "", false
	}
	info, err := os.Stat(real)
	if err != nil || !info.Mode().IsRegular() {
		return "", false
	}
	return real, true
}

// serveFile sends file, or its .br or .gz copy when the client takes it
// and the copy is a file in root too.
func serveFile(w http.ResponseWriter, r *http.Request, root, file string) {
	h := w.Header()
	ext := filepath.Ext(file)
	ctype, ok := contentTypes[ext]
	if !ok {
		ctype = mime.TypeByExtension(ext)
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	name := filepath.Base(file)
	switch {
	case isHashed(name):
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	case ext == ".html" || fresh[name]:
		h.Set("Cache-Control", "no-cache")
	default:
		h.Set("Cache-Control", "public, max-age=0, must-revalidate")
	}
	send := file
	if isCompressible(ext) {
		h.Add("Vary", "Accept-Encoding")
		accept := r.Header.Get("Accept-Encoding")
		for _, enc := range []struct{ token, suffix, name string }{{"br", ".br", "br"}, {"gzip", ".gz", "gzip"}} {
			if !accepts(accept, enc.token) {
				continue
			}
			if alt, ok := inside(root, file+enc.suffix); ok {
				send = alt
				h.Set("Content-Encoding", enc.name)
				break
			}
		}
	}
	f, err := os.Open(send)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		http.NotFound(w, r)
		return
	}
	// ServeContent answers If-Modified-Since and ranges; the content type
	// is set, so it does not sniff.
	http.ServeContent(w, r, name, info.ModTime(), f)
}

func isCompressible(ext string) bool {
	for _, e := range compressible {
		if e == ext {
			return true
		}
	}
	return false
}

// accepts reports whether an Accept-Encoding header takes an encoding with
// a quality above zero.
func accepts(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), token) {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}
