package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestPredictionFromVeryLikelyToBrier sets a prediction's probability
// from the words of its passage, settles it, and reads its Brier score in
// the Predictions view.
func TestPredictionFromVeryLikelyToBrier(t *testing.T) {
	p := openApp(t)
	p.dragSelect(weaponsPhrase)
	p.press("p")
	p.waitItems(1)
	p.selectByClick(weaponsPhrase)

	// The passage says "very likely": the editor offers 88 %.
	p.clickButton(`li[aria-current="true"] .forecast`, "Use 88 % (“very likely”)")
	p.poll(`document.querySelector('li[aria-current="true"] .forecast .band')?.textContent === "very likely"`)
	if got := eval[string](p, `document.querySelector('li[aria-current="true"] .forecast input[type=number]').value`); got != "88" {
		t.Fatalf("probability field = %q", got)
	}
	p.do(chromedp.SendKeys(`li[aria-current="true"] .forecast input[type=text]`, "2027-06"))

	// Settle it with the keyboard on the outcome menu: Came true.
	p.do(chromedp.Focus(`li[aria-current="true"] .forecast select`))
	p.press(kb.ArrowDown)
	p.poll(`document.querySelector(".message").textContent.includes("Came true")`)
	p.poll(`document.querySelector('li[aria-current="true"] .forecast input[type=date]') !== null`)
	p.do(chromedp.SendKeys(`li[aria-current="true"] .forecast input[placeholder="a note or a link"]`, "https://example.org/report"))

	// The Predictions view, from the Library.
	p.clickButton(".files", "Library")
	p.clickButton(".library", "Predictions of every text…")
	p.poll(`document.getElementById("brier") !== null`)
	if got := eval[string](p, `document.getElementById("brier").textContent`); !strings.HasPrefix(got, "Brier score 0.014 over 1 settled prediction") {
		t.Fatalf("Brier = %q", got)
	}
	row := eval[string](p, `[...document.querySelectorAll(".calibration tbody tr")].find(tr => tr.cells[2].textContent === "1")?.textContent`)
	if row != "very likely80–95 %11 (100 %)" {
		t.Fatalf("calibration row = %q", row)
	}
	if got := eval[string](p, `document.querySelector(".predictions .facts").textContent`); !strings.Contains(got, "by 2027-06 · 88 % (very likely) · Came true") {
		t.Fatalf("facts = %q", got)
	}

	// Reopened after a reload, it reads the stored prediction back.
	p.waitSaved()
	p.do(chromedp.Reload())
	p.waitReady()
	p.clickButton(".files", "Library")
	p.clickButton(".library", "Predictions of every text…")
	p.poll(`document.getElementById("brier")?.textContent.startsWith("Brier score 0.014")`)
}
