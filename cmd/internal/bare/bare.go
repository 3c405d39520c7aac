// Package bare is the smallest go-app page, the baseline that the browser
// benchmark measures claimmark against. It marks itself ready the way
// claimmark does, as soon as it is mounted.
package bare

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Path is where the bare page is served.
const Path = "/bare"

type page struct{ app.Compo }

func (p *page) OnMount(ctx app.Context) {
	root := app.Window().Get("document").Get("documentElement")
	root.Call("setAttribute", "data-claimmark-ready", "")
	app.Window().Get("performance").Call("mark", "claimmark-ready")
}

func (p *page) Render() app.UI { return app.H1().Text("Hello") }

// Routes registers the bare page.
func Routes() { app.Route(Path, &page{}) }
