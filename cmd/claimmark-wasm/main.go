// Command claimmark-wasm is the app as it runs in the browser. It links no
// server code: it registers the pages and hands over to go-app.
package main

import (
	"github.com/claimmark/claimmark/app/ui"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	// For the benchmark: where a cold load's time goes.
	app.Window().Get("performance").Call("mark", "claimmark-main")
	ui.Routes()
	app.RunWhenOnBrowser()
}
