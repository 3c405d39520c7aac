package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// The interaction part: what a reader feels between a gesture and the
// next paint, as Interaction to Next Paint counts it. The browser's Event
// Timing entries give the time of each interaction; the actions are real
// input (mouse and keys through the browser's input pipeline), so they
// are the interactions a reader makes.

// inpCycle is one round of a reader's work on a passage: select it with
// the mouse, tag it, retag it, open its note and type three keys, click
// it, delete it, and undo. Ten interactions.
var inpCycle = []string{"select", "tag", "retag", "note", "key", "key", "key", "click", "delete", "undo"}

// inpRounds rounds make the 50 actions of one run.
const inpRounds = 5

// interaction is the longest Event Timing entry of one action, in ms, or
// 0 when the browser reported none: an interaction under the 16 ms the
// browser reports at least.
type interaction struct {
	Kind     string
	Duration float64
}

// inpTable runs the 50 actions on the post and on a 1 MB text with 10,000
// annotations, runs times each in a fresh browser, and prints the 95th
// percentile of each run's interactions, the median over the runs.
func inpTable(w io.Writer, path, appURL string, runs int) error {
	_, as, records, err := bigText()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "interaction to next paint: %d mixed actions (%d rounds of %v), real input, median of %d runs (ms)\n", inpRounds*len(inpCycle), inpRounds, inpCycle, runs)
	fmt.Fprintf(w, "  %-34s %8s %8s  %s\n", "", "p95", "max", "slowest action")
	for _, text := range []struct {
		name, records string
	}{{"the post", ""}, {fmt.Sprintf("1 MB text, %d annotations", len(as)), records}} {
		var p95s, maxes []float64
		slowest := map[string]float64{}
		for i := range runs {
			is, err := inpRun(path, appURL, text.records, "50 actions on "+text.name, i == 0)
			if err != nil {
				return fmt.Errorf("%s: %w", text.name, err)
			}
			ds := make([]float64, len(is))
			for i, it := range is {
				ds[i] = it.Duration
				slowest[it.Kind] = max(slowest[it.Kind], it.Duration)
			}
			p95s, maxes = append(p95s, percentile(ds, 95)), append(maxes, slices.Max(ds))
		}
		worst := ""
		for kind, d := range slowest {
			if worst == "" || d > slowest[worst] || d == slowest[worst] && kind < worst {
				worst = kind
			}
		}
		fmt.Fprintf(w, "  %-34s %8s %8s  %s %s\n", text.name, inpMS(median(p95s)), inpMS(median(maxes)), worst, inpMS(slowest[worst]))
		fmt.Fprintf(w, "  %-34s", "  the slowest of each action:")
		for _, kind := range slices.Compact(slices.Sorted(slices.Values(inpCycle))) {
			fmt.Fprintf(w, " %s %s", kind, inpMS(slowest[kind]))
		}
		// The spread, as this figure moves by a frame or two from run to run.
		fmt.Fprintf(w, "\n  %-34s", "  p95 of each run:")
		for _, p := range p95s {
			fmt.Fprintf(w, " %s", inpMS(p))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	return nil
}

// inpMS prints an interaction time; 0 stands for under the 16 ms that the
// browser reports at least.
func inpMS(x float64) string {
	if x == 0 {
		return "<16"
	}
	return fmt.Sprintf("%.0f", x)
}

// percentile is the nearest-rank percentile p of xs.
func percentile(xs []float64, p float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	return s[max(0, int(math.Ceil(p/100*float64(len(s))))-1)]
}

// inpRun opens claimmark, with records stored first unless it is empty,
// makes the 50 actions, each checked to have done what it should before
// the next one starts, and returns their interactions; with prof, under
// the profiler.
func inpRun(path, appURL, records, title string, prof bool) ([]interaction, error) {
	ctx, cancel, err := openPage(path, appURL, 5*time.Minute)
	if err != nil {
		return nil, err
	}
	defer cancel()
	if records != "" {
		if err := storeAndReload(ctx, records); err != nil {
			return nil, err
		}
	}
	// Entries come after the paint that ends them, so they are gathered
	// as they come and matched to the actions at the end.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		window.inpEntries = [];
		window.inpMarks = [];
		window.tagged = name => [...(CSS.highlights.get(name) || [])].some(r => r.toString() === inpPhrase);
		new PerformanceObserver(list => {
			for (const e of list.getEntries()) if (e.interactionId) inpEntries.push([e.startTime, e.duration]);
		}).observe({type: "event", durationThreshold: 16});
	})()`)); err != nil {
		return nil, err
	}
	var kinds []string
	if err := profile(ctx, os.Stdout, title, func() error {
		for round := range inpRounds {
			for _, kind := range inpCycle {
				if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`inpMarks.push(performance.now())`)); err != nil {
					return err
				}
				if err := inpAction(ctx, kind, round); err != nil {
					return fmt.Errorf("round %d, %s: %w", round+1, kind, err)
				}
				kinds = append(kinds, kind)
			}
		}
		return nil
	}, prof); err != nil {
		return nil, err
	}
	// Two frames and a pause, for the last entries to be reported.
	durations, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`new Promise(resolve => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => {
		const ends = [...inpMarks.slice(1), Infinity];
		resolve(inpMarks.map((from, i) => Math.max(0, ...inpEntries.filter(([t]) => t >= from && t < ends[i]).map(([, d]) => d))));
	})), 500))`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	is := make([]interaction, len(kinds))
	for i, kind := range kinds {
		is[i] = interaction{kind, durations[i]}
	}
	return is, nil
}

// inpAction makes one action of a round and waits until the page shows
// its effect.
func inpAction(ctx context.Context, kind string, round int) error {
	switch kind {
	case "select":
		pts, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](inpPassageJS(round), chromedp.EvalAwaitPromise))
		if err != nil {
			return err
		}
		x0, y0, x1, y1 := pts[0], pts[1], pts[2], pts[3]
		if err := chromedp.Do(ctx,
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x0, y0),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x0, y0, chromedp.ButtonLeft, chromedp.ClickCount(1)),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (x0+x1)/2, y1, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x1, y1, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x1, y1, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		); err != nil {
			return err
		}
		return settle(ctx, `getSelection().toString() === inpPhrase`)
	case "tag":
		return keyThen(ctx, "c", `tagged("claim")`)
	case "retag":
		return keyThen(ctx, "e", `tagged("evidence") && !tagged("claim")`)
	case "note":
		if err := chromedp.Do(ctx, chromedp.Click(`li[aria-current="true"] textarea`, chromedp.NodeVisible)); err != nil {
			return err
		}
		return settle(ctx, `document.activeElement?.tagName === "TEXTAREA"`)
	case "key":
		return keyThen(ctx, "x", `document.activeElement.value.endsWith("x".repeat(++inpKeys))`)
	case "click":
		at, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(b => [b.left + b.width / 2, b.top + b.height / 2])(inpRange.getBoundingClientRect())`))
		if err != nil {
			return err
		}
		if err := chromedp.Do(ctx, chromedp.MouseClickXY(at[0], at[1])); err != nil {
			return err
		}
		return settle(ctx, `tagged("selected")`)
	case "delete":
		return keyThen(ctx, "\x7f", `!tagged("evidence")`)
	case "undo":
		return keyThen(ctx, "z", `tagged("evidence")`, chromedp.KeyModifiers(chromedp.ModifierCtrl))
	}
	return fmt.Errorf("no action %q", kind)
}

// inpPassageJS scrolls the round's paragraph to the middle of the screen
// and picks four words of its first line as the passage (inpPhrase,
// inpRange); it returns where a drag over them starts and ends.
func inpPassageJS(round int) string {
	return fmt.Sprintf(`(async () => {
		const frame = () => new Promise(r => requestAnimationFrame(r));
		const paras = [...document.querySelectorAll("#document p")].filter(p => p.textContent.length > 120);
		const p = paras[(%d * 2 + 1) %% paras.length];
		p.scrollIntoView({block: "center"});
		await frame(); await frame();
		const node = p.firstChild;
		const words = [...node.data.matchAll(/\S+/g)];
		const char = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect(); };
		for (let n = 4; n > 0; n--) {
			const from = words[1].index, last = words[n].index + words[n][0].length - 1;
			window.inpRange = document.createRange();
			inpRange.setStart(node, from);
			inpRange.setEnd(node, last + 1);
			if (inpRange.getClientRects().length !== 1) continue;
			window.inpPhrase = inpRange.toString();
			window.inpKeys = 0;
			const a = char(from), b = char(last);
			return [a.left + 1, a.top + a.height / 2, b.right - 1, b.top + b.height / 2];
		}
		throw new Error("no one-line passage in paragraph " + %d);
	})()`, round, round)
}

// keyThen presses a key, with the browser's real key events, and waits
// for cond.
func keyThen(ctx context.Context, key, cond string, opts ...chromedp.KeyOption) error {
	if err := chromedp.Do(ctx, chromedp.KeyEvent(key, opts...)); err != nil {
		return err
	}
	return settle(ctx, cond)
}

// settle waits until cond holds, then two frames more, as a reader is
// never faster than that: the next action starts on a quiet page.
func settle(ctx context.Context, cond string) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		return fmt.Errorf("waiting for %s: %w", cond, err)
	}
	return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 30))))`, chromedp.EvalAwaitPromise))
}

// storeAndReload puts records in as the first version's storage and
// reloads, which moves them into IndexedDB, and waits for the app.
func storeAndReload(ctx context.Context, records string) error {
	return chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`Object.entries(%s).forEach(([k, v]) => localStorage.setItem(k, v))`, records)),
		chromedp.Reload(),
		waitReady,
	)
}

// waitReady waits until the app accepts input.
var waitReady = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	_, err := chromedp.Poll[bool](`document.documentElement.hasAttribute("data-claimmark-ready")`, chromedp.WithPollingTimeout(3*time.Minute))(ctx, t)
	return err
})
