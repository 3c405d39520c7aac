package static

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site makes a small built site, with a secret beside it and a link out.
func site(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "site")
	files := map[string]string{
		"index.html":                   "<!doctype html><title>x</title>",
		"index.html.br":                "BR-INDEX",
		"index.html.gz":                "GZ-INDEX",
		"app-worker.js":                "self.x=1",
		"web/app.0123456789ab.wasm":    "\x00asm",
		"web/app.0123456789ab.wasm.br": "BR-WASM",
		"web/claimmark.css":            "body{}",
		"web/icons/icon-192.png":       "PNG",
		"manifest.webmanifest":         "{}",
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(base, "secret.txt"), []byte("SECRET"), 0o644)
	// A link out, as a file and as the compressed copy of a real file.
	os.WriteFile(filepath.Join(dir, "web", "leak.txt"), []byte("plain"), 0o644)
	for _, link := range []string{"link.txt", "leak.txt.br", "leak.txt.gz"} {
		if err := os.Symlink(filepath.Join(base, "secret.txt"), filepath.Join(dir, "web", link)); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "web", "web.go"), []byte("package web"), 0o644)
	return dir
}

func get(t *testing.T, h http.Handler, target, acceptEncoding string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "http://example.test/", nil)
	r.URL.Path = ""
	var err error
	if r.URL, err = r.URL.Parse(target); err != nil {
		t.Fatal(err)
	}
	r.RequestURI = target
	if acceptEncoding != "" {
		r.Header.Set("Accept-Encoding", acceptEncoding)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestNoEscapes(t *testing.T) {
	h := Handler(site(t))
	for _, target := range []string{
		"/../secret.txt", "/web/../../secret.txt", "/web/%2e%2e/%2e%2e/secret.txt", "/web%2f..%2f..%2fsecret.txt",
		"/web/..%5c..%5csecret.txt", "/web/link.txt", "/web/", "/web", "/web/icons/", "/missing.html",
		"/.bin/claimmark", "/%2ebin/claimmark", "/web/web.go",
	} {
		w := get(t, h, target, "")
		if w.Code != http.StatusNotFound || strings.Contains(w.Body.String(), "SECRET") {
			t.Errorf("%s: status %d, body %q", target, w.Code, w.Body.String())
		}
	}
}

func TestNegotiation(t *testing.T) {
	h := Handler(site(t))
	tests := []struct {
		target, accept, encoding, body, ctype string
	}{
		{"/", "gzip, deflate, br", "br", "BR-INDEX", "text/html; charset=utf-8"},
		{"/", "gzip", "gzip", "GZ-INDEX", "text/html; charset=utf-8"},
		{"/", "br;q=0, gzip;q=0.5", "gzip", "GZ-INDEX", "text/html; charset=utf-8"},
		{"/", "", "", "<!doctype html><title>x</title>", "text/html; charset=utf-8"},
		{"/web/app.0123456789ab.wasm", "br", "br", "BR-WASM", "application/wasm"},
		{"/web/app.0123456789ab.wasm", "gzip", "", "\x00asm", "application/wasm"},
		{"/manifest.webmanifest", "br", "", "{}", "application/manifest+json"},
	}
	for _, tt := range tests {
		w := get(t, h, tt.target, tt.accept)
		if w.Code != 200 || w.Header().Get("Content-Encoding") != tt.encoding || w.Body.String() != tt.body || w.Header().Get("Content-Type") != tt.ctype {
			t.Errorf("%s with %q: %d %q %q %q", tt.target, tt.accept, w.Code, w.Header().Get("Content-Encoding"), w.Header().Get("Content-Type"), w.Body.String())
		}
		if !strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") && tt.target != "/web/icons/icon-192.png" {
			t.Errorf("%s: no Vary: Accept-Encoding", tt.target)
		}
	}
}

func TestHeaders(t *testing.T) {
	h := Handler(site(t))
	cache := map[string]string{
		"/":                          "no-cache",
		"/app-worker.js":             "no-cache",
		"/manifest.webmanifest":      "no-cache",
		"/web/app.0123456789ab.wasm": "public, max-age=31536000, immutable",
		"/web/claimmark.css":         "public, max-age=0, must-revalidate",
		"/web/icons/icon-192.png":    "public, max-age=0, must-revalidate",
	}
	for target, want := range cache {
		w := get(t, h, target, "br")
		if got := w.Header().Get("Cache-Control"); got != want {
			t.Errorf("%s: Cache-Control %q, want %q", target, got, want)
		}
		for k, v := range map[string]string{
			"Content-Security-Policy":    ContentSecurityPolicy,
			"X-Content-Type-Options":     "nosniff",
			"Referrer-Policy":            "no-referrer",
			"Cross-Origin-Opener-Policy": "same-origin",
		} {
			if got := w.Header().Get(k); got != v {
				t.Errorf("%s: %s = %q", target, k, got)
			}
		}
	}
	if w := get(t, h, "/missing", ""); w.Header().Get("Content-Security-Policy") == "" {
		t.Error("a 404 has no security headers")
	}
}

// A compressed copy is checked as its file is: a .br or .gz that links
// out of the site is never sent, and the file itself is.
func TestCompressedCopiesStayInside(t *testing.T) {
	h := Handler(site(t))
	for _, accept := range []string{"br", "gzip", "br, gzip"} {
		w := get(t, h, "/web/leak.txt", accept)
		if w.Code != 200 || w.Body.String() != "plain" || w.Header().Get("Content-Encoding") != "" {
			t.Errorf("leak.txt with %q: %d %q %q", accept, w.Code, w.Header().Get("Content-Encoding"), w.Body.String())
		}
	}
}

func TestOnlyGetAndHead(t *testing.T) {
	h := Handler(site(t))
	for _, method := range []string{"TRACE", "PUT", "DELETE", "POST", "OPTIONS", "PATCH"} {
		r := httptest.NewRequest(method, "/web/claimmark.css", strings.NewReader("x"))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" || w.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("%s: %d, Allow %q", method, w.Code, w.Header().Get("Allow"))
		}
	}
	r := httptest.NewRequest(http.MethodHead, "/web/claimmark.css", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 200 {
		t.Errorf("HEAD: %d", w.Code)
	}
}
