package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Browser tests of annotating with the keyboard alone: the reading
// cursor, selections grown by sentence and word, and what a screen reader
// hears.

// countPointer counts every mouse, pointer and touch event on the page
// from now on, in window.claimmarkPointer. (Not clicks: Enter on a button
// clicks it too.)
func (p *page) countPointer() {
	p.t.Helper()
	eval[bool](p, `window.claimmarkPointer = 0;
		for (const type of ["mousedown", "mouseup", "mousemove", "pointerdown", "pointerup", "touchstart", "touchend"])
			addEventListener(type, e => { if (e.isTrusted) claimmarkPointer++ }, true);
		true`)
}

// key presses a key and waits until the app has handled it.
func (p *page) key(key string, opts ...chromedp.KeyOption) {
	p.t.Helper()
	n := eval[int](p, `+document.querySelector(".shell").dataset.keys`)
	p.press(key, opts...)
	p.poll(fmt.Sprintf(`+document.querySelector(".shell").dataset.keys > %d`, n))
}

func (p *page) selection() string {
	p.t.Helper()
	return eval[string](p, `getSelection().toString()`)
}

func (p *page) focused() string {
	p.t.Helper()
	return eval[string](p, `(e => e.id || e.className)(document.activeElement)`)
}

func TestKeyboardAloneTagsThreeSentences(t *testing.T) {
	p := openApp(t)
	p.countPointer()
	p.key(kb.Tab)
	if got := p.focused(); got != "skip-link" {
		t.Fatalf("Tab first reaches %q, not Skip to text", got)
	}
	p.key(kb.Enter)
	p.poll(`document.activeElement.id === "document"`)
	if got := p.highlight("reading-cursor"); len(got) != 1 || got[0] != "Post" {
		t.Fatalf("the reading cursor is on %q, not the title's first word", got)
	}

	var tagged []string
	tag := func(key string, steps ...string) {
		t.Helper()
		for _, s := range steps {
			p.key(s)
		}
		sel := p.selection()
		if sel == "" {
			t.Fatalf("%v selected nothing", steps)
		}
		tagged = append(tagged, sel)
		p.key(key)
		p.poll(`getSelection().toString() === ""`)
	}
	tag("c", "]", "]", "s")
	if tagged[0] != "In the war in Ukraine, the China-Russia relationship is a wildcard." {
		t.Errorf("s selected %q", tagged[0])
	}
	tag("e", "]", "s")
	tag("p", "]", "s", "s")
	p.waitItems(3)
	items := p.list()
	for i, want := range []string{"claim", "evidence", "prediction"} {
		if items[i].Tag != want || !strings.HasPrefix(tagged[i], strings.TrimSuffix(strings.SplitN(items[i].Quote, "…", 2)[0], " ")) {
			t.Errorf("item %d: %s %q, want %s %q", i, items[i].Tag, items[i].Quote, want, tagged[i])
		}
	}
	if strings.Count(tagged[2], ". ") < 1 {
		t.Errorf("s again did not add the next sentence: %q", tagged[2])
	}
	p.waitSaved()
	if stored := p.stored(); stored != 3 {
		t.Errorf("%d annotations stored", stored)
	}

	// Back across the passages: the live region says which one it enters.
	p.key("[")
	p.key("[")
	want := "End of prediction. Evidence: " + tagged[1][:20]
	p.poll(fmt.Sprintf(`document.getElementById("reading-said").textContent.startsWith(%q)`, want))
	if role := eval[string](p, `document.getElementById("reading-said").getAttribute("aria-live")`); role != "polite" {
		t.Errorf("the live region is aria-live=%q", role)
	}

	// A selection grown and shrunk by words.
	p.key("]")
	p.key("]")
	p.key("]")
	shift := chromedp.KeyModifiers(chromedp.ModifierShift)
	p.key(kb.ArrowRight, shift)
	one := p.selection()
	p.key(kb.ArrowRight, shift)
	p.key(kb.ArrowRight, shift)
	three := p.selection()
	p.key(kb.ArrowLeft, shift)
	two := p.selection()
	if len(strings.Fields(one)) != 1 || len(strings.Fields(three)) != 3 || len(strings.Fields(two)) != 2 || !strings.HasPrefix(three, two) {
		t.Errorf("Shift+→ ×1, ×3, then Shift+←: %q, %q, %q", one, three, two)
	}
	p.key(kb.Escape)
	if got := p.selection(); got != "" {
		t.Errorf("Esc left %q selected", got)
	}
	p.key(kb.ArrowDown)
	p.key(kb.ArrowDown, shift)
	if got := p.selection(); got == "" || strings.Contains(got, "\n\n") && len(strings.Fields(got)) < 2 {
		t.Errorf("Shift+↓ selected %q", got)
	}
	p.key(kb.Escape)

	// ? lists the keys; Esc closes the list and gives the text its focus back.
	p.key("?")
	p.poll(`document.activeElement.id === "keys-close"`) // the sheet takes the focus
	rows := eval[int](p, `document.querySelectorAll(".keys tbody tr").length`)
	if rows < 12 {
		t.Errorf("the keys sheet lists %d keys", rows)
	}
	p.key(kb.Escape)
	p.poll(`document.querySelector(".keys") === null && document.activeElement.id === "document"`)
	if n := eval[int](p, `claimmarkPointer`); n != 0 {
		t.Errorf("%d mouse or touch events", n)
	}
}
