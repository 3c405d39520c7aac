package main

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser tests of the editing session: undo and redo of every change,
// messages the reader can see, and a selection that does what the reader
// means.

// inViewport reports whether the element that js finds lies inside the
// window.
func (p *page) inViewport(js string) bool {
	p.t.Helper()
	return eval[bool](p, `(e => { if (!e) return false; const b = e.getBoundingClientRect();
		return b.width > 0 && b.top >= 0 && b.left >= 0 && b.bottom <= innerHeight && b.right <= innerWidth; })(`+js+`)`)
}

func TestUndoIsInSightAfterAScroll(t *testing.T) {
	p := openApp(t)
	p.dragSelect(weaponsPhrase) // the post's last paragraph: the page scrolls there
	p.press("p")
	p.waitItems(1)
	if y := eval[float64](p, `scrollY`); y < 500 {
		t.Fatalf("the page has scrolled only %v px", y)
	}
	p.press("\x7f") // the new annotation is selected
	p.waitItems(0)
	undo := `[...document.querySelectorAll(".message button")].find(b => b.textContent === "Undo")`
	p.poll(undo + ` !== undefined`)
	if !p.inViewport(undo) {
		t.Error("the message's Undo is out of sight")
	}
	if got := eval[string](p, `document.getElementById("undo").getAttribute("aria-label")`); !strings.HasPrefix(got, "Undo delete of “China will") {
		t.Errorf("the toolbar's Undo is named %q", got)
	}
	p.clickButton(".message", "Undo")
	p.waitItems(1)
}

func TestUndoTwoDeletesThenRedo(t *testing.T) {
	p := openApp(t)
	for _, phrase := range []string{oilPhrase, exercisesPhrase} {
		p.dragSelect(phrase)
		p.press("c")
	}
	p.waitItems(2)
	for _, phrase := range []string{oilPhrase, exercisesPhrase} {
		p.selectByClick(phrase)
		p.press("\x7f")
	}
	p.waitItems(0)
	p.press("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	p.waitItems(1)
	p.press("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	p.waitItems(2)
	p.waitSaved()
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitItems(2) // the undone deletes are saved
	// The history is the page's: after a reload there is none; deleting
	// and undoing then redoing works on.
	p.selectByClick(oilPhrase)
	p.press("\x7f")
	p.waitItems(1)
	p.clickButton("header", "Undo")
	p.waitItems(2)
	p.press("z", chromedp.KeyModifiers(chromedp.ModifierCtrl|chromedp.ModifierShift))
	p.waitItems(1)
	p.press("y", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	p.poll(`document.querySelector(".message")?.textContent.includes("Nothing to redo")`)
	p.clickButton("header", "Undo")
	p.waitItems(2)
	p.clickButton("header", "Redo")
	p.waitItems(1)
	if got := p.list(); got[0].Quote != exercisesPhrase {
		t.Errorf("after redo %+v", got)
	}
}

func TestTagKeyAfterAClickOnPlainTextChangesNothing(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.waitItems(1)
	p.clickPhrase("joint military exercises") // plain text, no highlight
	p.poll(`document.querySelector('li[aria-current="true"]') === null`)
	p.press("e")
	p.poll(`document.querySelector(".message")?.textContent.includes("Select a passage first")`)
	if got := p.list(); len(got) != 1 || got[0].Tag != "claim" {
		t.Errorf("after e with nothing selected: %+v", got)
	}
}

// TestListQuotesReadRight pastes a text with a long English sentence and
// an Arabic one, tags both, and reads the list: the long quote is cut at
// words, and the Arabic one runs right to left inside its quotation marks.
func TestListQuotesReadRight(t *testing.T) {
	p := openApp(t)
	long := "Analysts said that Beijing would leave China alone against Western pressure for a while, whereas some sort of open military support would strengthen the case for sanctions on every firm that trades with Moscow."
	arabic := "التجارة تتراجع بسرعة كبيرة"
	p.clickButton("header", "Paste text")
	p.poll(`document.getElementById("paste-text") !== null`)
	p.do(chromedp.SetValue(chromedp.ID("paste-text"), "Two sentences\n\n"+long+"\n\n"+arabic+" في هذا العام."))
	p.clickButton(".paste", "Open")
	p.poll(`document.querySelector("#document h1")?.textContent === "Two sentences"`)
	for i, phrase := range []string{long, arabic} {
		// The Selection API, as a reader's selection: a drag over
		// right-to-left text lands where the glyphs are, not the letters.
		p.do(chromedp.Evaluate[chromedp.Void](`(phrase => {
			const walker = document.createTreeWalker(document.getElementById("document"), NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const i = n.data.indexOf(phrase);
				if (i < 0) continue;
				const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + phrase.length);
				getSelection().removeAllRanges(); getSelection().addRange(r);
				return;
			}
		})(` + strconv.Quote(phrase) + `)`))
		p.press("c")
		p.waitItems(i + 1)
	}
	quotes := eval[[]string](p, `[...document.querySelectorAll('ol[aria-label="Annotations"] .quote')].map(q => q.textContent + "|" + q.getAttribute("dir") + "|" + getComputedStyle(q).direction)`)
	if len(quotes) != 2 {
		t.Fatalf("quotes %q", quotes)
	}
	text, _, _ := strings.Cut(quotes[0], "|")
	if !strings.Contains(text, " … ") {
		t.Errorf("the long quote is %q, not cut at words", text)
	}
	for _, w := range strings.Fields(text) {
		if w != "…" && !slices.Contains(strings.Fields(long), w) {
			t.Errorf("the long quote %q cuts the word %q", text, w)
		}
	}
	if quotes[1] != arabic+"|auto|rtl" {
		t.Errorf("the Arabic quote is %q, want it isolated and right to left", quotes[1])
	}
}

// TestExportMenuOnAPhone opens the Export menu on a phone's width and on
// the narrowest, finds every item inside the screen, and closes it with
// Esc and with a click outside.
func TestExportMenuOnAPhone(t *testing.T) {
	p := openApp(t)
	for _, width := range []int64{390, 320} {
		p.do(chromedp.EmulateViewport(width, 844))
		p.do(chromedp.Click("#more-button")) // on a phone, Export is in More
		p.poll(`document.querySelector(".menu") !== null`)
		p.do(chromedp.Sleep(100 * time.Millisecond)) // the menu is moved after it is drawn
		outside := eval[[]string](p, `[...document.querySelectorAll(".menu button")].filter(b => {
			const r = b.getBoundingClientRect();
			return r.left < 0 || r.right > document.documentElement.clientWidth;
		}).map(b => b.textContent)`)
		if len(outside) > 0 {
			t.Errorf("at %d px, %q stand outside the screen", width, outside)
		}
		p.press("\x1b") // Esc
		p.poll(`document.querySelector(".menu") === null`)
		p.do(chromedp.Click("#more-button"))
		p.poll(`document.querySelector(".menu") !== null`)
		p.do(chromedp.MouseClickXY(float64(width)-12, 700)) // the page, below the menu
		p.poll(`document.querySelector(".menu") === null`)
	}
}

// TestUndoKeepsAnotherTabsEdit retags in one tab, lets another tab write
// a note on the same annotation, then undoes in the first: the note from
// the other tab stays, in both tabs and after a reload.
func TestUndoKeepsAnotherTabsEdit(t *testing.T) {
	a := openApp(t)
	a.dragSelect(oilPhrase)
	a.press("c")
	a.waitItems(1)
	a.selectByClick(oilPhrase)
	a.clickButton(`li[aria-current="true"]`, "Evidence") // the editor's retag
	a.poll(`document.querySelector(".message")?.textContent.startsWith("Tagged “China is a … Russian oil” as Evidence.")`)
	a.waitSaved()

	b := a.newTab()
	b.waitItems(1)
	b.selectByClick(oilPhrase)
	b.do(chromedp.SetValue(chromedp.CSS(`li[aria-current="true"] textarea`), "from the other tab"))
	b.do(chromedp.Evaluate[chromedp.Void](`document.querySelector('li[aria-current="true"] textarea').dispatchEvent(new Event("input", {bubbles: true}))`))
	b.waitSaved()
	// a still has the annotation selected: its editor shows the new note.
	a.poll(`document.querySelector('li[aria-current="true"] textarea')?.value === "from the other tab"`)

	// a's last change was the retag; the note came from b since.
	a.clickButton("header", "Undo")
	a.poll(`document.querySelector(".message")?.textContent.includes("changed in another tab since was kept")`)
	a.waitSaved()
	for _, p := range []*page{a, b} {
		p.do(chromedp.Reload())
		p.waitReady()
		p.waitItems(1)
		if got := p.list(); got[0].Tag != "evidence" || got[0].Note != "from the other tab" {
			t.Errorf("after the undo: %+v", got[0])
		}
	}
}
