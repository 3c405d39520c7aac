package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Browser tests of links between passages: made with the mouse and with
// the keyboard, seen in the editor and the highlights, taken by a delete
// and brought back by undo, kept across a reload.

const (
	limitsClaim   = "China is Russia’s most important partner, but within certain limits"
	silencePhrase = "They have nothing to say about Putin’s war crimes"
)

// editorLinks lists the links the current row's editor shows.
func (p *page) editorLinks() []string {
	p.t.Helper()
	return eval[[]string](p, `[...document.querySelectorAll('li[aria-current="true"] .links .link-go')].map(b => b.textContent)`)
}

func (p *page) waitEditorLinks(n int) {
	p.t.Helper()
	p.poll(fmt.Sprintf(`document.querySelectorAll('li[aria-current="true"] .links .link-go').length === %d`, n))
}

// selectClaim selects the claim by a click on its passage.
func (p *page) selectClaim() {
	p.t.Helper()
	p.clickPhrase("most important partner")
	p.poll(`document.querySelector('li[aria-current="true"]')?.dataset.tag === "claim"`)
}

func TestLinkWithMouseAndKeyboard(t *testing.T) {
	p := openApp(t)
	for _, tag := range []struct{ phrase, key string }{{limitsClaim, "c"}, {oilPhrase, "e"}, {exercisesPhrase, "e"}, {silencePhrase, "e"}} {
		p.dragSelect(tag.phrase)
		p.press(tag.key)
	}
	p.waitItems(4)

	// The mouse: Link… in the editor, a click on the claim's passage, then
	// the relation.
	p.selectByClick(oilPhrase)
	p.clickButton(`li[aria-current="true"]`, "Link…")
	p.poll(`document.getElementById("link-bar") !== null`)
	p.clickPhrase("most important partner")
	p.poll(`document.querySelectorAll("#link-bar .relation").length === 2`)
	if got := p.highlight("link-target"); !slices.Equal(got, []string{limitsClaim}) {
		t.Fatalf("the link's target is painted as %q", got)
	}
	p.clickButton("#link-bar", "supports")
	p.poll(`document.getElementById("link-bar") === null`)
	if msg := p.message(); !strings.HasPrefix(msg, "Linked: “China is a … Russian oil”") || !strings.Contains(msg, "supports") {
		t.Fatalf("message %q", msg)
	}
	p.waitEditorLinks(1)
	if got := p.highlight("linked"); !slices.Equal(got, []string{limitsClaim}) {
		t.Fatalf("linked highlight = %q", got)
	}

	// The mouse again, picking the claim by its row this time.
	p.selectByClick(exercisesPhrase)
	p.clickButton(`li[aria-current="true"]`, "Link…")
	p.poll(`document.getElementById("link-bar") !== null`)
	p.do(chromedp.Click(`li[data-tag="claim"] .item-open`, chromedp.NodeVisible))
	p.poll(`document.querySelectorAll("#link-bar .relation").length === 2`)
	p.clickButton("#link-bar", "undermines")
	p.waitEditorLinks(1)

	// The keyboard: l, then j to the claim, Enter to pick it, Enter on the
	// first relation (supports).
	p.selectByClick(silencePhrase)
	p.key("l")
	p.poll(`document.activeElement.id === "link-bar"`)
	p.key("j")
	if got := p.highlight("link-target"); !slices.Equal(got, []string{limitsClaim}) {
		t.Fatalf("j rests on %q, want the claim", got)
	}
	p.key(kb.Enter)
	p.poll(`document.activeElement.classList.contains("relation")`)
	if got := p.focused(); !strings.Contains(got, "relation-supports") {
		t.Fatalf("focus on %q, want the supports button", got)
	}
	p.key(kb.Enter)
	p.poll(`document.getElementById("link-bar") === null`)
	p.waitEditorLinks(1)

	// The claim's editor lists all three, both ways.
	p.selectClaim()
	p.waitEditorLinks(3)
	want := []string{
		"“China is a major purchaser of Russian oil” supports this",
		"“Russia and China continue to … joint military exercises” undermines this",
		"“They have nothing to say about Putin’s war crimes” supports this",
	}
	if got := p.editorLinks(); !slices.Equal(got, want) {
		t.Fatalf("the claim's links:\n got %q\nwant %q", got, want)
	}
	if got := p.highlight("linked"); len(got) != 3 {
		t.Fatalf("linked highlight = %q", got)
	}

	// A retag that its links would not fit asks first.
	p.clickButton(`li[aria-current="true"]`, "Evidence")
	p.poll(`document.querySelector(".message").textContent.includes("would not fit 3 of its links")`)
	if tag := eval[string](p, `document.querySelector('li[aria-current="true"]').dataset.tag`); tag != "claim" {
		t.Fatalf("retagged to %s before asking", tag)
	}
	p.clickButton(".message", "×")

	// Deleting the claim takes its links; undo brings both back.
	p.key(kb.Delete)
	p.waitItems(3)
	if msg := p.message(); !strings.Contains(msg, "and 3 links") {
		t.Fatalf("delete says %q", msg)
	}
	p.press("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	p.waitItems(4)
	p.selectClaim()
	p.waitEditorLinks(3)

	// They were saved.
	p.waitSaved()
	p.do(chromedp.Reload())
	p.waitReady()
	p.selectClaim()
	p.waitEditorLinks(3)
	if got := p.editorLinks(); !slices.Equal(got, want) {
		t.Fatalf("after reload:\n got %q\nwant %q", got, want)
	}

	// Removing one from the editor, and undo.
	p.clickButton(`li[aria-current="true"] .links li:nth-child(2)`, "×")
	p.waitEditorLinks(2)
	p.clickButton(".message", "Undo")
	p.selectClaim()
	p.waitEditorLinks(3)
}
