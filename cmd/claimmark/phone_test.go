package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Browser tests on a phone's screen with touch: the text first, the
// editor of a tapped passage in a sheet beside it, the list a sheet of
// its own.

// tap taps the middle of what js finds, as a finger does.
func (p *page) tap(js string) {
	p.t.Helper()
	at := eval[[]float64](p, `(r => [r.left + r.width / 2, r.top + r.height / 2])((`+js+`).getBoundingClientRect())`)
	point := []*input.TouchPoint{{X: at[0], Y: at[1]}}
	for _, step := range []input.DispatchTouchEventParams{
		{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: point},
		{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}},
	} {
		if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, step); err != nil {
			p.t.Fatal(err)
		}
	}
}

// selectPhrase selects a phrase of the text with the Selection API, as a
// long press would (which headless Chromium cannot emulate).
func (p *page) selectPhrase(phrase string) {
	p.t.Helper()
	eval[bool](p, fmt.Sprintf(`(() => {
		const walker = document.createTreeWalker(document.getElementById("document"), NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const i = n.data.indexOf(%q);
			if (i < 0) continue;
			const r = document.createRange();
			r.setStart(n, i); r.setEnd(n, i + %d);
			getSelection().removeAllRanges(); getSelection().addRange(r);
			r.startContainer.parentElement.scrollIntoView({block: "center"});
			return true;
		}
		throw new Error("not found");
	})()`, phrase, len([]rune(phrase))))
}

// phraseBox is where a phrase of the text is on the screen.
const phraseBox = `(phrase => { const walker = document.createTreeWalker(document.getElementById("document"), NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) { const i = n.data.indexOf(phrase); if (i < 0) continue;
		const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + phrase.length); return r; } })`

func TestPhoneEditsInASheetByThePassage(t *testing.T) {
	p := openApp(t)
	p.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
	p.poll(`matchMedia("(max-width: 600px)").matches`)
	if eval[string](p, `getComputedStyle(document.querySelector(".panel")).display`) != "none" {
		t.Error("on a phone the list is shown beside the text")
	}
	p.selectPhrase(oilPhrase)
	p.poll(`!document.querySelector(".tools .tag-claim").disabled`)
	p.tap(`document.querySelector(".tools .tag-claim")`)
	p.poll(`document.getElementById("list-button").getAttribute("aria-label") === "Annotations: 1 annotation"`)

	// The toolbar is one row, and the rest is behind More.
	row := eval[[]float64](p, `(() => { const bs = [...document.querySelectorAll(".toolbar button, .toolbar .button")].filter(b => b.offsetParent && getComputedStyle(b).display !== "none").map(b => b.getBoundingClientRect());
		return [Math.min(...bs.map(b => b.top)), Math.max(...bs.map(b => b.top)), Math.max(...bs.map(b => b.right)), document.querySelector(".toolbar").getBoundingClientRect().height, bs.length]; })()`)
	if row[1]-row[0] > 4 || row[2] > 390 || row[3] > 56 {
		t.Errorf("the toolbar's %v buttons stand from %v to %v px down, reach %v px and make it %v px high", row[4], row[0], row[1], row[2], row[3])
	}
	p.tap(`document.getElementById("more-button")`)
	p.poll(`document.querySelector(".menu") !== null`)
	more := eval[string](p, `document.querySelector(".menu").textContent`)
	for _, item := range []string{"Library", "Open file", "Paste text", "Import", "claimmark JSON", "Print…"} {
		if !strings.Contains(more, item) {
			t.Errorf("More lacks %q: %q", item, more)
		}
	}
	p.axe("the More menu, on a phone")
	p.tap(`[...document.querySelectorAll(".menu button")].find(b => b.textContent === "Library")`)
	p.poll(`document.querySelector(".library") !== null && document.querySelector(".menu") === null`)
	p.press("\x1b")

	// A tap on the passage opens its editor beside it.
	p.tap(phraseBox + `("major purchaser")`)
	p.poll(`document.querySelector(".editor-sheet textarea") !== null`)
	p.do(chromedp.Sleep(100e6)) // placed after it is drawn
	gap := eval[[]float64](p, `(() => { const s = document.querySelector(".editor-sheet").getBoundingClientRect(), w = `+phraseBox+`("Russian oil").getBoundingClientRect();
		return [s.top - w.bottom, s.left, innerWidth - s.right, s.top, innerHeight - s.bottom]; })()`)
	if gap[0] < 0 || gap[0] > 24 || gap[1] < 0 || gap[2] < 0 {
		t.Errorf("the editor stands %.0f px below the passage, %.0f px from the left and %.0f from the right", gap[0], gap[1], gap[2])
	}
	p.axe("the editor's sheet, on a phone")
	if eval[int](p, `document.querySelectorAll("textarea[id^=note-]").length`) != 1 {
		t.Error("more than one note field")
	}
	p.tap(`document.querySelector(".editor-sheet textarea")`)
	p.do(chromedp.SendKeys(chromedp.CSS(".editor-sheet textarea"), "from the sheet"))
	p.waitSaved()
	p.tap(`[...document.querySelectorAll(".editor-sheet .retag button")].find(b => b.textContent === "Evidence")`)
	p.poll(`document.querySelector(".editor-sheet .tag").textContent === "Evidence"`)

	// The list is a sheet; a tap on a row closes it for the passage.
	p.tap(`document.querySelector(".editor-sheet .dismiss")`)
	p.poll(`document.querySelector(".editor-sheet") === null`)
	p.tap(`document.getElementById("list-button")`)
	p.poll(`getComputedStyle(document.querySelector(".panel")).display !== "none"`)
	p.axe("the list's sheet, on a phone")
	items := p.list()
	if len(items) != 1 || items[0].Tag != "evidence" || !strings.Contains(items[0].Note, "from the sheet") {
		t.Errorf("the list's sheet shows %+v", items)
	}
	p.tap(`document.querySelector(".item-open")`)
	p.poll(`getComputedStyle(document.querySelector(".panel")).display === "none" && document.querySelector(".editor-sheet textarea")?.value === "from the sheet"`)
}
