package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestFirstScreenBeforeTheWasm opens a text of the reader's, then reloads
// with the wasm held back, as on a slow network: the page shows the start
// of that text, not the default one it is served with. Going back to the
// default text leaves nothing of the other one behind.
func TestFirstScreenBeforeTheWasm(t *testing.T) {
	p := openApp(t)
	if got := eval[bool](p, `localStorage.getItem("claimmark/screen") === null`); !got {
		t.Fatal("a first screen is kept for the default text")
	}
	p.drop("notes.md", "text/markdown", "# Field notes\n\nThe river rose overnight.\n\n## Morning\n\nFarmers moved their cattle.\n")
	p.poll(`document.querySelector("#document h1")?.textContent === "Field notes"`)
	p.dragSelect("The river rose overnight.")
	p.press("e")
	p.waitSaved()

	blocked := fmt.Sprintf("%s/web/app.wasm*", siteURL)
	if _, err := chromedp.Call(p.ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{{URLPattern: blocked, Block: true}}}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Reload())
	p.poll(`document.readyState === "complete"`)
	type shown struct {
		Blocks []string
		Ready  bool
	}
	got := eval[shown](p, `({
		Blocks: [...document.querySelectorAll("#document > *")].map(e => e.tagName + " " + e.textContent.slice(0, 60)),
		Ready: document.documentElement.hasAttribute("data-claimmark-ready"),
	})`)
	want := []string{"H1 Field notes", "P The river rose overnight.", "H2 Morning", "P Farmers moved their cattle."}
	if got.Ready || fmt.Sprint(got.Blocks) != fmt.Sprint(want) {
		t.Fatalf("without the wasm the page shows %q (ready %v), want %q", got.Blocks, got.Ready, want)
	}

	// With the wasm, the app opens that text itself.
	if _, err := chromedp.Call(p.ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Reload())
	p.waitReady()
	p.poll(`document.querySelector("#document h1")?.textContent === "Field notes"`)
	p.waitItems(1)

	// Deleting the text opens the default one, and forgets the first screen.
	p.clickButton("header", "Library")
	p.poll(`document.querySelector(".library tr.current") !== null`)
	p.clickButton(`.library tr.current`, "Delete…")
	p.clickButton(`.library .confirm`, "Delete")
	p.poll(`document.querySelector("#document h1")?.textContent !== "Field notes"`)
	p.poll(`localStorage.getItem("claimmark/screen") === null`)
}
