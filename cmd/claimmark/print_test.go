package main

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestPrintKeepsTagsAndNotes prints the post with three passages, two of
// them with notes, and reads the page as print media lays it out.
func TestPrintKeepsTagsAndNotes(t *testing.T) {
	p := openApp(t)
	note := func(text string) {
		p.do(chromedp.SendKeys(chromedp.CSS(`li[aria-current="true"] textarea`), text))
	}
	p.dragSelect(oilPhrase)
	p.press("c")
	p.waitItems(1)
	note("check the figures")
	p.dragSelect(exercisesPhrase)
	p.press("e")
	p.waitItems(2)
	p.dragSelect(weaponsPhrase)
	p.press("p")
	p.waitItems(3)
	note("by 2027?")
	p.waitSaved()

	eval[bool](p, `window.printed = 0; window.print = () => { printed++ }; true`)
	p.clickButton("header", "Export")
	p.clickButton(".menu", "Print…")
	p.poll(`printed === 1 && document.querySelector(".print-view") !== null`)
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	shown := eval[map[string]string](p, `Object.fromEntries([".print-view", ".toolbar", ".layout", ".message"].map(s => [s, getComputedStyle(document.querySelector(s)).display]))`)
	if shown[".print-view"] == "none" || shown[".toolbar"] != "none" || shown[".layout"] != "none" {
		t.Errorf("in print, display: %v", shown)
	}
	if got := eval[string](p, `document.querySelector(".print-title").textContent`); !strings.HasPrefix(got, "Post #374: China’s Aid") {
		t.Errorf("printed title %q", got)
	}
	if got := eval[string](p, `document.querySelector(".print-source").textContent`); !strings.Contains(got, "SHA-256") || !strings.Contains(got, "printed") {
		t.Errorf("printed source line %q", got)
	}
	for tag, style := range map[string]string{"claim": "solid", "evidence": "dotted", "prediction": "wavy"} {
		got := eval[[]string](p, `[...document.querySelectorAll(".print-view .p-`+tag+`")].map(e => getComputedStyle(e).textDecorationStyle + " " + getComputedStyle(e).textDecorationLine + "|" + e.textContent)`)
		if len(got) < 2 || !strings.HasPrefix(got[0], style+" underline|") {
			t.Errorf("%s prints as %q, want a %s underline in the legend and the text", tag, got, style)
		}
	}
	if got := eval[string](p, `document.querySelector(".print-legend").textContent`); got != "Claim solid underlineEvidence dotted underlinePrediction wavy underline" {
		t.Errorf("legend %q", got)
	}
	refs := eval[[]string](p, `[...document.querySelectorAll(".print-view .note-ref")].map(s => s.previousElementSibling.textContent.slice(-11) + "^" + s.textContent)`)
	if strings.Join(refs, "|") != "Russian oil^1|s to Russia^2" {
		t.Errorf("note numbers in the text: %q", refs)
	}
	notes := eval[[]string](p, `[...document.querySelectorAll(".print-view .footnotes li")].map(li => li.value + " " + li.textContent)`)
	if strings.Join(notes, "|") != "1 Claim: check the figures|2 Prediction: by 2027?" {
		t.Errorf("footnotes %q", notes)
	}
	if eval[bool](p, `document.querySelectorAll(".print-section .footnotes").length !== 2`) {
		t.Error("the two notes are not at the ends of their own sections")
	}
}
