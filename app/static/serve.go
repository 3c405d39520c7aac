package static

import (
	"mime"
	"net/http"
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
	root, err := filepath.Abs(dir)
	if err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if err != nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			http.NotFound(w, r)
			return
		}
		file, ok := resolve(root, r)
		if !ok {
			http.NotFound(w, r)
			return
		}
		serveFile(w, r, file)
	})
}

// resolve maps a request to a file inside root, refusing anything that
// would leave it: .. segments, encoded slashes or backslashes, and links
// that point outside. Dot-files are never sent, directories never listed;
// / is index.html.
func resolve(root string, r *http.Request) (string, bool) {
	raw := r.URL.EscapedPath()
	if strings.Contains(strings.ToLower(raw), "%2f") || strings.Contains(strings.ToLower(raw), "%5c") || strings.Contains(r.URL.Path, "\\") {
		return "", false
	}
	p := r.URL.Path
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, ".") { // .., and dot-files such as .bin/
			return "", false
		}
	}
	p = path.Clean("/" + p)
	if p == "/" {
		p = "/index.html"
	}
	file := filepath.Join(root, filepath.FromSlash(p))
	if filepath.Ext(file) == "" {
		file += ".html" // go-app writes a page /about as about.html
	}
	real, err := filepath.EvalSymlinks(file)
	if err != nil || (real != root && !strings.HasPrefix(real, root+string(filepath.Separator))) {
		return "", false
	}
	info, err := os.Stat(real)
	if err != nil || info.IsDir() {
		return "", false
	}
	return real, true
}

// serveFile sends file, or its .br or .gz copy when the client takes it.
func serveFile(w http.ResponseWriter, r *http.Request, file string) {
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
			if accepts(accept, enc.token) {
				if _, err := os.Stat(file + enc.suffix); err == nil {
					send = file + enc.suffix
					h.Set("Content-Encoding", enc.name)
					break
				}
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
