// Command claimmark-bench measures what a reader waits for: the size of
// the wasm download, the cold load of the app in headless Chromium next to
// a bare go-app page built the same way, and the script time of tagging a
// selection. It prints a table and writes it to -out.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/cmd/internal/chrome"
	"github.com/claimmark/claimmark/cmd/internal/workload"
)

func main() {
	log.SetFlags(0)
	wasm := flag.String("wasm", "web/app.wasm", "the claimmark wasm to measure")
	out := flag.String("out", "build/bench.txt", "where to write the table")
	runs := flag.Int("runs", 5, "cold loads of each page")
	only := flag.String("only", "", "run one part: packages (the wasm's code by package), formats, loads (with the highlights), highlights, inp (interaction to next paint), peer (claimmark beside Recogito's text-annotator), storage, imports, class or map")
	flag.BoolVar(&profiling, "profile", false, "print where the page's time goes in the parts that profile it (map, peer, storage: the restore)")
	flag.BoolVar(&mineOnly, "mine", false, "in the peer part, measure claimmark alone (to profile it)")
	flag.Parse()
	if *only == "highlights" || *only == "inp" || *only == "loads" || *only == "peer" || *only == "storage" || *only == "class" || *only == "imports" || *only == "map" {
		if err := onlyPages(*wasm, *runs, *only); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *only == "packages" {
		tmp, err := os.MkdirTemp("", "claimmark-bench-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		if err := packageTable(os.Stdout, tmp, 40); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *only == "formats" {
		tmp, err := os.MkdirTemp("", "claimmark-bench-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		path, err := chrome.Path()
		if err == nil {
			err = formats(os.Stdout, path, tmp, *runs)
		}
		if err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := run(*wasm, *out, *runs); err != nil {
		log.Fatal(err)
	}
}

func run(wasmPath, out string, runs int) error {
	var table bytes.Buffer
	w := io.MultiWriter(os.Stdout, &table)
	fmt.Fprintf(w, "claimmark benchmark, %s\n\n", time.Now().UTC().Format(time.RFC3339))

	tmp, err := os.MkdirTemp("", "claimmark-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// Sizes.
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return fmt.Errorf("%v (run 'make wasm' first)", err)
	}
	bareRoot, err := buildBare(tmp)
	if err != nil {
		return err
	}
	bareBytes, err := os.ReadFile(filepath.Join(bareRoot, "web", "app.wasm"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%-34s %12s %12s %12s\n", "wasm size (bytes)", "raw", "gzip -9", "brotli -q 11")
	for _, s := range []struct {
		name string
		data []byte
	}{{"claimmark web/app.wasm", wasm}, {"bare go-app page", bareBytes}} {
		gz, br, err := compressed(s.data)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%-34s %12d %12d %12d\n", s.name, len(s.data), gz, br)
	}
	fmt.Fprintln(w)
	if err := packageTable(w, tmp, 25); err != nil {
		return err
	}

	path, err := chrome.Path()
	if err != nil {
		return err
	}
	appURL, bareURL, stop, err := sites(tmp, wasm, bareRoot)
	if err != nil {
		return err
	}
	defer stop()
	if err := loadTable(w, path, appURL, bareURL, runs); err != nil {
		return err
	}

	script, err := tagging(path, appURL)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "tagging a selection on the post, %d taggings (ms)\n", len(script))
	fmt.Fprintf(w, "  script until the highlight is added, median %.2f, max %.2f\n\n", median(script), slices.Max(script))

	if err := highlightTable(w, path, appURL); err != nil {
		return err
	}
	if err := inpTable(w, path, appURL, min(runs, 3)); err != nil {
		return err
	}
	if err := peerTable(w, path, appURL, tmp, runs); err != nil {
		return err
	}
	if err := storageTable(w, path, appURL, runs); err != nil {
		return err
	}
	if err := importTable(w, path, appURL, runs); err != nil {
		return err
	}
	if err := classTable(w, path, appURL, runs); err != nil {
		return err
	}
	if err := formats(w, path, tmp, runs); err != nil {
		return err
	}
	if err := mapTable(w, path, appURL, tmp, runs); err != nil {
		return err
	}

	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, table.Bytes(), 0o644)
}

// compressed returns the sizes of data after gzip -9 and brotli -q 11.
func compressed(data []byte) (gz, br int, err error) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	cmd := exec.Command("brotli", "-q", "11", "-c")
	cmd.Stdin = bytes.NewReader(data)
	b, err := cmd.Output()
	if err != nil {
		return 0, 0, fmt.Errorf("brotli (apt-get install brotli): %w", err)
	}
	return buf.Len(), len(b), nil
}

// tagging selects each sentence of the post's first paragraphs in turn,
// presses c, and returns the script time until the claim highlight holds
// the new range. The key handler runs the tagging synchronously, so the
// time is measured around dispatchEvent.
func tagging(path, url string) ([]float64, error) {
	ctx, cancel, err := openPage(path, url, time.Minute)
	if err != nil {
		return nil, err
	}
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
		const times = [];
		const paras = [...document.querySelectorAll("#document p")];
		for (const p of paras) {
			const node = p.firstChild;
			for (const m of node.data.matchAll(/[^.]+\./g)) {
				const r = document.createRange();
				r.setStart(node, m.index + 1);
				r.setEnd(node, m.index + m[0].length);
				const sel = getSelection();
				sel.removeAllRanges();
				sel.addRange(r);
				const before = CSS.highlights.get("claim").size;
				const t0 = performance.now();
				document.dispatchEvent(new KeyboardEvent("keydown", {key: "c", bubbles: true}));
				const t1 = performance.now();
				if (CSS.highlights.get("claim").size !== before + 1) {
					throw new Error("tagging did not paint synchronously");
				}
				times.push(t1 - t0);
				if (times.length === 30) return times;
			}
		}
		return times;
	})()`))
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func fmtRuns(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.0f", x)
	}
	return strings.Join(parts, " ")
}

// formats runs the workload of package workload natively and in the
// browser, runs times each, and prints the medians.
func formats(w io.Writer, path, tmp string, runs int) error {
	var native, browser []workload.Result
	var memory []float64
	for range runs {
		r, err := workload.Measure(workload.HeapMemory)
		if err != nil {
			return err
		}
		native = append(native, r)
	}
	dir := filepath.Join(tmp, "workload")
	if err := chrome.BuildWasm("./cmd/claimmark-bench/wasm", filepath.Join(dir, "bench.wasm")); err != nil {
		return err
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return err
	}
	wasmExec, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return err
	}
	os.WriteFile(filepath.Join(dir, "wasm_exec.js"), wasmExec, 0o644)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(`<!doctype html><script src="wasm_exec.js"></script><script>
const go = new Go();
WebAssembly.instantiateStreaming(fetch("bench.wasm"), go.importObject).then(r => {
  window.benchInstance = r.instance;
  go.run(r.instance).then(() => { window.benchMemory = r.instance.exports.mem.buffer.byteLength; });
});
</script>`), 0o644)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	for range runs {
		r, mem, err := browserWorkload(path, srv.URL+"/")
		if err != nil {
			return err
		}
		browser = append(browser, r)
		memory = append(memory, mem)
	}
	med := func(rs []workload.Result, f func(workload.Result) float64) float64 {
		var xs []float64
		for _, r := range rs {
			xs = append(xs, f(r))
		}
		return median(xs)
	}
	r := native[0]
	fmt.Fprintf(w, "formats: %d annotations of a 256 KB text (W3C: %d, as many as fit in 5 MB), median of %d (ms)\n", r.Annotations, r.W3CAnnotations, runs)
	fmt.Fprintf(w, "  %-28s %10s %10s %8s\n", "", "native", "browser", "ratio")
	for _, row := range []struct {
		name string
		f    func(workload.Result) float64
	}{
		{"encode claimmark JSON", func(r workload.Result) float64 { return r.EncodeJSON }},
		{"decode claimmark JSON", func(r workload.Result) float64 { return r.DecodeJSON }},
		{"encode W3C", func(r workload.Result) float64 { return r.EncodeW3C }},
		{"decode W3C", func(r workload.Result) float64 { return r.DecodeW3C }},
		{"re-anchor, total", func(r workload.Result) float64 { return r.PlaceTotal }},
		{"re-anchor, longest slice", func(r workload.Result) float64 { return r.PlaceMaxSlice }},
		{"re-anchor, slowest one", func(r workload.Result) float64 { return r.PlaceMaxOne }},
	} {
		n, b := med(native, row.f), med(browser, row.f)
		fmt.Fprintf(w, "  %-28s %10.1f %10.1f %7.2f×\n", row.name, n, b, b/n)
	}
	fmt.Fprintf(w, "  re-anchoring %d annotations of a 1 MB text in an edited version: %d placed, %d unplaced\n", r.ToPlace, r.Placed, r.Unplaced)
	fmt.Fprintf(w, "  memory after the claimmark JSON codec, the peak so far (MiB): native %.0f, browser %.0f\n",
		med(native, func(r workload.Result) float64 { return r.CodecMemory }), med(browser, func(r workload.Result) float64 { return r.CodecMemory }))
	fmt.Fprintf(w, "  wasm memory after the whole run, re-anchoring included (it only grows: the peak): median %.0f MiB\n", median(memory)/(1<<20))
	return nil
}

// browserWorkload runs the workload page in a fresh browser.
func browserWorkload(path, url string) (workload.Result, float64, error) {
	var out struct {
		Result workload.Result
		Error  string
	}
	ctx, cancel, err := chrome.New(context.Background(), path)
	if err != nil {
		return out.Result, 0, err
	}
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelTimeout()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return out.Result, 0, err
	}
	raw, err := chromedp.Run(ctx, chromedp.Poll[string](`window.benchMemory && window.claimmarkBench`))
	if err != nil {
		return out.Result, 0, err
	}
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return out.Result, 0, err
	}
	if out.Error != "" {
		return out.Result, 0, errors.New(out.Error)
	}
	mem, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.benchMemory`))
	return out.Result, mem, err
}

// onlyPages runs one of the parts that need the app's page: the loads
// (then the highlights), the highlights or the storage.
func onlyPages(wasmPath string, runs int, part string) error {
	tmp, err := os.MkdirTemp("", "claimmark-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return err
	}
	path, err := chrome.Path()
	if err != nil {
		return err
	}
	bareRoot, err := buildBare(tmp)
	if err != nil {
		return err
	}
	appURL, bareURL, stop, err := sites(tmp, wasm, bareRoot)
	if err != nil {
		return err
	}
	defer stop()
	switch part {
	case "storage":
		return storageTable(os.Stdout, path, appURL, runs)
	case "class":
		return classTable(os.Stdout, path, appURL, runs)
	case "imports":
		return importTable(os.Stdout, path, appURL, runs)
	case "map":
		return mapTable(os.Stdout, path, appURL, tmp, runs)
	case "inp":
		return inpTable(os.Stdout, path, appURL, runs)
	case "peer":
		return peerTable(os.Stdout, path, appURL, tmp, runs)
	case "loads":
		if err := loadTable(os.Stdout, path, appURL, bareURL, runs); err != nil {
			return err
		}
	}
	return highlightTable(os.Stdout, path, appURL)
}

// buildBare builds the bare go-app page, with web/ beside its wasm as
// claimmark has, under tmp, and returns its folder.
func buildBare(tmp string) (string, error) {
	root := filepath.Join(tmp, "bare")
	if err := chrome.BuildWasm("./cmd/claimmark-bench/bare", filepath.Join(root, "web", "app.wasm")); err != nil {
		return "", err
	}
	return root, chrome.CopyWeb(root)
}
