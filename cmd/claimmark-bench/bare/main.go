// Command bare is the wasm entry point of the benchmark's baseline page.
package main

import (
	"github.com/claimmark/claimmark/cmd/internal/bare"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	// For the benchmark: where a cold load's time goes.
	app.Window().Get("performance").Call("mark", "claimmark-main")
	bare.Routes()
	app.RunWhenOnBrowser()
}
