package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/store"
	"github.com/claimmark/claimmark/cmd/internal/workload"
)

// paintedInView returns the blocks on the screen, and the passages painted
// in them as "block:text", sorted.
func (p *page) paintedInView() (lo, hi int, painted []string) {
	p.t.Helper()
	var got struct {
		Lo, Hi  int
		Painted []string
	}
	got = eval[struct {
		Lo, Hi  int
		Painted []string
	}](p, `(() => {
		const blocks = [...document.querySelectorAll("#document > [data-block]")].filter(b => (r => r.bottom > 0 && r.top < innerHeight)(b.getBoundingClientRect())).map(b => +b.dataset.block);
		const lo = Math.min(...blocks), hi = Math.max(...blocks);
		const painted = ["claim", "evidence", "prediction"].flatMap(t => [...CSS.highlights.get(t)]).map(r => [+r.startContainer.parentElement.dataset.block, r.toString()]).filter(([b]) => b >= lo && b <= hi).map(([b, s]) => b + ":" + s.replace(/\n+/g, ""));
		return {Lo: lo, Hi: hi, Painted: painted.sort()};
	})()`)
	return got.Lo, got.Hi, got.Painted
}

// TestManyAnnotationsPaintNearTheScreen opens a text with more annotations
// than claimmark paints at once: the passages on the screen are painted,
// at the top and after a scroll to the end, where a click selects one and
// a key retags it.
func TestManyAnnotationsPaintNearTheScreen(t *testing.T) {
	p := openApp(t)
	d, err := document.New(workload.Text(400_000, 7))
	if err != nil {
		t.Fatal(err)
	}
	as := workload.Words(d, 5000)
	records, _ := json.Marshal(store.V1Records(d, as))
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`Object.entries(%s).forEach(([k, v]) => localStorage.setItem(k, v))`, records)))
	p.do(chromedp.Reload())
	p.waitReady()

	want := func(lo, hi int) []string {
		var out []string
		for _, a := range as {
			if b := d.BlockAt(a.Start); b >= lo && b <= hi {
				out = append(out, strconv.Itoa(b)+":"+strings.ReplaceAll(a.Exact, "\n", ""))
			}
		}
		slices.Sort(out)
		return out
	}
	check := func(where string) {
		t.Helper()
		lo, hi, painted := p.paintedInView()
		if w := want(lo, hi); len(w) == 0 || !slices.Equal(painted, w) {
			t.Errorf("%s, blocks %d–%d: painted %d passages, want %d\n%q\n%q", where, lo, hi, len(painted), len(w), painted, w)
		}
	}
	check("at the top")
	if n := eval[int](p, `["claim", "evidence", "prediction"].reduce((n, t) => n + CSS.highlights.get(t).size, 0)`); n >= len(as) {
		t.Errorf("%d ranges in the highlights for %d annotations: all are painted", n, len(as))
	}

	// Near the end, where the window moves as the page scrolls.
	last := as[len(as)-1]
	for i := len(as) - 1; i >= 0 && last.Tag == annotation.Evidence; i-- {
		last = as[i]
	}
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('#document > [data-block="%d"]').scrollIntoView({block: "center"})`, d.BlockAt(last.Start))))
	p.poll(fmt.Sprintf(`[...CSS.highlights.get(%q)].some(r => r.toString() === %q)`, string(last.Tag), last.Exact))
	check("near the end")

	// A click there selects it: the list shows its row among a page of
	// its neighbours, not the thousands above it. Then a key retags it.
	p.clickPhrase(last.Exact)
	p.poll(fmt.Sprintf(`document.querySelector('li[aria-current="true"]')?.dataset.id === %q`, last.ID))
	if rows := eval[int](p, `document.querySelectorAll('ol[aria-label="Annotations"] > li').length`); rows > 400 {
		t.Errorf("the list shows %d rows", rows)
	}
	if got := eval[string](p, `document.querySelector(".earlier")?.textContent`); !strings.HasPrefix(got, "Show earlier (") {
		t.Errorf("the list's first button: %q", got)
	}
	p.press("e")
	p.poll(fmt.Sprintf(`[...CSS.highlights.get("evidence")].some(r => r.toString() === %q)`, last.Exact))
	if eval[bool](p, fmt.Sprintf(`[...CSS.highlights.get(%q)].some(r => r.toString() === %q)`, string(last.Tag), last.Exact)) {
		t.Errorf("the retagged passage is still painted as %s", last.Tag)
	}
}
