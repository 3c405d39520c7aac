// Command wasmbuild builds a wasm entry point the way make, the browser
// tests and the benchmark do (cmd/internal/wasmbuild says how):
//
//	go run ./cmd/wasmbuild -o web/app.wasm ./cmd/claimmark-wasm
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/claimmark/claimmark/cmd/internal/wasmbuild"
)

func main() {
	out := flag.String("o", "web/app.wasm", "the wasm file to write")
	names := flag.Bool("names", false, "keep the name section")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmbuild [-o file] [-names] package")
		os.Exit(2)
	}
	root, err := os.Getwd()
	if err == nil {
		err = wasmbuild.Build(root, flag.Arg(0), *out, *names)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmbuild:", err)
		os.Exit(1)
	}
}
