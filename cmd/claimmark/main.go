// Command claimmark serves the claimmark app.
//
//	claimmark serve [-addr 127.0.0.1:8000] [-root .]
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/claimmark/claimmark/app/server"
)

func main() {
	log.SetFlags(0)
	if len(os.Args) < 2 || os.Args[1] != "serve" {
		fmt.Fprintln(os.Stderr, "usage: claimmark serve [-addr 127.0.0.1:8000] [-root DIR]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:8000", "address to listen on")
	root := fs.String("root", ".", "folder that holds web/ with web/app.wasm")
	fs.Parse(os.Args[2:])
	if err := serve(*addr, *root); err != nil {
		log.Fatal(err)
	}
}

func serve(addr, root string) error {
	if _, err := os.Stat(root + "/web/app.wasm"); err != nil {
		return fmt.Errorf("%s/web/app.wasm is missing: build it with 'make wasm'", root)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	log.Printf("claimmark: serving on http://%s", ln.Addr())
	srv := &http.Server{Handler: server.Handler(root), ReadHeaderTimeout: 10 * time.Second}
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
