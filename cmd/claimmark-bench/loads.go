package main

import (
	"context"
	stdjson "encoding/json"
	"fmt"
	"io"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/static"
	"github.com/claimmark/claimmark/app/store"
	"github.com/claimmark/claimmark/cmd/internal/bare"
	"github.com/claimmark/claimmark/cmd/internal/chrome"
	"github.com/claimmark/claimmark/cmd/internal/workload"
)

// load is what one page load took, in milliseconds after navigation, and
// what it moved.
type load struct {
	FCP, Ready  float64
	Transferred float64 // bytes, all requests of the load as sent over the wire
	// What a load waits for: the last stylesheet downloaded, the wasm read
	// to its end (as the streaming compiler takes it), and Go's main begun
	// (the wasm compiled, instantiated and its packages initialized).
	Sheets, Wasm, Main float64
}

// visit is a cold load, a warm one (the service worker serves), and a
// reload with the network off, in one fresh browser profile.
type visit struct{ cold, warm, offline load }

// sites builds claimmark's static site and the bare page's, with the same
// build, and serves both.
func sites(tmp string, wasm []byte, bareRoot string) (claimmarkURL, bareURL string, stop func(), err error) {
	root := filepath.Join(tmp, "root")
	if err := chrome.CopyWeb(root); err != nil {
		return "", "", nil, err
	}
	if err := os.WriteFile(filepath.Join(root, "web", "app.wasm"), wasm, 0o644); err != nil {
		return "", "", nil, err
	}
	appDir, bareDir := filepath.Join(tmp, "claimmark-site"), filepath.Join(tmp, "bare-site")
	if err := static.Build(root, appDir, ""); err != nil {
		return "", "", nil, err
	}
	bare.Routes()
	bareApp := func(res app.ResourceProvider, version string) *app.Handler {
		return &app.Handler{
			Name:      "bare",
			Icon:      app.Icon{Default: "/web/icons/icon-192.png", Large: "/web/icons/icon-512.png", SVG: "/web/icons/icon.svg"},
			Resources: res,
			Version:   version,
		}
	}
	if err := static.BuildApp(bareApp, bareRoot, bareDir, ""); err != nil {
		return "", "", nil, err
	}
	a := httptest.NewServer(static.Handler(appDir))
	b := httptest.NewServer(static.Handler(bareDir))
	return a.URL + "/", b.URL + bare.Path, func() { a.Close(); b.Close() }, nil
}

// measureVisit loads url cold, warm and offline, with the CPU slowed by
// throttle (1 for none).
func measureVisit(path, url string, throttle float64) (visit, error) {
	var v visit
	ctx, cancel, err := chrome.New(context.Background(), path)
	if err != nil {
		return v, err
	}
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()
	if throttle > 1 {
		if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: throttle}); err != nil {
			return v, err
		}
	}
	measure := func(navigate chromedp.Action[chromedp.Void]) (load, error) {
		if err := chromedp.Do(ctx, navigate); err != nil {
			return load{}, err
		}
		waitCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		ready, err := chromedp.Run(waitCtx, chromedp.Poll[float64](`performance.getEntriesByName("claimmark-ready")[0]?.startTime`))
		if err != nil {
			return load{Ready: math.NaN(), FCP: math.NaN()}, nil
		}
		l := load{Ready: ready}
		l.FCP, _ = chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN`))
		l.Transferred, _ = chromedp.Run(ctx, chromedp.Evaluate[float64](
			`[...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].reduce((n, e) => n + e.transferSize, 0)`))
		at, _ := chromedp.Run(ctx, chromedp.Evaluate[struct{ Sheets, Wasm, Main *float64 }](`(() => {
			const res = performance.getEntriesByType("resource");
			const last = suffix => {
				const ends = res.filter(e => new URL(e.name).pathname.endsWith(suffix)).map(e => e.responseEnd);
				return ends.length ? Math.max(...ends) : null;
			};
			return {Sheets: last(".css"), Wasm: last(".wasm"), Main: performance.getEntriesByName("claimmark-main")[0]?.startTime ?? null};
		})()`))
		l.Sheets, l.Wasm, l.Main = orNaN(at.Sheets), orNaN(at.Wasm), orNaN(at.Main)
		return l, nil
	}
	if v.cold, err = measure(chromedp.Navigate(url)); err != nil {
		return v, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`navigator.serviceWorker.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return v, err
	}
	if v.warm, err = measure(chromedp.Navigate(url)); err != nil {
		return v, err
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return v, err
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: new(true),
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		return v, err
	}
	v.offline, err = measure(chromedp.Reload())
	return v, err
}

// loadTable measures claimmark's static site and the bare page's, in turn
// so that drift in the machine's load hits both alike, and prints medians.
func loadTable(w io.Writer, path, appURL, bareURL string, runs int) error {
	for _, throttle := range []float64{1, 4} {
		var app, base []visit
		for range runs {
			v, err := measureVisit(path, appURL, throttle)
			if err != nil {
				return err
			}
			app = append(app, v)
			if v, err = measureVisit(path, bareURL, throttle); err != nil {
				return err
			}
			base = append(base, v)
		}
		title := "no CPU throttling"
		if throttle > 1 {
			title = fmt.Sprintf("CPU throttled %.0f×", throttle)
		}
		fmt.Fprintf(w, "page loads from the static build, %s, median of %d (ms)\n", title, runs)
		fmt.Fprintf(w, "  %-34s %10s %10s %8s\n", "", "claimmark", "bare page", "ratio")
		// A row without f heads the rows after it.
		rows := []struct {
			name string
			f    func(visit) float64
		}{
			{"cold: first contentful paint", func(v visit) float64 { return v.cold.FCP }},
			{"cold: ready", func(v visit) float64 { return v.cold.Ready }},
			{"warm (service worker): ready", func(v visit) float64 { return v.warm.Ready }},
			{"offline reload: ready", func(v visit) float64 { return v.offline.Ready }},
			{"where a cold load's time goes:", nil},
			{"  stylesheets downloaded", func(v visit) float64 { return v.cold.Sheets }},
			{"  wasm read to its end", func(v visit) float64 { return v.cold.Wasm }},
			{"  Go's main begins", func(v visit) float64 { return v.cold.Main }},
			{"  from the wasm to main", func(v visit) float64 { return v.cold.Main - v.cold.Wasm }},
			{"  from main to ready", func(v visit) float64 { return v.cold.Ready - v.cold.Main }},
		}
		for _, row := range rows {
			if row.f == nil {
				fmt.Fprintf(w, "  %s\n", row.name)
				continue
			}
			a, b := medianOf(app, row.f), medianOf(base, row.f)
			fmt.Fprintf(w, "  %-34s %10s %10s %8s\n", row.name, ms(a), ms(b), ratio(a, b))
		}
		a, b := medianOf(app, func(v visit) float64 { return v.cold.Transferred }), medianOf(base, func(v visit) float64 { return v.cold.Transferred })
		fmt.Fprintf(w, "  %-34s %10.0f %10.0f %8s\n\n", "cold: bytes transferred", a, b, ratio(a, b))
	}
	return nil
}

func orNaN(x *float64) float64 {
	if x == nil {
		return math.NaN()
	}
	return *x
}

func medianOf(vs []visit, f func(visit) float64) float64 {
	var xs []float64
	for _, v := range vs {
		if x := f(v); !math.IsNaN(x) {
			xs = append(xs, x)
		}
	}
	if len(xs) == 0 {
		return math.NaN()
	}
	return median(xs)
}

func ms(x float64) string {
	if math.IsNaN(x) {
		return "failed"
	}
	return fmt.Sprintf("%.0f", x)
}

func ratio(a, b float64) string {
	if math.IsNaN(a) || math.IsNaN(b) || b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// highlightTable opens a 1 MB text with 10,000 annotations, as a reader's
// next visit to it, and times its first screen of text, painting the
// highlights and being ready; then it times retagging one at a time.
func highlightTable(w io.Writer, path, appURL string) error {
	d, as, records, err := bigText()
	if err != nil {
		return err
	}

	ctx, cancel, err := openPage(path, appURL, 5*time.Minute)
	if err != nil {
		return err
	}
	defer cancel()
	if err := storeAndReload(ctx, records); err != nil {
		return err
	}
	// The first frame whose text is the stored one's, not the prerendered
	// post's: a frame's callbacks run just before it paints.
	first := ""
	for _, b := range d.Blocks {
		if b.Kind == document.Paragraph {
			first = string([]rune(b.Text)[:40])
			break
		}
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf(`(() => {
		const frame = () => requestAnimationFrame(() => {
			const p = document.querySelector("#document p");
			if (p && p.textContent.startsWith(%q)) window.textShownAt = performance.now();
			else frame();
		});
		frame();
	})()`, first)}); err != nil {
		return err
	}
	type opened struct{ Text, Paint, Ready float64 }
	var texts, paints, readies []float64
	for range 5 {
		if err := chromedp.Do(ctx, chromedp.Reload(), waitReady); err != nil {
			return err
		}
		o, err := chromedp.Run(ctx, chromedp.Poll[opened](`(() => {
			const end = performance.getEntriesByName("claimmark-paint-end")[0];
			const ready = performance.getEntriesByName("claimmark-ready")[0];
			if (!end || !ready || !window.textShownAt) return null;
			return {Text: textShownAt, Paint: end.startTime - performance.getEntriesByName("claimmark-paint-start")[0].startTime, Ready: ready.startTime};
		})()`, chromedp.WithPollingTimeout(time.Minute)))
		if err != nil {
			return err
		}
		texts, paints, readies = append(texts, o.Text), append(paints, o.Paint), append(readies, o.Ready)
	}
	var scripts, frames []float64
	for i := range 7 {
		r, err := chromedp.Run(ctx, chromedp.Evaluate[retag](retagJS(i), chromedp.EvalAwaitPromise))
		if err != nil {
			return err
		}
		scripts, frames = append(scripts, r.Script), append(frames, r.Frame)
	}
	fmt.Fprintf(w, "a 1 MB text with %d annotations (ms)\n", len(as))
	fmt.Fprintf(w, "  open again, median of %d: first screen of its text %.0f after navigation; highlights painted in %.1f; ready %.0f after navigation\n", len(texts), median(texts), median(paints), median(readies))
	fmt.Fprintf(w, "  retag one (median of %d): script %.1f, until the next frame %.1f\n\n", len(scripts), median(scripts), median(frames))
	return nil
}

// bigText makes the 1 MB text with 10,000 annotations of the highlight
// and interaction parts, as the records claimmark stores.
func bigText() (*document.Document, []annotation.Annotation, string, error) {
	d, err := document.New(workload.Text(1<<20, 3))
	if err != nil {
		return nil, nil, "", err
	}
	as := workload.Words(d, 10000)
	records, err := stdjson.Marshal(store.V1Records(d, as))
	return d, as, string(records), err
}

// retag is the time of a retag in claimmark: its script, and until the
// next frame.
type retag struct{ Script, Frame float64 }

// retagJS selects the annotation of the i×7th row of the list and
// retags it with its key, in a page of claimmark.
func retagJS(i int) string {
	return fmt.Sprintf(`new Promise((resolve, reject) => {
		const items = document.querySelectorAll('ol[aria-label="Annotations"] > li');
		const item = items[%d * 7];
		const next = {claim: ["e", "evidence"], evidence: ["p", "prediction"], prediction: ["c", "claim"]}[item.dataset.tag];
		item.querySelector(".item-open").click();
		setTimeout(() => {
			const before = CSS.highlights.get(next[1]).size;
			const t0 = performance.now();
			document.dispatchEvent(new KeyboardEvent("keydown", {key: next[0], bubbles: true}));
			const t1 = performance.now();
			requestAnimationFrame(() => {
				const t2 = performance.now();
				if (CSS.highlights.get(next[1]).size !== before + 1) reject(new Error("nothing was retagged"));
				resolve({Script: t1 - t0, Frame: t2 - t0});
			});
		}, 200);
	})`, i)
}

// openPage starts a browser with a fresh profile on url and waits until
// the app is ready.
func openPage(path, url string, timeout time.Duration) (context.Context, context.CancelFunc, error) {
	ctx, cancelBrowser, err := chrome.New(context.Background(), path)
	if err != nil {
		return nil, nil, err
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	cancel := func() { cancelTimeout(); cancelBrowser() }
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		cancel()
		return nil, nil, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.documentElement.hasAttribute("data-claimmark-ready")`)); err != nil {
		cancel()
		return nil, nil, err
	}
	return ctx, cancel, nil
}
