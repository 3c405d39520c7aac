package main

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/claimmark/claimmark/cmd/internal/chrome"
	"github.com/claimmark/claimmark/cmd/internal/wasmbuild"
)

// packageTable prints how many bytes of code each package has in the
// wasm, the largest first. The shipped wasm is built without its name
// section (-s), so a copy is built with it, from the same code: the code
// section is the same.
func packageTable(w io.Writer, tmp string, n int) error {
	named := filepath.Join(tmp, "named.wasm")
	if err := wasmbuild.Build(chrome.RepoRoot(), "./cmd/claimmark-wasm", named, true); err != nil {
		return fmt.Errorf("building the wasm with its names: %v", err)
	}
	b, err := os.ReadFile(named)
	if err != nil {
		return err
	}
	funcs, err := functionSizes(b)
	if err != nil {
		return err
	}
	sizes := map[string]int{}
	for fn, n := range funcs {
		sizes[packageOf(fn)] += n
	}
	names := make([]string, 0, len(sizes))
	total := 0
	for k, v := range sizes {
		names = append(names, k)
		total += v
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(sizes[b], sizes[a]), cmp.Compare(a, b)) })
	fmt.Fprintf(w, "wasm code by package (bytes before compression; %d in all)\n", total)
	for _, k := range names[:min(n, len(names))] {
		fmt.Fprintf(w, "  %9d  %s\n", sizes[k], k)
	}
	fmt.Fprintln(w)
	uiTable(w, funcs)
	return nil
}

// uiKinds sorts the functions of package ui by what made them. A
// component embeds app.Compo, so the compiler writes it a wrapper for
// each of Compo's methods; a closure is a handler or a Range body.
var uiKinds = []struct {
	name string
	is   func(method string) bool
}{
	{"go-app's methods, wrapped for each component", func(m string) bool { return strings.Contains(m, "go_app_v9_pkg_app.") }},
	{"closures (handlers, Range bodies)", func(m string) bool { return strings.Contains(m, ".func") || strings.Contains(m, ".gowrap") }},
	{"method values (handlers named by method)", func(m string) bool { return strings.HasSuffix(m, "_fm") }},
	{"Render methods: chains of element builders", func(m string) bool { return strings.HasSuffix(m, ".Render") }},
	{"the rest of claimmark's own code", func(string) bool { return true }},
}

// uiTable prints what the code of package ui is made of.
func uiTable(w io.Writer, funcs map[string]int) {
	const ui = "github.com_claimmark_claimmark_app_ui"
	sizes := make([]int, len(uiKinds))
	counts := make([]int, len(uiKinds))
	total := 0
	for fn, n := range funcs {
		if packageOf(fn) != ui {
			continue
		}
		method := strings.TrimPrefix(fn, ui)
		for i, k := range uiKinds {
			if k.is(method) {
				sizes[i] += n
				counts[i]++
				total += n
				break
			}
		}
	}
	fmt.Fprintf(w, "package ui's wasm code by what made it (bytes; %d in all)\n", total)
	for i, k := range uiKinds {
		fmt.Fprintf(w, "  %9d  %5d functions  %s\n", sizes[i], counts[i], k.name)
	}
	var largest []string
	for fn := range funcs {
		if packageOf(fn) == ui {
			largest = append(largest, fn)
		}
	}
	slices.SortFunc(largest, func(a, b string) int { return cmp.Or(cmp.Compare(funcs[b], funcs[a]), cmp.Compare(a, b)) })
	fmt.Fprintf(w, "  the largest:")
	for _, fn := range largest[:min(8, len(largest))] {
		fmt.Fprintf(w, " %s %d;", strings.Trim(strings.TrimPrefix(fn, ui), "._"), funcs[fn])
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
}

// functionSizes gives the size of each function's body in a wasm module's
// code section by its name (from the name section).
func functionSizes(b []byte) (map[string]int, error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, errors.New("not a wasm module")
	}
	r := &wasmReader{b: b, at: 8}
	imported := 0 // functions are numbered from the imports on
	var bodies []int
	names := map[int]string{}
	for r.at < len(b) {
		id := r.byte()
		size := r.uint()
		end := r.at + size
		if r.err != nil || end > len(b) {
			return nil, errors.New("a section runs past the end of the module")
		}
		switch id {
		case 2: // imports
			for range r.uint() {
				r.name()
				r.name()
				switch kind := r.byte(); kind {
				case 0:
					r.uint()
					imported++
				case 1: // table: type, limits
					r.byte()
					r.limits()
				case 2:
					r.limits()
				case 3:
					r.byte()
					r.byte()
				}
			}
		case 10: // code
			for range r.uint() {
				n := r.uint()
				bodies = append(bodies, n)
				r.at += n
			}
		case 0: // custom: the name section's function names
			if r.name() == "name" {
				for r.at < end {
					sub, subSize := r.byte(), r.uint()
					subEnd := r.at + subSize
					if sub == 1 {
						for range r.uint() {
							i := r.uint()
							names[i] = r.name()
						}
					}
					r.at = subEnd
				}
			}
		}
		r.at = end
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(names) == 0 {
		return nil, errors.New("the module has no function names")
	}
	sizes := map[string]int{}
	for i, n := range bodies {
		sizes[names[imported+i]] += n
	}
	return sizes, nil
}

// packageOf is the package of a function's name in a Go wasm, where the
// path's slashes are underscores: "github.com_a_b_ui" for
// "github.com_a_b_ui.__list_.Render".
func packageOf(fn string) string {
	if fn == "" {
		return "(unnamed)"
	}
	from := 0
	if i := strings.IndexByte(fn, '_'); i > 0 {
		for _, tld := range []string{".com", ".org", ".net", ".io", ".in", ".dev"} {
			if strings.HasSuffix(fn[:i], tld) {
				from = i // past the domain's dot
			}
		}
	}
	if dot := strings.IndexByte(fn[from:], '.'); dot >= 0 {
		return fn[:from+dot]
	}
	return fn
}

type wasmReader struct {
	b   []byte
	at  int
	err error
}

func (r *wasmReader) byte() byte {
	if r.at >= len(r.b) {
		r.err = io.ErrUnexpectedEOF
		return 0
	}
	r.at++
	return r.b[r.at-1]
}

func (r *wasmReader) uint() int {
	if r.at >= len(r.b) {
		r.err = io.ErrUnexpectedEOF
		return 0
	}
	v, n := binary.Uvarint(r.b[r.at:])
	if n <= 0 {
		r.err = errors.New("a bad number in the module")
		return 0
	}
	r.at += n
	return int(v)
}

func (r *wasmReader) name() string {
	n := r.uint()
	if r.at+n > len(r.b) {
		r.err = io.ErrUnexpectedEOF
		return ""
	}
	r.at += n
	return string(r.b[r.at-n : r.at])
}

func (r *wasmReader) limits() {
	if r.byte()&1 == 1 {
		r.uint()
	}
	r.uint()
}
