package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// wide lists what is wider than the window: the page itself, or any
// element that sticks out of it, but for what scrolls in a box of its own
// that fits.
func (p *page) wide() []string {
	p.t.Helper()
	return eval[[]string](p, `(() => {
		const w = document.documentElement.clientWidth, out = [];
		const inScrollBox = e => {
			for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
				const r = a.getBoundingClientRect();
				if (["auto", "scroll"].includes(getComputedStyle(a).overflowX) && r.left >= -1 && r.right <= w + 1) return true;
			}
			return false;
		};
		if (document.documentElement.scrollWidth > w) out.push("the page: " + document.documentElement.scrollWidth + " px");
		for (const e of document.querySelectorAll("body *")) {
			if (e.closest(".visually-hidden, .skip-link, .message") || inScrollBox(e)) continue;
			const r = e.getBoundingClientRect();
			if (r.width > 0 && (r.right > w + 1 || r.left < -1)) out.push(e.tagName.toLowerCase() + "." + e.className + " " + Math.round(r.left) + "–" + Math.round(r.right));
		}
		return out.slice(0, 8);
	})()`)
}

// fits fails the test if the view is wider than the 320 px window.
func (p *page) fits(view string) {
	p.t.Helper()
	if wide := p.wide(); len(wide) > 0 {
		p.t.Errorf("%s at 320 px: wider than the window:\n\t%s", view, strings.Join(wide, "\n\t"))
	}
}

// more chooses an item of the More menu, as on a phone.
func (p *page) more(item string) {
	p.t.Helper()
	p.do(chromedp.Click("#more-button"))
	p.poll(`document.querySelector(".menu") !== null`)
	p.clickButton(".menu", item)
}

// TestReflowAt320 opens each view 320 CSS px wide, as a phone is, or a
// 1280 px window at 400% zoom: nothing needs scrolling sideways.
func TestReflowAt320(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.waitItems(1)
	p.do(chromedp.EmulateViewport(320, 640))
	p.selectByClick(oilPhrase)
	p.poll(`document.querySelector(".editor-sheet") !== null`)
	p.fits("the reader, an annotation in its sheet")
	p.press("\x1b")
	p.poll(`document.querySelector(".editor-sheet") === null`)
	p.do(chromedp.Click("#list-button"))
	p.poll(`document.querySelector(".shell.list-open") !== null`)
	p.fits("the list's sheet")
	// A tap on More while the sheet is still open would close the sheet.
	p.press("\x1b")
	p.poll(`document.querySelector(".shell.list-open") === null`)
	p.fits("the reader")
	p.do(chromedp.Click("#more-button"))
	p.poll(`document.querySelector(".menu") !== null`)
	p.do(chromedp.Sleep(100e6)) // the menu is moved after it is drawn
	p.fits("the More menu")
	p.press("\x1b")
	p.more("Paste text")
	p.poll(`document.getElementById("paste-text") !== null`)
	p.fits("paste")
	p.clickButton(".paste", "Cancel")
	p.more("Library")
	p.poll(`document.querySelector(".library tbody tr") !== null`)
	p.fits("the library")
	p.press("\x1b")
	p.more("Saved: storage and backups")
	p.poll(`document.querySelector(".data") !== null`)
	p.fits("the Data panel")
	p.press("\x1b")
	p.more("Handout for a class…")
	p.poll(`document.getElementById("handout-key") !== null`)
	p.fits("the handout form")
	p.clickButton(".make-handout", "Cancel")
	p.press("?")
	p.poll(`document.querySelector(".keys") !== null`)
	p.fits("the keys")
	p.press("\x1b")

	class, subs := writeClass(t)
	p.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), append([]string{class}, subs...)))
	p.poll(`document.querySelectorAll(".class table.students tbody tr").length === 3`)
	p.fits("the class comparison")
}

// TestArgumentAt320 opens the map of the example, its outline, the
// Predictions view and a class comparison with link scores 320 CSS px
// wide: each fits the window, or scrolls in a box of its own, and the map
// still takes a tap to its passage.
func TestArgumentAt320(t *testing.T) {
	p := openApp(t)
	p.mergeExample()
	p.do(chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile, chromedp.EmulateTouch))
	p.poll(`matchMedia("(max-width: 600px)").matches`)
	p.more("Map of the argument")
	p.poll(`document.querySelectorAll("#argmap-svg [data-node]").length === 9`)
	p.fits("the map")
	p.tap(`(e => (e.scrollIntoView({block: "center", inline: "center"}), e))(document.querySelector('#argmap-svg [data-id="00000000-0000-4000-8000-000000000003"] rect'))`)
	p.poll(`document.querySelector(".editor-sheet .quote")?.textContent === "China is a major purchaser of Russian oil"`)
	p.press("\x1b")
	p.poll(`document.querySelector(".editor-sheet") === null`)

	p.clickButton(".argmap-tools", "Outline")
	p.poll(`document.querySelector(".argmap-outline .outline-go") !== null`)
	p.fits("the outline")
	p.press("\x1b")

	p.more("Library")
	p.poll(`document.querySelector(".library tbody tr") !== null`)
	p.clickButton(".library", "Predictions of every text…")
	p.poll(`document.getElementById("brier") !== null`)
	p.fits("the Predictions view")
	p.press("\x1b")

	class, subs := writeLinkedClass(t)
	p.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), append([]string{class}, subs...)))
	p.poll(`document.querySelectorAll(".class table.students tbody tr").length === 2`)
	p.fits("the class comparison with link scores")
}
