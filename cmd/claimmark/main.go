// Command claimmark serves the claimmark app and works with its files.
//
//	claimmark serve [-addr 127.0.0.1:8000] [-root DIR | -dir BUILD]
//	claimmark build [-root DIR] [-out build] [-prefix /PATH]
//	claimmark convert -to json|w3c|csv|md|argdown|aif [-text FILE] FILE
//	claimmark validate FILE...
//	claimmark grade [-key KEY.json] [-format text|csv|json] HANDOUT.json SUBMISSION.json...
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/claimmark/claimmark/app/server"
	"github.com/claimmark/claimmark/app/static"
)

const usage = `usage:
  claimmark serve [-addr 127.0.0.1:8000] [-root DIR | -dir BUILD]
  claimmark build [-root DIR] [-out build] [-prefix /PATH]
  claimmark convert -to json|w3c|csv|md|argdown|aif [-text FILE] FILE
  claimmark validate FILE...
  claimmark grade [-key KEY.json] [-format text|csv|json] HANDOUT.json SUBMISSION.json...
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run carries out a command and returns the exit status: 0 for success,
// 1 when a file is bad, 2 for a wrong command line.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	switch args[0] {
	case "serve":
		addr := fs.String("addr", "127.0.0.1:8000", "address to listen on")
		root := fs.String("root", ".", "development: the folder that holds web/ with web/app.wasm")
		dir := fs.String("dir", "", "a static site made by 'claimmark build' to serve instead")
		if fs.Parse(args[1:]) != nil {
			return 2
		}
		if err := serve(*addr, *root, *dir, stderr); err != nil {
			fmt.Fprintln(stderr, "claimmark:", err)
			return 1
		}
		return 0
	case "build":
		root := fs.String("root", ".", "the folder that holds web/ with web/app.wasm")
		out := fs.String("out", "build", "the folder to write the site to")
		prefix := fs.String("prefix", "", "the URL path the site will live under, such as /claimmark")
		if fs.Parse(args[1:]) != nil {
			return 2
		}
		if err := static.Build(*root, *out, *prefix); err != nil {
			fmt.Fprintln(stderr, "claimmark:", err)
			return 1
		}
		fmt.Fprintf(stdout, "claimmark: wrote %s\n", *out)
		return 0
	case "grade":
		key := fs.String("key", "", "the key: a handout with one, or a claimmark JSON export of the text")
		as := fs.String("format", "text", "what to print: text, csv or json")
		if fs.Parse(args[1:]) != nil || fs.NArg() < 1 {
			fmt.Fprint(stderr, usage)
			return 2
		}
		if err := grade(stdout, fs.Arg(0), *key, *as, fs.Args()[1:]); err != nil {
			fmt.Fprintln(stderr, "claimmark:", err)
			return 1
		}
		return 0
	case "convert":
		to := fs.String("to", "", "the format to write: json, w3c, csv or md")
		text := fs.String("text", "", "the text a W3C file annotates, to place its annotations in")
		if fs.Parse(args[1:]) != nil || fs.NArg() != 1 {
			fmt.Fprint(stderr, usage)
			return 2
		}
		if err := convert(stdout, stderr, fs.Arg(0), *to, *text, time.Now()); err != nil {
			fmt.Fprintln(stderr, "claimmark:", err)
			return 1
		}
		return 0
	case "validate":
		if fs.Parse(args[1:]) != nil || fs.NArg() == 0 {
			fmt.Fprint(stderr, usage)
			return 2
		}
		return validate(stdout, fs.Args())
	}
	fmt.Fprint(stderr, usage)
	return 2
}

// develop serves the app for development from root, the folder that
// holds web/: the same way as a built site, with go-app making the pages
// and only the files under web/ sent as they are.
func develop(root string) http.Handler {
	return static.Secure(server.Handler(http.StripPrefix("/web", static.Files(filepath.Join(root, "web")))))
}

func serve(addr, root, dir string, logTo io.Writer) error {
	var h http.Handler
	if dir != "" {
		if _, err := os.Stat(dir + "/index.html"); err != nil {
			return fmt.Errorf("%s/index.html is missing: build the site with 'make build'", dir)
		}
		h = static.Handler(dir)
	} else {
		if _, err := os.Stat(root + "/web/app.wasm"); err != nil {
			return fmt.Errorf("%s/web/app.wasm is missing: build it with 'make wasm'", root)
		}
		h = develop(root)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	log.New(logTo, "", 0).Printf("claimmark: serving on http://%s", ln.Addr())
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
