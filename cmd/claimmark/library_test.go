package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

type libraryRow struct {
	Title                         string
	Claims, Evidence, Predictions string
	Current                       bool
}

func (p *page) libraryRows() []libraryRow {
	p.t.Helper()
	return eval[[]libraryRow](p, `[...document.querySelectorAll(".library tbody tr")].map(tr => ({
		Title: tr.querySelector(".title").textContent,
		Claims: tr.children[2].textContent, Evidence: tr.children[3].textContent, Predictions: tr.children[4].textContent,
		Current: tr.classList.contains("current"),
	}))`)
}

// TestLibrary keeps two texts, renames one, opens the other, deletes one
// and takes the deletion back.
func TestLibrary(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.waitSaved()
	// Markdown opens as it reads: no #, no **, a link's text alone.
	p.drop("notes.md", "text/markdown", "# Field notes\n\nThe river **rose** overnight. [Farmers](https://example.org/f) moved their cattle.\n")
	p.poll(`document.querySelector("#document h1")?.textContent === "Field notes"`)
	if text := eval[string](p, `document.querySelector("#document").innerText`); strings.ContainsAny(text, "#*[]") || !strings.Contains(text, "The river rose overnight. Farmers moved their cattle.") {
		t.Fatalf("the Markdown file reads %q", text)
	}
	p.dragSelect("The river rose overnight.")
	p.press("e")
	p.dragSelect("Farmers moved their cattle.")
	p.press("e")
	p.waitItems(2)
	p.waitSaved()

	p.clickButton("header", "Library")
	p.poll(`document.querySelectorAll(".library tbody tr").length === 2`)
	rows := p.libraryRows()
	if rows[0].Title != "Field notes" || rows[0].Evidence != "2" || !rows[0].Current || rows[1].Claims != "1" || rows[1].Current {
		t.Fatalf("library %+v", rows)
	}

	// Rename the notes; the name stays after a reload.
	p.clickButton(`.library tr.current`, "Rename")
	p.poll(`document.querySelector(".library .rename input") !== null`)
	p.do(chromedp.SetValue(chromedp.CSS(".library .rename input"), "River  diary"))
	p.clickButton(".library .rename", "Save")
	p.poll(`document.querySelector(".library tr.current .title").textContent === "River diary"`)
	p.waitSaved()
	p.do(chromedp.Reload())
	p.waitReady()
	p.clickButton("header", "Library")
	p.poll(`document.querySelector(".library tr.current .title")?.textContent === "River diary"`)

	// Open the post from the library.
	p.clickButton(`.library tbody tr:not(.current)`, "Open")
	p.poll(`document.querySelector("#document h1")?.textContent.startsWith("Post #374")`)
	p.waitItems(1)

	// Delete the notes, confirm, then undo.
	p.clickButton("header", "Library") // opening a text closed it
	p.poll(`document.querySelectorAll(".library tbody tr").length === 2`)
	p.clickButton(`.library tbody tr:not(.current)`, "Delete…")
	p.clickButton(`.library .confirm`, "Delete")
	p.poll(`document.querySelectorAll(".library tbody tr").length === 1`)
	if msg := p.message(); msg != "Deleted “River diary” and its 2 annotations.Undo×" {
		t.Errorf("message %q", msg)
	}
	if n := p.stored(); n != 1 {
		t.Errorf("%d annotations stored after the delete", n)
	}
	p.clickButton(".message", "Undo")
	p.poll(`document.querySelectorAll(".library tbody tr").length === 2`)
	p.waitSaved()
	p.clickButton(`.library tbody tr:not(.current)`, "Open")
	p.poll(`document.querySelector("#document h1")?.textContent === "Field notes"`)
	p.waitItems(2)
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitItems(2)
}
