package main

import (
	"context"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/store"
	"github.com/claimmark/claimmark/cmd/internal/chrome"
	"github.com/claimmark/claimmark/cmd/internal/workload"
)

// The peer is Recogito's text-annotator, installed by make bench from the
// lock file in peer/.
const (
	peerName    = "Recogito's text-annotator 4.1.1"
	peerDist    = "cmd/claimmark-bench/peer/node_modules/@recogito/text-annotator/dist"
	peerTimeout = 60 * time.Second // a peer step that takes longer did not finish
)

// peerRenderers are the peer's two ways to paint: its default, spans over
// the text, and the CSS Custom Highlight API, which claimmark uses.
var peerRenderers = []string{"SPANS", "CSS_HIGHLIGHTS"}

// sideBySide is one workload's figures for one tool: medians in ms, or
// why there are none.
type sideBySide struct {
	Open, Retag, Click float64
	Failed             string
}

// peerTable opens the generated 1 MB text with 1,000 and with 10,000
// annotations in claimmark and in the peer, in the same Chromium, and
// prints their times side by side with the ratio claimmark/peer.
func peerTable(w io.Writer, path, appURL, tmp string, runs int) error {
	dist := filepath.Join(chrome.RepoRoot(), peerDist)
	if _, err := os.Stat(filepath.Join(dist, "text-annotator.umd.js")); err != nil {
		return fmt.Errorf("the peer is not installed (make bench installs it with npm): %w", err)
	}
	d, err := document.New(workload.Text(1<<20, 3))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "claimmark and %s on a 1 MB text, median of %d, in ms (ratio: claimmark/peer)\n", peerName, runs)
	fmt.Fprintf(w, "  open: from navigation to the first screen painted with its highlights; retag: until the frame that shows it; click: from a click on a highlight to the frame that shows its annotation\n")
	for _, n := range []int{1000, 10000} {
		as := workload.Words(d, n)
		dir := filepath.Join(tmp, fmt.Sprintf("peer-%d", n))
		if err := writePeerSite(dir, dist, d, as); err != nil {
			return err
		}
		srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
		mine := claimmarkSide(path, appURL, d, as, runs)
		fmt.Fprintf(w, "  %d annotations\n", len(as))
		fmt.Fprintf(w, "    %-24s %16s %16s %16s\n", "", "open", "retag", "click")
		printSide(w, "claimmark", mine, nil)
		for _, r := range peerRenderers {
			if mineOnly {
				break
			}
			theirs := peerSide(path, srv.URL+"/", r, runs)
			printSide(w, "peer, "+strings.ToLower(strings.ReplaceAll(r, "_", " ")), theirs, &mine)
		}
		srv.Close()
	}
	fmt.Fprintln(w)
	return nil
}

// printSide prints one tool's row; a peer's figures are followed by the
// ratio claimmark/peer.
func printSide(w io.Writer, name string, s sideBySide, mine *sideBySide) {
	if s.Failed != "" {
		fmt.Fprintf(w, "    %-24s %s\n", name, s.Failed)
		return
	}
	var cells [3]string
	for i, v := range s.figures() {
		cells[i] = fmt.Sprintf("%.1f", v)
		if mine != nil && mine.Failed == "" {
			cells[i] += fmt.Sprintf(" (%.2f)", mine.figures()[i]/v)
		}
	}
	fmt.Fprintf(w, "    %-24s %16s %16s %16s\n", name, cells[0], cells[1], cells[2])
}

func (s sideBySide) figures() [3]float64 { return [3]float64{s.Open, s.Retag, s.Click} }

// peerData is what the peer's page loads: the paragraphs, one text node
// each, and the annotations as W3C, with positions in the UTF-16 units of
// the page's text, as the peer counts them.
type peerData struct {
	Annotations []peerAnnotation  `json:"annotations"`
	Quotes      map[string]string `json:"quotes"`
}

type peerAnnotation struct {
	Context string `json:"@context"`
	ID      string `json:"id"`
	Type    string `json:"type"`
	Body    []struct {
		Type    string `json:"type"`
		Purpose string `json:"purpose"`
		Value   string `json:"value"`
	} `json:"body"`
	Target struct {
		Source   string           `json:"source"`
		Selector []map[string]any `json:"selector"`
	} `json:"target"`
}

// peerAnnotations gives as in the peer's terms: its page holds d's blocks
// as paragraphs with nothing between them, so a position is the UTF-16
// length of the blocks before plus the offset in its own block.
func peerAnnotations(d *document.Document, as []annotation.Annotation) (peerData, []string, error) {
	paras := make([]string, len(d.Blocks))
	before := make([]int, len(d.Blocks)) // UTF-16 units of the page's text before each block
	var domText []uint16
	for i, b := range d.Blocks {
		paras[i], before[i] = b.Text, len(domText)
		domText = append(domText, utf16.Encode([]rune(b.Text))...)
	}
	at := func(p int, end bool) int {
		pt := anchor.Locate(d, p, end)
		return before[pt.Block] + pt.UTF16
	}
	out := peerData{Quotes: map[string]string{}}
	for _, a := range as {
		s, e := at(a.Start, false), at(a.End, true)
		// The page's text has nothing between paragraphs, where claimmark's
		// has a blank line.
		quote := string(utf16.Decode(domText[s:e]))
		var want strings.Builder
		for _, b := range d.Blocks[anchor.Locate(d, a.Start, false).Block:] {
			if b.Start >= a.End {
				break
			}
			want.WriteString(d.Slice(max(a.Start, b.Start), min(a.End, b.End)))
		}
		if s == 0 || quote != want.String() {
			return out, nil, fmt.Errorf("annotation %s is not where claimmark has it: %q against %q", a.ID, quote, want.String())
		}
		pa := peerAnnotation{Context: "http://www.w3.org/ns/anno.jsonld", ID: a.ID, Type: "Annotation"}
		pa.Body = append(pa.Body, struct {
			Type    string `json:"type"`
			Purpose string `json:"purpose"`
			Value   string `json:"value"`
		}{"TextualBody", "tagging", string(a.Tag)})
		pa.Target.Source = "urn:claimmark:bench"
		pa.Target.Selector = []map[string]any{
			{"type": "TextQuoteSelector", "exact": quote},
			{"type": "TextPositionSelector", "start": s, "end": e},
		}
		out.Annotations = append(out.Annotations, pa)
		out.Quotes[a.ID] = quote
	}
	return out, paras, nil
}

// writePeerSite writes the peer's page for d and as into dir.
func writePeerSite(dir, dist string, d *document.Document, as []annotation.Annotation) error {
	data, paras, err := peerAnnotations(d, as)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range []string{"text-annotator.umd.js", "text-annotator.css"} {
		b, err := os.ReadFile(filepath.Join(dist, f))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			return err
		}
	}
	b, err := stdjson.Marshal(data)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "annotations.json"), b, 0o644); err != nil {
		return err
	}
	var page strings.Builder
	page.WriteString(`<!doctype html><meta charset="utf-8"><title>peer</title><link rel="stylesheet" href="text-annotator.css">
<style>body { margin: 0; display: flex; font: 18px/1.6 serif } #text { flex: 1; padding: 1em 2em; max-width: 40em } #shown { width: 20em; padding: 1em }</style>
<body><div id="text">`)
	for _, p := range paras {
		page.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	// The bundle reads process.env.NODE_ENV, which a bundler would replace.
	page.WriteString(`</div><aside id="shown"></aside><script>window.process = {env: {NODE_ENV: "production"}};</script><script src="text-annotator.umd.js"></script><script>` + peerScript + `</script>`)
	return os.WriteFile(filepath.Join(dir, "index.html"), []byte(page.String()), 0o644)
}

// peerScript loads the annotations into the peer with the renderer the
// page's hash names, colours each by its tag, and shows the quote of a
// clicked one beside the text, as an annotation tool would.
const peerScript = `
const colours = {claim: "#b0d4ff", evidence: "#c4f0c4", prediction: "#ffd9a8"};
const tagOf = a => a.bodies.find(b => b.purpose === "tagging")?.value;
// peerPick brings the nth annotation the peer has placed into view.
const peerPick = n => {
  const placed = [...anno.state.store.all()].filter(a => a.target.selector[0].range instanceof Range);
  const a = placed[n % placed.length];
  a.target.selector[0].range.startContainer.parentElement.scrollIntoView({block: "center"});
  return a;
};
const rgbOf = hex => { const n = parseInt(hex.slice(1), 16); return [n >> 16, (n >> 8) & 255, n & 255].join(", "); };
window.bench = (async () => {
  const data = await (await fetch("annotations.json")).json();
  const el = document.getElementById("text");
  const anno = RecogitoJS.createTextAnnotator(el, {
    adapter: RecogitoJS.W3CTextFormat("urn:claimmark:bench", el),
    renderer: location.hash.slice(1),
    style: a => ({fill: colours[tagOf(a)], fillOpacity: 0.5}),
  });
  anno.on("clickAnnotation", a => { document.getElementById("shown").textContent = data.quotes[a.id]; });
  anno.setAnnotations(data.annotations);
  window.anno = anno;
  window.quotes = data.quotes;
  window.w3c = Object.fromEntries(data.annotations.map(a => [a.id, a]));
  return true;
})();
`

// peerPainted is true once the peer has painted highlights on the screen.
const peerPainted = `(location.hash === "#SPANS" ? document.querySelectorAll(".r6o-annotation").length : (CSS.highlights.size || 0)) > 0`

// peerSide opens the peer's page runs times, each in a fresh browser, and
// measures opening it, retagging and clicking.
func peerSide(path, url, renderer string, runs int) sideBySide {
	var opens, retags, clicks []float64
	for range runs {
		o, r, c, err := peerRun(path, url+"#"+renderer)
		if err != nil {
			return sideBySide{Failed: err.Error()}
		}
		opens, retags, clicks = append(opens, o), append(retags, r...), append(clicks, c...)
	}
	return sideBySide{Open: median(opens), Retag: median(retags), Click: median(clicks)}
}

var errDidNotFinish = fmt.Errorf("did not finish in %.0f s", peerTimeout.Seconds())

func peerRun(path, url string) (open float64, retags, clicks []float64, err error) {
	ctx, cancel, err := chrome.New(context.Background(), path)
	if err != nil {
		return 0, nil, nil, err
	}
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*peerTimeout)
	defer cancelTimeout()
	var exceptions []string
	var mu sync.Mutex
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() {
				mu.Lock()
				exceptions = append(exceptions, m.String())
				mu.Unlock()
			}
		}
	}()
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		if err != nil && len(exceptions) > 0 {
			err = fmt.Errorf("%w (the page threw: %s)", err, exceptions[0])
		}
	}()
	// A first visit fills the cache, as claimmark's first visit does; the
	// second is measured.
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return 0, nil, nil, err
	}
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		return 0, nil, nil, err
	}
	open, err = chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(`new Promise((resolve, reject) => {
		const bound = setTimeout(() => reject(new Error("timeout")), %d);
		const frame = () => { if (window.anno && %s) { clearTimeout(bound); resolve(performance.now()); } else requestAnimationFrame(frame); };
		frame();
	})`, peerTimeout.Milliseconds(), peerPainted), chromedp.EvalAwaitPromise))
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) || strings.Contains(err.Error(), "timeout") {
			return 0, nil, nil, errDidNotFinish
		}
		return 0, nil, nil, err
	}
	if bad, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const shown = [...anno.state.store.all()].filter(a => a.target.selector[0].range instanceof Range);
		const wrong = shown.filter(a => a.target.selector[0].range.toString() !== quotes[a.id]);
		return shown.length === 0 ? "the peer anchored nothing" : wrong.length ? wrong.length + " of " + shown.length + " anchored elsewhere" : "";
	})()`)); err != nil || bad != "" {
		return 0, nil, nil, fmt.Errorf("the peer's anchoring: %v %s", err, bad)
	}
	for i := range 7 {
		r, err := chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(`new Promise((resolve, reject) => {
			const a = peerPick(%d * 25);
			const next = {claim: "evidence", evidence: "prediction", prediction: "claim"}[tagOf(a)];
			setTimeout(() => {
				const t0 = performance.now();
				const w = structuredClone(w3c[a.id]);
				w.body[0].value = next;
				anno.updateAnnotation(w); // in the adapter's format, W3C
				w3c[a.id] = w;
				const frame = () => requestAnimationFrame(() => { if (painted()) { clearTimeout(bound); resolve(performance.now() - t0); } else frame(); });
				frame();
			}, 200);
			const bound = setTimeout(() => reject(new Error("timeout")), %d);
			const painted = () => location.hash === "#SPANS"
				? [...document.querySelectorAll('.r6o-annotation[data-annotation="' + a.id + '"]')].some(s => s.style.backgroundColor.includes(rgbOf(colours[next])))
				: tagOf(anno.state.store.getAnnotation(a.id)) === next;
		})`, i, peerTimeout.Milliseconds()), chromedp.EvalAwaitPromise))
		if err != nil {
			return 0, nil, nil, fmt.Errorf("retag: %w", err)
		}
		retags = append(retags, r)
	}
	for i := range 7 {
		at, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`new Promise(resolve => {
			const a = peerPick(%d * 37 + 11);
			window.clickedQuote = quotes[a.id];
			setTimeout(() => {
				const r = a.target.selector[0].range.getClientRects()[0];
				window.addEventListener("pointerdown", e => { window.clickAt = e.timeStamp; }, {capture: true, once: true});
				resolve([r.left + r.width / 2, r.top + r.height / 2]);
			}, 200);
		})`, i), chromedp.EvalAwaitPromise))
		if err != nil {
			return 0, nil, nil, err
		}
		c, err := clickUntil(ctx, at, `document.getElementById("shown").textContent === clickedQuote`)
		if err != nil {
			return 0, nil, nil, fmt.Errorf("click: %w", err)
		}
		clicks = append(clicks, c)
	}
	return open, retags, clicks, nil
}

// clickUntil clicks at a point with the mouse, as a reader does, and
// returns the time from the page's pointerdown to the first frame in
// which shown is true.
func clickUntil(ctx context.Context, at []float64, shown string) (float64, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.shownAt = new Promise((resolve, reject) => {
		const bound = setTimeout(() => reject(new Error("nothing was shown")), %d);
		const frame = () => requestAnimationFrame(() => { if (window.clickAt !== undefined && (%s)) { clearTimeout(bound); resolve(performance.now() - window.clickAt); } else frame(); });
		frame();
	})`, peerTimeout.Milliseconds(), shown))); err != nil {
		return 0, err
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(at[0], at[1])); err != nil {
		return 0, err
	}
	t, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.shownAt.finally(() => { window.clickAt = undefined; })`, chromedp.EvalAwaitPromise))
	return t, err
}

// claimmarkSide stores as with d in claimmark, then opens it runs times,
// each in a fresh browser, and measures opening, retagging and clicking.
func claimmarkSide(path, appURL string, d *document.Document, as []annotation.Annotation, runs int) sideBySide {
	records, err := stdjson.Marshal(store.V1Records(d, as))
	if err != nil {
		return sideBySide{Failed: err.Error()}
	}
	quotes := make([]string, len(as))
	for i, a := range as {
		quotes[i] = a.Exact
	}
	quotesJSON, err := stdjson.Marshal(quotes)
	if err != nil {
		return sideBySide{Failed: err.Error()}
	}
	var opens, retags, clicks []float64
	for i := range runs {
		o, r, c, err := claimmarkRun(path, appURL, string(records), string(quotesJSON), len(as), i == 0)
		if err != nil {
			return sideBySide{Failed: err.Error()}
		}
		opens, retags, clicks = append(opens, o), append(retags, r...), append(clicks, c...)
	}
	return sideBySide{Open: median(opens), Retag: median(retags), Click: median(clicks)}
}

func claimmarkRun(path, appURL, records, quotes string, n int, prof bool) (open float64, retags, clicks []float64, err error) {
	ctx, cancel, err := openPage(path, appURL, 5*time.Minute)
	if err != nil {
		return 0, nil, nil, err
	}
	defer cancel()
	// The records go in as the first version's, and the first reload moves
	// them into IndexedDB; the second opens them as a reader's next visit.
	if err := storeAndReload(ctx, records); err != nil {
		return 0, nil, nil, err
	}
	if err := profile(ctx, os.Stdout, fmt.Sprintf("opening %d annotations", n), func() error {
		return chromedp.Do(ctx, chromedp.Reload(), waitReady)
	}, prof); err != nil {
		return 0, nil, nil, err
	}
	// On a long text claimmark paints only what is near the screen: each
	// range painted must be one of the passages, and the screen must show
	// some.
	open, err = chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(`(() => {
		// A range over two paragraphs reads without the blank line between.
		const flat = s => s.replace(/\n+/g, "");
		const quotes = new Set(%s.map(flat));
		const ranges = ["claim", "evidence", "prediction"].flatMap(t => [...(CSS.highlights.get(t) || [])]);
		const wrong = ranges.filter(r => !quotes.has(flat(r.toString()))).length;
		const inView = ranges.filter(r => (b => b.bottom > 0 && b.top < innerHeight)(r.getBoundingClientRect())).length;
		if (wrong || !inView) throw new Error(wrong + " of " + ranges.length + " highlights are on no passage, " + inView + " on the screen");
		return performance.getEntriesByName("claimmark-ready")[0].startTime;
	})()`, quotes)))
	if err != nil {
		return 0, nil, nil, err
	}
	for i := range 7 {
		var r retag
		if err := profile(ctx, os.Stdout, fmt.Sprintf("retagging one of %d", n), func() (err error) {
			r, err = chromedp.Run(ctx, chromedp.Evaluate[retag](retagJS(i), chromedp.EvalAwaitPromise))
			return err
		}, prof && i == 3); err != nil {
			return 0, nil, nil, fmt.Errorf("retag: %w", err)
		}
		retags = append(retags, r.Frame)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(document.activeElement?.blur(), getSelection().removeAllRanges())`)); err != nil {
		return 0, nil, nil, err
	}
	for i := range 7 {
		at, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => {
			const inView = r => (b => b.top > 80 && b.bottom < innerHeight - 80 && b.width > 0)(r.getBoundingClientRect());
			const shown = ["claim", "evidence", "prediction"].flatMap(t => [...CSS.highlights.get(t)]).filter(inView);
			const r = shown[(%d * 3) %% shown.length];
			window.clickedQuote = r.toString();
			const b = r.getClientRects()[0];
			window.addEventListener("pointerdown", e => { window.clickAt = e.timeStamp; }, {capture: true, once: true});
			return [b.left + b.width / 2, b.top + b.height / 2];
		})()`, i)))
		if err != nil {
			return 0, nil, nil, err
		}
		var c float64
		if err := profile(ctx, os.Stdout, fmt.Sprintf("clicking one of %d", n), func() (err error) {
			c, err = clickUntil(ctx, at, `document.querySelector('li[aria-current="true"] .quote')?.textContent === clickedQuote`)
			return err
		}, prof && i == 3); err != nil {
			return 0, nil, nil, fmt.Errorf("click: %w", err)
		}
		clicks = append(clicks, c)
	}
	return open, retags, clicks, nil
}
