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
		const blocks = [...document.querySelectorAll("#document [data-block]")].filter(b => (r => r.bottom > 0 && r.top < innerHeight)(b.getBoundingClientRect())).map(b => +b.dataset.block);
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
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('#document [data-block="%d"]').scrollIntoView({block: "center"})`, d.BlockAt(last.Start))))
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

// TestSelectionBetweenSections selects from boundaries that fall between
// blocks, where a drag that ends in a margin leaves them: after a
// section's last block, and between sections. Each selects what lies
// between, as a selection inside the text nodes would.
func TestSelectionBetweenSections(t *testing.T) {
	p := openApp(t)
	paras := []string{"Sections"}
	for i := range 12 {
		paras = append(paras, fmt.Sprintf("Paragraph %d: %s end%d.", i+1, strings.TrimSpace(strings.Repeat("words of the argument ", 19)), i+1))
	}
	d, err := document.New(strings.Join(paras, "\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	starts := d.Sections()
	if len(starts) < 3 {
		t.Fatalf("the text has sections %v; the test needs three", starts)
	}
	p.clickButton("header", "Paste text")
	p.poll(`document.getElementById("paste-text") !== null`)
	p.do(chromedp.SetValue(chromedp.ID("paste-text"), d.Text))
	p.clickButton(".paste", "Open")
	p.poll(`document.querySelector("#document h1")?.textContent === "Sections"`)
	if got := eval[[]int](p, `[...document.querySelectorAll("#document > section")].map(s => +s.dataset.first)`); !slices.Equal(got, starts) {
		t.Fatalf("the page's sections start at blocks %v, want %v", got, starts)
	}
	for i, tt := range []struct {
		name, selection string
		from, to        int // the blocks the highlight runs over
	}{
		{"from after a section's last block to the end of the next's first",
			`const s = document.querySelectorAll("#document > section");
			r.setStart(s[0], s[0].childElementCount); r.setEnd(s[1].firstElementChild.firstChild, s[1].firstElementChild.textContent.length);`,
			starts[1], starts[1]},
		{"from between sections to between the next two",
			`const a = document.getElementById("document"); r.setStart(a, 1); r.setEnd(a, 2);`,
			starts[1], starts[2] - 1},
	} {
		p.do(chromedp.Evaluate[chromedp.Void](`(() => {
			const r = document.createRange();
			` + tt.selection + `
			getSelection().removeAllRanges(); getSelection().addRange(r);
		})()`))
		p.press("c")
		p.waitItems(i + 1)
		var want strings.Builder
		for _, b := range d.Blocks[tt.from : tt.to+1] {
			want.WriteString(b.Text)
		}
		if got := p.highlight("claim"); !slices.Contains(got, want.String()) {
			t.Errorf("%s: the claims are %q, want one of blocks %d to %d", tt.name, got, tt.from, tt.to)
		}
		p.press("Escape")
	}
}
