package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// The colour theme: the system's (""), or the one the reader chose on
// this device, kept in localStorage under themeKey. web/claimmark.js
// applies it before the page paints; the toolbar changes it.
const themeKey = "claimmark/theme"

// themes are the choices, in the order the theme button goes through them.
var themes = []struct{ value, label string }{
	{"", "System"}, {"light", "Light"}, {"dark", "Dark"},
}

// nextTheme is the theme after t, and its label.
func nextTheme(t string) string {
	for i, th := range themes {
		if th.value == t {
			return themes[(i+1)%len(themes)].value
		}
	}
	return ""
}

func themeLabel(t string) string {
	for _, th := range themes {
		if th.value == t {
			return th.label
		}
	}
	return themes[0].label
}

// savedTheme is the theme chosen on this device, "" for the system's.
func savedTheme() string {
	t, _, _ := localStorage{}.Get(themeKey)
	if t != "light" && t != "dark" {
		return ""
	}
	return t
}

// setTheme applies a theme and keeps it on this device.
func setTheme(t string) error {
	root := app.Window().Get("document").Get("documentElement")
	if t == "" {
		root.Call("removeAttribute", "data-theme")
		return localStorage{}.Remove(themeKey)
	}
	root.Get("dataset").Set("theme", t)
	return localStorage{}.Set(themeKey, t)
}

// themeButton shows the theme in force and goes to the next one.
func themeButton(current string, changed func(string)) app.UI {
	return app.Button().Class("theme").
		Aria("label", "Colours: "+themeLabel(current)+"; press for "+themeLabel(nextTheme(current))).
		OnClick(func(ctx app.Context, e app.Event) { changed(nextTheme(current)) }).
		Text("Colours: " + themeLabel(current))
}
