package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/cmd/internal/workload"
)

// Browser tests of the formats: every export, copying, and importing good,
// bad and re-anchored files.

func TestExportEveryFormat(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.dragSelect(exercisesPhrase)
	p.press("e")
	p.waitItems(2)
	p.selectByClick(oilPhrase)
	p.do(chromedp.SendKeys(chromedp.CSS(`li[aria-current="true"] textarea`), "=SUM(A1) is not a formula here"))
	post := postText(t)
	title := "Post #374 China’s Aid to Russia Under the “No Limits” Partnership"

	name, data := p.export("W3C Web Annotation")
	if name != title+".annotations.jsonld" {
		t.Errorf("W3C file name %q", name)
	}
	var w3c struct {
		Type  string `json:"type"`
		First struct {
			Items []struct {
				ID     string `json:"id"`
				Body   []struct{ Purpose, Value string }
				Target struct {
					Source   string
					Selector []struct {
						Type       string
						Exact      string
						Start, End int
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &w3c); err != nil {
		t.Fatal(err)
	}
	items := w3c.First.Items
	if w3c.Type != "AnnotationCollection" || len(items) != 2 {
		t.Fatalf("W3C: type %q, %d items", w3c.Type, len(items))
	}
	d, _ := document.New(post)
	for _, it := range items {
		if it.Target.Source != "urn:sha256:"+d.SHA256 || len(it.Target.Selector) != 2 || !strings.HasPrefix(it.ID, "urn:uuid:") {
			t.Errorf("W3C item %+v", it)
		}
		q, pos := it.Target.Selector[0], it.Target.Selector[1]
		if string([]rune(post)[pos.Start:pos.End]) != q.Exact {
			t.Errorf("W3C position %d:%d is not %q", pos.Start, pos.End, q.Exact)
		}
	}
	if items[0].Body[0].Value != "claim" || items[0].Body[1].Purpose != "commenting" {
		t.Errorf("W3C bodies %+v", items[0].Body)
	}

	name, data = p.export("CSV")
	if name != title+".annotations.csv" || !bytes.HasPrefix(data, []byte("\uFEFFid,tag,start,end,exact")) {
		t.Errorf("CSV %q starts %q", name, data[:min(len(data), 40)])
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("CSV rows %v, %v", rows, err)
	}
	if rows[1][1] != "claim" || rows[1][4] != oilPhrase || rows[1][7] != "'=SUM(A1) is not a formula here" {
		t.Errorf("CSV row %q", rows[1])
	}

	name, data = p.export("Markdown report")
	md := string(data)
	if name != title+".report.md" || !strings.HasPrefix(md, "# Post #374: China’s Aid") ||
		!strings.Contains(md, "Claims: 1 · Evidence: 1 · Predictions: 0") ||
		!strings.Contains(md, "### 1. Claim\n\n> "+oilPhrase+"\n\nIn: On one hand, "+oilPhrase+" and is one of Russia’s key trade partners overall.\n\nNote: =SUM(A1) is not a formula here") {
		t.Errorf("Markdown %q:\n%s", name, md)
	}

	// Copy JSON puts the same file on the clipboard.
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(p.ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name},
			Setting:    browser.PermissionSettingGranted,
		}); err != nil {
			t.Fatal(err)
		}
	}
	p.clickButton("header", "Export")
	p.clickButton(".menu", "Copy JSON")
	p.poll(`document.querySelector(".message")?.textContent.includes("Copied 2 annotations")`)
	copied := eval[string](p, `navigator.clipboard.readText()`)
	if !strings.Contains(copied, `"format": "claimmark"`) || !strings.Contains(copied, oilPhrase) {
		t.Errorf("clipboard holds %.200q", copied)
	}
}

// importFile uploads a file through the Import control.
func (p *page) importFile(name, content string) {
	p.t.Helper()
	path := filepath.Join(p.t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{path}))
}

func (p *page) previewCount(kind string) string {
	p.t.Helper()
	p.poll(`document.querySelector('section[aria-label="Import preview"]') !== null`)
	return eval[string](p, fmt.Sprintf(`document.querySelector('[data-count=%q]').textContent`, kind))
}

// weaponsPhrase is the prediction of the post's last paragraph.
const weaponsPhrase = "China will very likely start sending weapons to Russia"

func TestImportW3CMadeByHand(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.waitItems(1)
	post := postText(t)
	d, _ := document.New(post)
	start := len([]rune(post[:strings.Index(post, exercisesPhrase)]))
	// Two annotations as another tool might write them: one by quote and
	// position, one by quote alone, in a bare array.
	file := fmt.Sprintf(`[
	  {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://example.org/a/1", "type": "Annotation",
	   "motivation": "classifying", "body": {"type": "TextualBody", "value": "Evidence"},
	   "target": {"source": "urn:sha256:%[1]s", "selector": [
	     {"type": "TextQuoteSelector", "exact": %[2]q},
	     {"type": "TextPositionSelector", "start": %[3]d, "end": %[4]d}]}},
	  {"id": "https://example.org/a/2", "type": "Annotation", "motivation": "tagging",
	   "body": [{"purpose": "tagging", "value": "prediction"}, {"purpose": "commenting", "value": "from another tool"}],
	   "target": {"source": "urn:sha256:%[1]s", "selector": {"type": "TextQuoteSelector", "exact": %[5]q, "prefix": "", "suffix": ""}}}
	]`, d.SHA256, exercisesPhrase, start, start+len([]rune(exercisesPhrase)), weaponsPhrase)
	p.importFile("by-hand.jsonld", file)
	if got := p.previewCount("new"); got != "2 new" {
		t.Errorf("preview new = %q", got)
	}
	if got := p.previewCount("unplaced"); !strings.HasPrefix(got, "0 unplaced") {
		t.Errorf("preview unplaced = %q", got)
	}
	p.clickButton(`section[aria-label="Import preview"]`, "Merge")
	p.waitItems(3)
	items := p.list()
	tags := []string{items[0].Tag, items[1].Tag, items[2].Tag}
	if !slices.Equal(tags, []string{"claim", "evidence", "prediction"}) {
		t.Errorf("after merge: %+v", items)
	}
	if got := p.highlight("prediction"); !slices.Equal(got, []string{weaponsPhrase}) {
		t.Errorf("prediction highlight %q", got)
	}
	// Imported annotations are saved like any other.
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitItems(3)

	// The same file again, as an editor on Windows saves it (with a byte
	// order mark): all duplicates, nothing new.
	p.importFile("by-hand.jsonld", "\uFEFF"+file)
	if got := p.previewCount("duplicate"); !strings.HasPrefix(got, "2 already here") {
		t.Errorf("second import: %q", got)
	}
	p.clickButton(`section[aria-label="Import preview"]`, "Cancel")
	p.poll(`document.querySelector('section[aria-label="Import preview"]') === null`)
}

func TestImportIntoEditedText(t *testing.T) {
	p := openApp(t)
	original := "Field notes\n\nThe river rose two metres overnight. Farmers moved their cattle to higher ground. Officials expect the water to fall by Sunday."
	edited := "Field notes\n\nAfter heavy rain, the river rose two metres overnight. Officials now expect the water to fall by Monday at the earliest."
	p.clickButton("header", "Paste text")
	p.do(chromedp.SendKeys(chromedp.ID("paste-text"), original))
	p.clickButton(".paste", "Open")
	p.poll(`document.querySelector("#document h1")?.textContent === "Field notes"`)
	p.dragSelect("The river rose two metres overnight.")
	p.press("e")
	p.dragSelect("Farmers moved their cattle to higher ground.")
	p.press("e")
	p.dragSelect("Officials expect the water to fall by Sunday.")
	p.press("p")
	p.waitItems(3)
	_, exported := p.export("claimmark JSON")

	// The edited text, with nothing on it yet.
	p.clickButton("header", "Paste text")
	p.do(chromedp.SendKeys(chromedp.ID("paste-text"), edited))
	p.clickButton(".paste", "Open")
	p.poll(`document.querySelector("#document h1") && document.querySelector("#document p").textContent.startsWith("After heavy rain")`)
	p.waitItems(0)

	p.importFile("field-notes.claimmark.json", string(exported))
	if got := p.previewCount("placed"); !strings.HasPrefix(got, "2 placed") {
		t.Errorf("preview placed = %q", got)
	}
	if got := p.previewCount("unplaced"); !strings.HasPrefix(got, "1 unplaced") {
		t.Errorf("preview unplaced = %q", got)
	}
	p.clickButton(`section[aria-label="Import preview"]`, "Merge")
	p.waitItems(2)
	if got := p.highlight("evidence"); !slices.Equal(got, []string{"the river rose two metres overnight."}) && !slices.Equal(got, []string{"river rose two metres overnight."}) {
		t.Errorf("evidence placed on %q", got)
	}
	if got := p.highlight("prediction"); len(got) != 1 || !strings.Contains(got[0], "expect the water to fall by Monday") {
		t.Errorf("prediction placed on %q", got)
	}
	unplaced := eval[[]string](p, `[...document.querySelectorAll('ol[aria-label="Unplaced annotations"] .quote')].map(q => q.textContent)`)
	if !slices.Equal(unplaced, []string{"Farmers moved their cattle to higher ground."}) {
		t.Fatalf("unplaced = %q", unplaced)
	}

	// Attach it to a new selection.
	p.dragSelect("After heavy rain")
	p.clickButton(`ol[aria-label="Unplaced annotations"]`, "Attach here")
	p.waitItems(3)
	p.poll(`document.querySelector('ol[aria-label="Unplaced annotations"]') === null`)
	if got := p.highlight("evidence"); len(got) != 2 {
		t.Errorf("evidence after attaching = %q", got)
	}
}

func TestDropAnExportAndReplace(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.dragSelect(exercisesPhrase)
	p.press("e")
	p.waitItems(2)
	_, exported := p.export("claimmark JSON")

	// Start over with one other annotation, then drop the export on the page.
	p.selectByClick(oilPhrase)
	p.clickButton(`li[aria-current="true"]`, "Delete")
	p.selectByClick(exercisesPhrase)
	p.clickButton(`li[aria-current="true"]`, "Delete")
	p.waitItems(0)
	p.dragSelect(weaponsPhrase)
	p.press("p")
	p.waitItems(1)
	p.drop("post.claimmark.json", "application/json", string(exported))
	if got := p.previewCount("new"); got != "2 new" {
		t.Errorf("preview new = %q", got)
	}
	if got := p.previewCount("placed"); !strings.HasPrefix(got, "2 placed: 2 by position") {
		t.Errorf("preview placed = %q", got)
	}
	// Replace: the prediction made since is gone, the export's two are back.
	p.clickButton(`section[aria-label="Import preview"]`, "Replace")
	p.poll(`document.querySelector('section[aria-label="Import preview"]') === null`)
	p.waitItems(2)
	if got := p.highlight("prediction"); len(got) != 0 {
		t.Errorf("Replace kept %q", got)
	}
	p.do(chromedp.Reload())
	p.waitReady()
	if got := p.list(); len(got) != 2 || got[0].Quote != oilPhrase || got[1].Quote != exercisesPhrase {
		t.Errorf("after reload: %+v", got)
	}
}

// TestLargeImportShowsProgress drops 20,000 annotations made on another
// text: the page says what it is doing before the preview comes, and the
// preview counts every one.
func TestLargeImportShowsProgress(t *testing.T) {
	p := openApp(t)
	d, err := document.New(workload.Phrases(postText(t), 200_000, 5))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := format.Encode(&buf, d, workload.Words(d, annotation.MaxPerText), time.Now()); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Evaluate[chromedp.Void](`(() => {
		window.statuses = [];
		new MutationObserver(() => {
			const s = document.querySelector('section.import [role=status]');
			if (s && !statuses.includes(s.textContent)) statuses.push(s.textContent);
		}).observe(document.body, {childList: true, subtree: true, characterData: true});
	})()`))
	p.drop("another.claimmark.json", "application/json", buf.String())
	if got := p.previewCount("new"); got != "20000 new" {
		t.Errorf("preview new = %q", got)
	}
	statuses := eval[[]string](p, `statuses`)
	if len(statuses) == 0 || !strings.HasPrefix(statuses[0], "Reading another.claimmark.json") {
		t.Errorf("the page said %q before the preview", statuses)
	}
	p.clickButton(`section[aria-label="Import preview"]`, "Cancel")
	p.waitItems(0)
}

// TestImportHypothesisExport imports the Hypothesis client's export of
// five annotations on the post, as a reader who used Hypothesis would:
// the preview names the shape, lists the reply, the page note and the
// untagged one as left out, with their quotes; merging adds the two that
// fit, in the right words; the W3C export gives back their Hypothesis
// addresses, and importing that export again finds them already here.
func TestImportHypothesisExport(t *testing.T) {
	p := openApp(t)
	export, err := os.ReadFile(hypothesisExport)
	if err != nil {
		t.Fatal(err)
	}
	p.drop("hypothesis-export.json", "application/json", string(export))
	if got := p.previewCount("new"); got != "2 new" {
		t.Errorf("preview new = %q", got)
	}
	if got := p.previewCount("placed"); !strings.HasPrefix(got, "2 placed: 0 by position, 2 by quote") {
		t.Errorf("preview placed = %q", got)
	}
	preview := eval[string](p, `document.querySelector('section[aria-label="Import preview"]').innerText`)
	for _, want := range []string{
		"A Hypothesis export: 2 annotations",
		"Left out: 3 items",
		"a reply to another annotation: 1",
		"“China is a major purchaser of Russian oil”",
		"a page note, with no passage selected: 1",
		"no claim, evidence or prediction tag: 1",
		"“Russia and China continue to conduct joint military exercises”",
	} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview has no %q:\n%s", want, preview)
		}
	}
	p.clickButton(`section[aria-label="Import preview"]`, "Merge")
	p.poll(`document.querySelector('section[aria-label="Import preview"]') === null`)
	p.waitItems(2)
	claim := "China is Russia’s most important partner, but within certain limits"
	if got := p.highlight("claim"); !slices.Equal(got, []string{claim}) {
		t.Errorf("claim highlight %q", got)
	}
	if got := p.highlight("evidence"); !slices.Equal(got, []string{oilPhrase}) {
		t.Errorf("evidence highlight %q", got)
	}
	p.selectByClick(claim)
	note := eval[string](p, `document.querySelector('li[aria-current="true"] textarea').value`)
	if note != "The thesis of the post. See **the limits** below.\n\nTags: china-russia" {
		t.Errorf("the claim's note is %q", note)
	}

	_, w3c := p.export("W3C Web Annotation")
	for _, id := range []string{"https://hypothes.is/a/Tq2xAqc2Ee6VbwOTcE7Gsg", "https://hypothes.is/a/Ub7yBqc2Ee6WcxPUdF8Hth"} {
		if !bytes.Contains(w3c, []byte(`"id": "`+id+`"`)) {
			t.Errorf("the W3C export does not give %s as an id", id)
		}
	}
	p.importFile("again.annotations.jsonld", string(w3c))
	if got := p.previewCount("duplicate"); !strings.HasPrefix(got, "2 already here") {
		t.Errorf("the export imported again: %q", got)
	}
	p.clickButton(`section[aria-label="Import preview"]`, "Cancel")

	// A file with nothing that fits changes nothing, and says why.
	p.importFile("replies.json", `{"total": 1, "rows": [{"id": "r1", "uri": "https://example.org", "text": "yes", "tags": ["claim"], "references": ["a1"],
		"target": [{"source": "https://example.org", "selector": [{"type": "TextQuoteSelector", "exact": "oil"}]}]}]}`)
	p.poll(`document.querySelector(".message")?.textContent.includes("Nothing in replies.json can be imported: it is a Hypothesis search reply, and all it holds is left out (a reply to another annotation: 1). Nothing was changed.")`)
	p.waitItems(2)
	// What is stored is what was accepted, and only that.
	p.waitSaved()
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitItems(2)
}
