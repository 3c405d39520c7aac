package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/classroom"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/cmd/internal/workload"
)

// classTable times the teacher's comparison: 40 submissions of 200
// annotations each on a 100 KB text, dropped on the page at once with
// their handout, read, checked and compared, natively and in the browser.
func classTable(w io.Writer, path, appURL string, runs int) error {
	d, err := document.New(workload.Text(100_000, 9))
	if err != nil {
		return err
	}
	h := &format.Handout{Title: "A generated handout", Tags: []format.TagDefinition{{Tag: annotation.Claim, Definition: "c"}, {Tag: annotation.Evidence, Definition: "e"}, {Tag: annotation.Prediction, Definition: "p"}}, Doc: d}
	var buf bytes.Buffer
	format.EncodeHandout(&buf, h)
	files := []classroom.File{{Name: "generated.handout.json", Data: bytes.Clone(buf.Bytes())}}
	files = append(files, workload.Class(h, 40, 200)...)

	var native []float64
	for range runs {
		start := time.Now()
		var subs []classroom.File
		for _, f := range files[1:] {
			subs = append(subs, f)
		}
		hd, err := format.DecodeHandout(bytes.NewReader(files[0].Data))
		if err != nil {
			return err
		}
		gathered, rejected := classroom.Gather(hd, subs)
		classroom.Compare(hd, nil, gathered, rejected)
		native = append(native, float64(time.Since(start).Microseconds())/1000)
	}

	type jsFile struct{ Name, Text string }
	var jsFiles []jsFile
	for _, f := range files {
		jsFiles = append(jsFiles, jsFile{f.Name, string(f.Data)})
	}
	filesJSON, _ := json.Marshal(jsFiles)
	ctx, cancel, err := openPage(path, appURL, 5*time.Minute)
	if err != nil {
		return err
	}
	defer cancel()
	type timing struct{ Compute, Shown float64 }
	var computes, shown []float64
	for range runs {
		if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
			return err
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.documentElement.hasAttribute("data-claimmark-ready")`)); err != nil {
			return err
		}
		t, err := chromedp.Run(ctx, chromedp.Evaluate[timing](fmt.Sprintf(`new Promise((resolve) => {
			const dt = new DataTransfer();
			for (const f of %s) dt.items.add(new File([f.Name.endsWith(".json") ? f.Text : ""], f.Name, {type: "application/json"}));
			performance.clearMarks();
			const t0 = performance.now();
			new MutationObserver((_, obs) => {
				if (document.querySelectorAll(".class table.students tbody tr").length === 40) {
					obs.disconnect();
					const done = performance.now();
					const start = performance.getEntriesByName("claimmark-files-start")[0].startTime;
					const compared = performance.getEntriesByName("claimmark-compared")[0].startTime;
					resolve({Compute: compared - start, Shown: done - t0});
				}
			}).observe(document.body, {childList: true, subtree: true});
			document.getElementById("document").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		})`, filesJSON), chromedp.EvalAwaitPromise))
		if err != nil {
			return err
		}
		computes, shown = append(computes, t.Compute), append(shown, t.Shown)
	}
	fmt.Fprintf(w, "a class: 40 submissions of 200 annotations on a 100 KB text, with the handout, dropped at once (ms, median of %d)\n", runs)
	fmt.Fprintf(w, "  native: decode, check and compare                     %.0f\n", median(native))
	fmt.Fprintf(w, "  browser: read, decode, check and compare              %.0f\n", median(computes))
	fmt.Fprintf(w, "  browser: from the drop to the table shown             %.0f (goal under 1000)\n\n", median(shown))
	return nil
}
