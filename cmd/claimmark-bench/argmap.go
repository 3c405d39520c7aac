package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/argmap"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/cmd/internal/workload"
)

// mapWorkload is the 1 MB text with 2,000 annotations, tagged in turn,
// and 2,000 links between them that fit their tags.
func mapWorkload() (*document.Document, []annotation.Annotation, error) {
	d, err := document.New(workload.Text(1<<20, 3))
	if err != nil {
		return nil, nil, err
	}
	as := workload.Words(d, 2000)
	for i := range as {
		as[i].Tag = annotation.Tags[i%3]
	}
	r := rand.New(rand.NewPCG(5, 6))
	at := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	for n := 0; n < 2000; {
		from, to := r.IntN(len(as)), r.IntN(len(as))
		fits := annotation.RelationsFitting(as[from].Tag, as[to].Tag)
		if from == to || len(fits) == 0 {
			continue
		}
		as[from].Links = append(as[from].Links, annotation.Link{ID: annotation.NewID(), To: as[to].ID, Type: fits[r.IntN(len(fits))], Created: at})
		n++
	}
	annotation.PruneLinks(as) // repeats between the same two
	return d, as, nil
}

// mapTable imports the map workload into the app, then times opening the
// map (layout and paint, until the frame after it is drawn) and making a
// link (until the next frame, which must show it).
func mapTable(w io.Writer, path, appURL, tmp string, runs int) error {
	d, as, err := mapWorkload()
	if err != nil {
		return err
	}
	t0 := time.Now()
	m := argmap.Layout(as)
	native := time.Since(t0)
	var buf bytes.Buffer
	if err := format.Encode(&buf, d, as, time.Now()); err != nil {
		return err
	}
	file := filepath.Join(tmp, "map.claimmark.json")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		return err
	}
	ctx, cancel, err := openPage(path, appURL, 10*time.Minute)
	if err != nil {
		return err
	}
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{file})); err != nil {
		return err
	}
	// The file carries its text: open that, with its annotations.
	const open = `[...document.querySelectorAll('section[aria-label="Import preview"] button')].find(b => b.textContent.trim() === "Open its text instead")`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](open+` !== undefined`, chromedp.WithPollingTimeout(5*time.Minute))); err != nil {
		msg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".message").textContent`))
		return fmt.Errorf("no import preview (%s): %w", msg, err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](open+`.click()`)); err != nil {
		return err
	}
	// Counted, and saved: the timings below must not share the page with
	// the import's writes.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector(".filters .count")?.textContent === "%d" && document.querySelector(".save-state")?.dataset.state === "saved"`, len(as)), chromedp.WithPollingTimeout(5*time.Minute))); err != nil {
		msg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".message").textContent + " / " + document.querySelector(".filters .count")?.textContent`))
		return fmt.Errorf("the workload did not import (%s): %w", msg, err)
	}
	// The map draws what is near the part in sight: opening it is timed
	// until that is drawn, then a scroll of 3,000 units across until the
	// part it brings into sight is.
	type timing struct{ Open, Scroll, Drawn float64 }
	var opens, scrolls, drawn []float64
	for i := range runs {
		var t timing
		err := profile(ctx, w, "the map opened and scrolled", func() (err error) {
			t, err = chromedp.Run(ctx, chromedp.Evaluate[timing](`new Promise((resolve, reject) => {
			document.getElementById("export-button").click();
			setTimeout(() => {
				const t0 = performance.now();
				[...document.querySelectorAll(".menu button")].find(b => b.textContent === "Map of the argument").click();
				const until = (done, then) => {
					const check = () => {
						if (done()) requestAnimationFrame(then);
						else if (performance.now() - t0 > 60000) reject(new Error("the map was not drawn in 60 s"));
						else requestAnimationFrame(check);
					};
					requestAnimationFrame(check);
				};
				const at = x => [...document.querySelectorAll("#argmap-svg [data-node] rect")].some(r => +r.getAttribute("x") >= x && +r.getAttribute("x") < x + 500);
				until(() => document.querySelectorAll("#argmap-svg [data-node]").length > 0, () => {
					const open = performance.now() - t0;
					const drawn = document.querySelectorAll("#argmap-svg [data-node]").length;
					const box = document.querySelector(".argmap-scroll");
					const t1 = performance.now();
					box.scrollLeft = 3000;
					until(() => at(3000), () => resolve({Open: open, Scroll: performance.now() - t1, Drawn: drawn}));
				});
			}, 100);
		})`, chromedp.EvalAwaitPromise))
			return err
		}, i == 0)
		if err != nil {
			return err
		}
		opens, scrolls, drawn = append(opens, t.Open), append(scrolls, t.Scroll), append(drawn, t.Drawn)
		// Close it again for the next run.
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("#argmap > .dismiss").click()`)); err != nil {
			return err
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("argmap") === null`)); err != nil {
			return err
		}
	}
	// Making a link: on the last annotation, to the one before it that
	// takes one, timed from the click on its relation to the next frame.
	var links []float64
	for i := range runs {
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(`new Promise((resolve, reject) => {
			const items = [...document.querySelectorAll('ol[aria-label="Annotations"] > li')];
			const from = items[%d * 3 + 1]; // evidence
			from.querySelector(".item-open").click();
			setTimeout(() => {
				[...from.querySelectorAll("button")].find(b => b.textContent === "Link…").click();
				setTimeout(() => {
					items[%d * 3 + 3].querySelector(".item-open").click(); // a claim
					setTimeout(() => {
						const rel = document.querySelector("#link-bar .relation");
						if (!rel) return reject(new Error("no relation offered"));
						const before = CSS.highlights.get("linked")?.size ?? 0;
						const t0 = performance.now();
						rel.click();
						requestAnimationFrame(() => {
							const after = CSS.highlights.get("linked")?.size ?? 0;
							if (after !== before + 1) reject(new Error("the link was not painted in the next frame: " + before + " then " + after));
							resolve(performance.now() - t0);
						});
					}, 200);
				}, 200);
			}, 200);
		})`, i, i), chromedp.EvalAwaitPromise))
		if err != nil {
			return err
		}
		links = append(links, ms)
	}
	fmt.Fprintf(w, "argument map of %d passages and %d links on a 1 MB text (ms)\n", len(m.Nodes), len(m.Edges))
	fmt.Fprintf(w, "  layout, native: %.1f\n", float64(native.Microseconds())/1000)
	fmt.Fprintf(w, "  open the map until the frame after the part in sight is drawn (%.0f nodes), median of %d: %.0f (%s)\n", median(drawn), len(opens), median(opens), fmtRuns(opens))
	fmt.Fprintf(w, "  scroll it 3,000 units across until that part is drawn, median of %d: %.0f (%s)\n", len(scrolls), median(scrolls), fmtRuns(scrolls))
	fmt.Fprintf(w, "  make a link until the next frame, which shows it, median of %d: %.1f (%s)\n\n", len(links), median(links), fmtRuns(links))
	return nil
}
