package main

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/cmd/internal/workload"
	"github.com/claimmark/claimmark/web"
)

// importTable drops on the post a claimmark JSON file of 20,000
// annotations made on another text, one that shares the post's phrases,
// and times, from the drop, the first sign of progress and the preview:
// every annotation is looked for in the post, where some quotes are found
// once, some many times, most nowhere.
func importTable(w io.Writer, path, appURL string, runs int) error {
	ctx, cancel, err := openPage(path, appURL, 5*time.Minute)
	if err != nil {
		return err
	}
	defer cancel()
	d, err := document.New(workload.Phrases(web.DefaultDocument, 200_000, 5))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := format.Encode(&buf, d, workload.Words(d, annotation.MaxPerText), time.Now()); err != nil {
		return err
	}
	drop := fmt.Sprintf(`new Promise((resolve) => {
		const file = new File([%q], "many.claimmark.json", {type: "application/json"});
		const t0 = performance.now();
		let first = 0;
		const seen = new MutationObserver(() => {
			if (!first && document.querySelector("section.import")) first = performance.now() - t0;
			if (document.querySelector("section.import h2")) {
				seen.disconnect();
				resolve([first, performance.now() - t0]);
			}
		});
		seen.observe(document.body, {childList: true, subtree: true, characterData: true});
		const dt = new DataTransfer();
		dt.items.add(file);
		document.getElementById("document").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	})`, buf.String())
	var progress, preview []float64
	for range runs {
		t, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](drop, chromedp.EvalAwaitPromise))
		if err != nil {
			return err
		}
		progress, preview = append(progress, t[0]), append(preview, t[1])
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll("section.import button")].find(b => b.textContent === "Cancel").click()`)); err != nil {
			return err
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector("section.import") === null`)); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "import of 20,000 annotations made on another text, a %.1f MB claimmark JSON file, into the post (ms)\n", float64(buf.Len())/(1<<20))
	fmt.Fprintf(w, "  from the drop to the first sign of progress: median %.0f of %d: %s (goal under 100)\n", median(progress), runs, fmtRuns(progress))
	fmt.Fprintf(w, "  from the drop to the preview: median %.0f of %d: %s (goal under 2000)\n\n", median(preview), runs, fmtRuns(preview))
	return nil
}
