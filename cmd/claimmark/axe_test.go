package main

import (
	"encoding/json"
	"fmt"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"os"
	"strings"
	"sync"
	"testing"
)

// Accessibility: axe-core, pinned in testdata/axe and installed by make
// test, checks every view; a test fails on any violation, whatever its
// impact.

var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile("testdata/axe/node_modules/axe-core/axe.min.js")
	return string(b), err
})

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct {
		Target []any
		HTML   string
	}
}

// axe runs axe-core on the page as it is, and reports each violation.
func (p *page) axe(view string) {
	p.t.Helper()
	src, err := axeSource()
	if err != nil {
		if os.Getenv("CI") != "" {
			p.t.Fatalf("axe-core is not installed (make test installs it): %v", err)
		}
		p.t.Skip("axe-core is not installed; make test installs it:", err)
	}
	if !eval[bool](p, `typeof axe !== "undefined"`) {
		eval[bool](p, src+"\n;true")
	}
	out := eval[string](p, `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 160)})),
	}))))`)
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		p.t.Fatal(err)
	}
	for _, v := range vs {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target)+" "+n.HTML)
		}
		p.t.Errorf("%s: axe %s (%s): %s\n\t%s", view, v.ID, v.Impact, v.Help, strings.Join(where, "\n\t"))
	}
}

// TestAxeInEveryView runs axe on each view a reader reaches: the text
// with and without an annotation selected, the menu, the sheets, an
// import preview, a handout form, and the keys.
func TestAxeInEveryView(t *testing.T) {
	p := openApp(t)
	p.axe("the reader")
	p.dragSelect(oilPhrase)
	p.press("c")
	p.waitItems(1)
	p.axe("an annotation selected")
	p.clickButton("header", "Export")
	p.poll(`document.querySelector(".menu") !== null`)
	p.axe("the Export menu")
	p.press("\x1b")
	p.clickButton("header", "Paste text")
	p.poll(`document.getElementById("paste-text") !== null`)
	p.axe("paste")
	p.clickButton(".paste", "Cancel")
	p.clickButton("header", "Library")
	p.poll(`document.querySelector(".library tbody tr") !== null`)
	p.axe("the library")
	p.press("\x1b")
	p.do(chromedp.Click(".save-state"))
	p.poll(`document.querySelector(".data") !== null`)
	p.axe("the Data panel")
	p.press("\x1b")
	p.clickButton("header", "Export")
	p.clickButton(".menu", "Handout for a class…")
	p.poll(`document.getElementById("handout-key") !== null`)
	p.axe("the handout form")
	p.clickButton(".make-handout", "Cancel")
	p.press("?")
	p.poll(`document.querySelector(".keys") !== null`)
	p.axe("the keys")
	p.press("\x1b")
}

func TestAxeImportExerciseAndClass(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.waitItems(1)
	_, exported := p.export("claimmark JSON")
	p.importFile("notes.claimmark.json", string(exported))
	p.poll(`document.querySelector(".import h2") !== null || document.querySelector(".message[role=alert]") !== null`)
	if !eval[bool](p, `document.querySelector(".import h2") !== null`) {
		t.Fatalf("no import preview: %s", p.message())
	}
	p.axe("an import preview")
	p.press("\x1b")

	// One browser for all: a handout opens the exercise, then the handout
	// with its submissions the comparison.
	class, subs := writeClass(t)
	p.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{class}))
	p.poll(`document.querySelector(".exercise h2") !== null`)
	p.axe("the exercise")
	p.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), append([]string{class}, subs...)))
	p.poll(`document.querySelectorAll(".class table.students tbody tr").length === 3`)
	p.axe("the class comparison")
	p.clickPhrase("sells")
	p.poll(`document.querySelector(".class .word")?.textContent !== ""`)
	p.do(chromedp.Click(".heat-table summary"))
	p.poll(`document.querySelector(".heat-table tbody tr") !== null`)
	p.axe("the class comparison, a word and the table open")
}

// Pinch zoom is allowed on every page, as served for development and as
// built.
func TestPinchZoomIsAllowed(t *testing.T) {
	for _, url := range []string{siteURL + "/", serveStatic(t).URL + "/"} {
		p := openURL(t, url)
		if got := eval[string](p, `document.querySelector('meta[name="viewport"]').content`); strings.Contains(got, "maximum-scale") || strings.Contains(got, "user-scalable") {
			t.Errorf("%s: viewport %q", url, got)
		}
	}
}

// A file input is reached with Tab under its own name, and its label,
// which is what the reader sees, shows the focus.
func TestFileInputsShowTheirFocus(t *testing.T) {
	p := openApp(t)
	p.do(chromedp.Focus("#open-file"))
	p.press(kb.Tab) // to the next control, then back: the keyboard's focus
	p.press(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
	p.poll(`document.activeElement.id === "open-file"`)
	if got := eval[string](p, `getComputedStyle(document.querySelector('label[for="open-file"]')).outlineStyle`); got == "none" {
		t.Error("the Open file label shows no focus")
	}
	if got := eval[string](p, `document.querySelector('label[for="open-file"]').getAttribute("aria-hidden") + " " + document.getElementById("open-file").getAttribute("aria-label")`); got != "true Open file" {
		t.Errorf("label hidden, input named: %q", got)
	}
}

// TestAxeLinksMapAndPredictions checks what the argument added: the link
// bar, the links in the editor, a prediction's fields, the map, its
// outline and the Predictions view.
func TestAxeLinksMapAndPredictions(t *testing.T) {
	p := openApp(t)
	p.mergeExample()
	p.selectClaim()
	p.waitEditorLinks(4)
	p.axe("a claim's links in its editor")
	p.clickButton(`li[aria-current="true"]`, "Link…")
	p.poll(`document.getElementById("link-bar") !== null`)
	p.axe("the link bar")
	p.press("\x1b")
	p.poll(`document.getElementById("link-bar") === null`)
	p.do(chromedp.Click(`li[data-tag="prediction"] .item-open`, chromedp.NodeVisible))
	p.poll(`document.querySelector('li[aria-current="true"] .forecast') !== null`)
	p.axe("a prediction's fields")
	p.clickButton(".panel-head", "By claim")
	p.poll(`document.querySelector("li.under") !== null`)
	p.axe("the list by claim")
	p.clickButton("header", "Export")
	p.clickButton(".menu", "Map of the argument")
	p.poll(`document.querySelectorAll("#argmap-svg [data-node]").length === 9`)
	p.axe("the map")
	p.clickButton(".argmap-tools", "Outline")
	p.poll(`document.querySelector(".argmap-outline") !== null`)
	p.axe("the outline")
	p.clickButton("header", "Library")
	p.clickButton(".library", "Predictions of every text…")
	p.poll(`document.getElementById("brier") !== null`)
	p.axe("the Predictions view")
}
