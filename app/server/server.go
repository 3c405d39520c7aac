// Package server serves the claimmark app with go-app's handler.
package server

import (
	"net/http"
	"time"

	"github.com/claimmark/claimmark/app/ui"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Handler serves the app for development: go-app makes every page, and
// web serves the files at /web/, the wasm among them.
func Handler(web http.Handler) http.Handler {
	return App(files{web}, "")
}

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
