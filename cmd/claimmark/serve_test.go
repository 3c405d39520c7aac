package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/static"
)

// The development server answers as a built site does: the app's pages
// and the files under web/, nothing of the repository around them.
func TestDevServerServesOnlyTheApp(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"web/app.wasm":            "\x00asm",
		"web/claimmark.css":       "body{}",
		"web/icons/icon.svg":      "<svg/>",
		"web/web.go":              "package web",
		".git/config":             "SECRET git",
		"go.mod":                  "SECRET module",
		"cmd/claimmark/main.go":   "SECRET source",
		"build/.bin/claimmark":    "SECRET binary",
		"outside/secret.txt":      "SECRET linked",
		"web/documents/post.txt":  "a text",
		"web/documents/notes.txt": "notes",
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "outside", "secret.txt"), filepath.Join(root, "web", "link.txt")); err != nil {
		t.Fatal(err)
	}
	// A real server, so that each target reaches the handler as sent.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: develop(root), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	send := func(method, target string) (int, http.Header, string) {
		t.Helper()
		conn, err := net.DialTimeout("tcp", ln.Addr().String(), 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		io.WriteString(conn, method+" "+target+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s %s: %v", method, target, err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(body)
	}
	headers := func(target string, h http.Header) {
		t.Helper()
		for k, v := range map[string]string{
			"Content-Security-Policy":    static.ContentSecurityPolicy,
			"X-Content-Type-Options":     "nosniff",
			"Referrer-Policy":            "no-referrer",
			"Cross-Origin-Opener-Policy": "same-origin",
		} {
			if h.Get(k) != v {
				t.Errorf("%s: %s = %q", target, k, h.Get(k))
			}
		}
	}
	for _, target := range []string{
		"/web/../.git/config", "/web/%2e%2e/go.mod", "/web/%2e%2e/cmd/claimmark/main.go", "/web/..%2f..%2fgo.mod",
		"/.git/config", "/go.mod", "/build/.bin/claimmark", "/web/../build/.bin/claimmark", "/web/%2e%2e/build/.bin/claimmark",
		"/web/", "/web/documents/", "/web/link.txt", "/web/web.go", "/web/..\\go.mod",
	} {
		code, h, body := send("GET", target)
		if code != http.StatusNotFound || strings.Contains(body, "SECRET") || strings.Contains(body, "notes.txt") {
			t.Errorf("GET %s: %d %.80q", target, code, body)
		}
		headers(target, h)
	}
	for _, target := range []string{"/", "/web/claimmark.css", "/web/app.wasm", "/app.wasm", "/web/icons/icon.svg", "/manifest.webmanifest", "/app.js"} {
		code, h, body := send("GET", target)
		if code != http.StatusOK || strings.Contains(body, "SECRET") {
			t.Errorf("GET %s: %d %.80q", target, code, body)
		}
		headers(target, h)
	}
	for _, method := range []string{"TRACE", "PUT", "DELETE", "POST"} {
		if code, h, _ := send(method, "/"); code != http.StatusMethodNotAllowed || h.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /: %d, Allow %q", method, code, h.Get("Allow"))
		}
	}
}
