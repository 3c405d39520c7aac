package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/store"
	"github.com/claimmark/claimmark/cmd/internal/chrome"
)

// The browser tests drive headless Chromium against the app served by the
// same handler as 'claimmark serve', on a free loopback port, with the wasm
// built from the code as it is now.
var (
	siteURL    string
	siteRoot   string // holds web/ with the wasm built for the tests
	chromePath string
	skipReason string
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	path, err := chrome.Path()
	if err != nil {
		if os.Getenv("CI") != "" {
			fmt.Fprintln(os.Stderr, "browser tests cannot run:", err)
			return 1
		}
		skipReason = err.Error()
		return m.Run()
	}
	chromePath = path
	tmp, err := os.MkdirTemp("", "claimmark-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	root, err := chrome.BuildSite(tmp, "./cmd/claimmark-wasm")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	siteRoot = root
	srv := httptest.NewServer(develop(root))
	defer srv.Close()
	siteURL = srv.URL
	return m.Run()
}

// page is one browser with a fresh profile, on the app.
type page struct {
	t     *testing.T
	ctx   context.Context
	close func() // closes the browser, or the tab
}

func openApp(t *testing.T) *page {
	t.Helper()
	return openURL(t, siteURL+"/")
}

// openURL opens a page of the app in a browser with a fresh profile and
// waits until the app is ready.
func openURL(t *testing.T, url string) *page {
	t.Helper()
	return openIn(t, url, "")
}

// openIn opens a page of the app in a browser on the profile in dir, a
// fresh one if dir is "", and waits until the app is ready.
func openIn(t *testing.T, url, dir string) *page {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	var ctx context.Context
	var cancel context.CancelFunc
	var err error
	if dir == "" {
		ctx, cancel, err = chrome.New(context.Background(), chromePath)
	} else {
		ctx, cancel, err = chrome.Start(context.Background(), chromePath, dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelTimeout)
	p := &page{t: t, ctx: ctx, close: cancel}
	p.watchExceptions()
	p.do(chromedp.Navigate(url))
	p.waitReady()
	return p
}

// newTab opens the app in another tab of p's browser.
func (p *page) newTab() *page {
	p.t.Helper()
	ctx, cancel := chromedp.NewContext(p.ctx)
	p.t.Cleanup(cancel)
	q := &page{t: p.t, ctx: ctx, close: cancel}
	q.watchExceptions()
	q.do(chromedp.Navigate(siteURL + "/"))
	q.waitReady()
	return q
}

// watchExceptions fails the test on any uncaught exception in the page.
func (p *page) watchExceptions() {
	messages := chromedp.Console(p.ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			switch {
			case m.IsException():
				p.t.Errorf("exception in the page: %s", m)
			case strings.Contains(m.Text, "Content Security Policy"):
				p.t.Errorf("CSP violation: %s", m)
			default:
				p.t.Logf("console %s: %s", m.Type, m)
			}
		}
	}()
}

func (p *page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

func eval[T any](p *page, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// pollTimeout is how long poll waits.
const pollTimeout = 45 * time.Second

// describe says what the page shows of its state, for a test that failed
// waiting: the save state and the message, if any.
func (p *page) describe() string {
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({
		save: document.querySelector(".save-state")?.dataset.state,
		saveTitle: document.querySelector(".save-state")?.title,
		message: document.querySelector(".message")?.textContent?.slice(0, 300),
	})`))
	if err != nil {
		return "nothing readable (" + err.Error() + ")"
	}
	return s
}

// poll waits until a JS expression is true.
func (p *page) poll(js string) {
	p.t.Helper()
	// Long enough for a machine of two cores running many browsers; a
	// test that passes never waits it out.
	ctx, cancel := context.WithTimeout(p.ctx, pollTimeout)
	defer cancel()
	// On an interval, not on animation frames: a headless page that
	// draws no frame for a while (seen on a loaded two-core machine)
	// would otherwise leave a true condition unseen until the timeout.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(pollTimeout))); err != nil {
		p.t.Fatalf("waiting for %s: %v; the page then showed %s", js, err, p.describe())
	}
	// Then a frame, as polling on frames gave, so that what the next
	// step clicks is laid out; or 50 ms, when no frame comes.
	eval[bool](p, `new Promise(r => { requestAnimationFrame(() => r(true)); setTimeout(() => r(true), 50); })`)
}

func (p *page) waitReady() {
	p.t.Helper()
	p.poll(`document.documentElement.hasAttribute("data-claimmark-ready")`)
}

// dragSelect selects phrase in the document with the mouse: press before
// its first character, drag, release after its last.
func (p *page) dragSelect(phrase string) {
	p.t.Helper()
	p.dragSelectBetween(phrase, phrase)
}

// dragSelectBetween drags from the start of one phrase to the end of
// another, which may be in another paragraph.
func (p *page) dragSelectBetween(from, to string) {
	p.t.Helper()
	type point struct{ X, Y float64 }
	js := fmt.Sprintf(`(() => {
		const find = (phrase, atEnd) => {
			const walker = document.createTreeWalker(document.getElementById("document"), NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const i = n.data.indexOf(phrase);
				if (i < 0) continue;
				const r = document.createRange();
				// The last character may be a surrogate pair.
				const at = atEnd ? i + phrase.length - (/[\uD800-\uDFFF]$/.test(phrase) ? 2 : 1) : i;
				r.setStart(n, at); r.setEnd(n, atEnd ? i + phrase.length : at + 1);
				return r;
			}
			throw new Error("phrase not found: " + phrase);
		};
		find(%[1]q, false).startContainer.parentElement.scrollIntoView({block: "center"});
		// The page may still be laying out a change: wait until the
		// phrase stays put from one frame to the next.
		// A frame, or 50 ms when the page draws none (a browser under load
		// may hold its frames back, which must not hang the test).
		const frame = () => new Promise(r => { requestAnimationFrame(() => r()); setTimeout(r, 50); });
		const points = () => {
			const a = find(%[1]q, false).getBoundingClientRect();
			const b = find(%[2]q, true).getBoundingClientRect();
			return [{X: a.left + 1, Y: a.top + a.height / 2}, {X: b.right - 1, Y: b.top + b.height / 2}];
		};
		return (async () => {
			let last = JSON.stringify(points());
			for (let i = 0; i < 20; i++) {
				await frame();
				const now = JSON.stringify(points());
				if (now === last) break;
				last = now;
			}
			return JSON.parse(last);
		})();
	})()`, from, to)
	pts := eval[[]point](p, js)
	a, b := pts[0], pts[1]
	p.do(
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, a.X, a.Y),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, a.X, a.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (a.X+b.X)/2, (a.Y+b.Y)/2, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, b.X, b.Y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, b.X, b.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	)
}

// clickPhrase clicks the middle of a phrase in the document.
func (p *page) clickPhrase(phrase string) {
	p.t.Helper()
	type point struct{ X, Y float64 }
	pt := eval[point](p, fmt.Sprintf(`(() => {
		const walker = document.createTreeWalker(document.getElementById("document"), NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const i = n.data.indexOf(%q);
			if (i < 0) continue;
			const mid = i + Math.floor(%d / 2);
			const r = document.createRange(); r.setStart(n, mid); r.setEnd(n, mid + 1);
			n.parentElement.scrollIntoView({block: "center"});
			const b = r.getBoundingClientRect();
			return {X: b.left + b.width / 2, Y: b.top + b.height / 2};
		}
		throw new Error("phrase not found");
	})()`, phrase, len([]rune(phrase))))
	p.do(chromedp.MouseClickXY(pt.X, pt.Y))
}

// selectByClick clicks a highlighted phrase and waits until the list shows
// its annotation as the current one.
func (p *page) selectByClick(phrase string) {
	p.t.Helper()
	p.clickPhrase(phrase)
	p.poll(fmt.Sprintf(`document.querySelector('li[aria-current="true"] .quote')?.textContent === %q`, phrase))
}

// clickButton clicks, with the mouse, the button with this visible name
// inside the element matched by scope.
func (p *page) clickButton(scope, name string) {
	p.t.Helper()
	sel := chromedp.JSPath(fmt.Sprintf(
		`[...document.querySelectorAll(%q)].find(b => b.textContent.trim() === %q)`,
		scope+" button", name))
	ctx, cancel := context.WithTimeout(p.ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Click(sel, chromedp.NodeVisible)); err != nil {
		p.t.Fatalf("clicking %q in %s: %v", name, scope, err)
	}
}

// drop drops a file on the text, as the browser delivers it: a
// DataTransfer holding a File, after a dragover.
func (p *page) drop(name, mime, content string) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([%q], %q, {type: %q}));
		const target = document.getElementById("document");
		target.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		target.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	})()`, content, name, mime)))
}

func (p *page) press(key string, opts ...chromedp.KeyOption) {
	p.t.Helper()
	p.do(chromedp.KeyEvent(key, opts...))
}

// highlight returns the text of each range in a CSS highlight.
func (p *page) highlight(name string) []string {
	p.t.Helper()
	return eval[[]string](p, fmt.Sprintf(`[...(CSS.highlights.get(%q) || [])].map(r => r.toString()).sort()`, name))
}

type listItem struct {
	Tag, Quote, Note string
	Current          bool
}

func (p *page) list() []listItem {
	p.t.Helper()
	return eval[[]listItem](p, `[...document.querySelectorAll('ol[aria-label="Annotations"] > li')].map(li => ({
		Tag: li.dataset.tag,
		Quote: li.querySelector(".quote").textContent,
		Note: (li.querySelector("textarea") || {}).value || (li.querySelector(".note") || {}).textContent || "",
		Current: li.getAttribute("aria-current") === "true",
	}))`)
}

func (p *page) waitItems(n int) {
	p.t.Helper()
	p.poll(fmt.Sprintf(`document.querySelectorAll('ol[aria-label="Annotations"] > li').length === %d`, n))
}

func (p *page) message() string {
	return eval[string](p, `document.querySelector(".message").textContent`)
}

// The phrases the tests annotate, from the default post.
const (
	oilPhrase       = "China is a major purchaser of Russian oil"
	exercisesPhrase = "Russia and China continue to conduct joint military exercises"
)

func TestTagWithButtonAndKey(t *testing.T) {
	p := openApp(t)

	p.dragSelect(oilPhrase)
	p.clickButton("header", "Claim")
	p.poll(`CSS.highlights.get("claim").size === 1`)
	if got := p.highlight("claim"); !slices.Equal(got, []string{oilPhrase}) {
		t.Fatalf("claim highlight = %q, want %q", got, oilPhrase)
	}
	if got := p.list(); len(got) != 1 || got[0].Tag != "claim" || got[0].Quote != oilPhrase {
		t.Fatalf("list = %+v", got)
	}

	// A selection that starts and ends inside words snaps to whole words.
	p.dragSelectBetween("ussia and China continue", "military exercis")
	p.press("p")
	p.poll(`CSS.highlights.get("prediction").size === 1`)
	if got := p.highlight("prediction"); !slices.Equal(got, []string{exercisesPhrase}) {
		t.Fatalf("prediction highlight = %q, want %q", got, exercisesPhrase)
	}
	p.waitItems(2)
	items := p.list()
	if len(items) != 2 || items[0].Tag != "claim" || items[1].Tag != "prediction" {
		t.Fatalf("list not in document order: %+v", items)
	}
}

func TestEditDeleteUndoAndReload(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.dragSelect(exercisesPhrase)
	p.press("e")
	p.waitItems(2)

	// Clicking a highlighted passage selects its annotation.
	p.selectByClick(oilPhrase)
	if got := p.highlight("selected"); !slices.Equal(got, []string{oilPhrase}) {
		t.Fatalf("selected highlight = %q", got)
	}

	// Change its tag and give it a note.
	p.clickButton(`li[aria-current="true"]`, "Prediction")
	p.poll(`CSS.highlights.get("prediction").size === 1 && CSS.highlights.get("claim").size === 0`)
	p.do(chromedp.SendKeys(chromedp.CSS(`li[aria-current="true"] textarea`), "Oil is the lever."))
	p.poll(`document.querySelector('li[aria-current="true"]').dataset.tag === "prediction"`)
	if got := p.list(); got[0].Note != "Oil is the lever." {
		t.Fatalf("note = %q", got[0].Note)
	}

	// Delete with the key, undo with Ctrl+Z.
	p.selectByClick(exercisesPhrase)
	p.press("\b") // Backspace deletes too; check the Delete key below.
	p.waitItems(1)
	p.press("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	p.waitItems(2)
	if got := p.highlight("evidence"); !slices.Equal(got, []string{exercisesPhrase}) {
		t.Fatalf("evidence after undo = %q", got)
	}

	// Delete with the button, undo from the message.
	p.clickButton(`li[aria-current="true"]`, "Delete")
	p.waitItems(1)
	if msg := p.message(); !strings.HasPrefix(msg, "Deleted “") {
		t.Fatalf("message = %q", msg)
	}
	p.clickButton(".message", "Undo")
	p.waitItems(2)

	// And the Delete key itself.
	p.selectByClick(exercisesPhrase)
	p.press("\x7f") // DEL
	p.waitItems(1)
	p.press("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	p.waitItems(2)

	before := p.list()
	p.do(chromedp.Reload())
	p.waitReady()
	after := p.list()
	for i := range after {
		after[i].Current, before[i].Current = false, false
	}
	if !slices.Equal(before, after) {
		t.Fatalf("after reload:\n got %+v\nwant %+v", after, before)
	}
	if got := p.highlight("prediction"); !slices.Equal(got, []string{oilPhrase}) {
		t.Fatalf("prediction after reload = %q", got)
	}
	if got := p.highlight("evidence"); !slices.Equal(got, []string{exercisesPhrase}) {
		t.Fatalf("evidence after reload = %q", got)
	}
	p.selectByClick(oilPhrase)
	if got := eval[string](p, `document.querySelector('li[aria-current="true"] textarea').value`); got != "Oil is the lever." {
		t.Fatalf("note after reload = %q", got)
	}
}

func TestSelectionAcrossParagraphs(t *testing.T) {
	p := openApp(t)
	p.dragSelectBetween("though I dispute that.", "On the other hand")
	p.press("e")
	p.poll(`CSS.highlights.get("evidence").size === 1`)
	post := postText(t)
	from := strings.Index(post, "though I dispute that.")
	to := strings.Index(post, "On the other hand") + len("On the other hand")
	want := post[from:to]
	if !strings.Contains(want, "\n\n") {
		t.Fatalf("test phrase %q does not cross paragraphs", want)
	}
	p.waitItems(1)
	if got := p.list(); got[0].Quote != want {
		t.Fatalf("quote = %q, want %q", got[0].Quote, want)
	}
	// The DOM has no text between paragraphs, so the range reads without
	// the blank line.
	if got := p.highlight("evidence"); !slices.Equal(got, []string{strings.ReplaceAll(want, "\n", "")}) {
		t.Fatalf("evidence = %q, want %q", got, want)
	}
	// In the title, around curly quotes.
	p.dragSelect("“No Limits” Partnership")
	p.press("c")
	p.poll(`CSS.highlights.get("claim").size === 1`)
	if got := p.highlight("claim"); !slices.Equal(got, []string{"“No Limits” Partnership"}) {
		t.Fatalf("claim in title = %q", got)
	}
}

func TestPastedTextKeepsItsOwnAnnotations(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.poll(`CSS.highlights.get("claim").size === 1`)

	p.clickButton("header", "Paste text")
	pasted := "A pasted note 🐘\n\nElephants never forget, and 🐘 herds will grow by 2030."
	p.do(chromedp.SendKeys(chromedp.ID("paste-text"), pasted))
	p.clickButton(".paste", "Open")
	p.poll(`document.querySelector("#document h1")?.textContent === "A pasted note 🐘"`)
	if got := p.list(); len(got) != 0 {
		t.Fatalf("pasted text shows the post's annotations: %+v", got)
	}
	p.dragSelect("🐘 herds will grow")
	p.press("p")
	p.poll(`CSS.highlights.get("prediction").size === 1`)
	if got := p.highlight("prediction"); !slices.Equal(got, []string{"🐘 herds will grow"}) {
		t.Fatalf("prediction = %q", got)
	}

	// Reopening the post by file brings back its annotations only.
	post := filepath.Join(chrome.RepoRoot(), "web", "documents", "post-374.txt")
	p.do(chromedp.SetUploadFiles(chromedp.ID("open-file"), []string{post}))
	p.poll(`document.querySelector("#document h1")?.textContent.startsWith("Post #374")`)
	if got := p.list(); len(got) != 1 || got[0].Quote != oilPhrase {
		t.Fatalf("post's list = %+v", got)
	}
	if got := p.highlight("prediction"); len(got) != 0 {
		t.Fatalf("the pasted text's prediction shows on the post: %q", got)
	}

	// The pasted text is current after a reload of it... and the post now.
	p.do(chromedp.Reload())
	p.waitReady()
	if got := p.list(); len(got) != 1 || got[0].Quote != oilPhrase {
		t.Fatalf("after reload = %+v", got)
	}
}

func TestBadFilesChangeNothing(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.poll(`CSS.highlights.get("claim").size === 1`)

	dir := t.TempDir()
	files := map[string][]byte{
		"image.txt": {0x89, 'P', 'N', 'G', 0, 0, 0xff, 0xfe},
		"empty.txt": nil,
		"big.txt":   []byte(strings.Repeat("word ", document.MaxSize/5+1)),
		"page.pdf":  []byte("%PDF-1.4"),
	}
	want := map[string]string{
		"image.txt": "not a UTF-8 text file",
		"empty.txt": "empty",
		"big.txt":   "up to 5 MB",
		"page.pdf":  "opens .txt, .md and .html files",
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		p.do(chromedp.SetUploadFiles(chromedp.ID("open-file"), []string{path}))
		p.poll(fmt.Sprintf(`document.querySelector(".message[role=alert]")?.textContent.includes(%q)`, want[name]))
		if got := p.list(); len(got) != 1 || got[0].Quote != oilPhrase {
			t.Fatalf("after %s: list = %+v", name, got)
		}
	}
	if title := eval[string](p, `document.querySelector("#document h1").textContent`); !strings.HasPrefix(title, "Post #374") {
		t.Fatalf("the post was replaced: %q", title)
	}
}

func TestExportJSON(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.dragSelect("“No Limits” Partnership")
	p.press("p")
	p.dragSelectBetween("though I dispute that.", "On the other hand")
	p.press("e")
	p.waitItems(3)
	p.selectByClick(oilPhrase)
	p.do(chromedp.SendKeys(chromedp.CSS(`li[aria-current="true"] textarea`), "A note, with “quotes”."))

	name, data := p.export("claimmark JSON")
	if want := "Post #374 China’s Aid to Russia Under the “No Limits” Partnership.claimmark.json"; name != want {
		t.Errorf("file name = %q, want %q", name, want)
	}
	checkExport(t, data)
}

// export downloads the annotations through the Export menu and returns
// the file's name and content.
func (p *page) export(kind string) (string, []byte) {
	p.t.Helper()
	return p.download(func() {
		p.clickButton("header", "Export")
		p.clickButton(".menu", kind)
	})
}

// download does what starts a download and returns the file's name and
// content.
func (p *page) download(start func()) (string, []byte) {
	p.t.Helper()
	dir := p.t.TempDir()
	if _, err := chromedp.CallBrowser(p.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:      browser.SetDownloadBehaviorBehaviorAllow,
		DownloadPath:  dir,
		EventsEnabled: new(true),
	}); err != nil {
		p.t.Fatal(err)
	}
	waitCtx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	progress := chromedp.BrowserEvents(waitCtx, browser.DownloadProgress)
	start()
	for ev, err := range progress {
		if err != nil {
			p.t.Fatal(err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			p.t.Fatal("download canceled")
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		p.t.Fatalf("downloads: %v %v", entries, err)
	}
	data, err := os.ReadFile(filepath.Join(dir, entries[0].Name()))
	if err != nil {
		p.t.Fatal(err)
	}
	return entries[0].Name(), data
}

// checkExport checks an exported file field by field, straight from the
// JSON rather than through the app's own decoder.
func checkExport(t *testing.T, data []byte) {
	t.Helper()
	var f struct {
		Format   string `json:"format"`
		Version  int    `json:"version"`
		Exported string `json:"exported"`
		Document struct {
			Title, Text, SHA256 string
		} `json:"document"`
		Annotations []map[string]any `json:"annotations"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\n  \"format\": \"claimmark\"") {
		t.Errorf("not pretty-printed:\n%.200s", data)
	}
	post := postText(t)
	sum := sha256.Sum256([]byte(f.Document.Text))
	switch {
	case f.Format != "claimmark" || f.Version != 2:
		t.Errorf("format %q version %d", f.Format, f.Version)
	case f.Document.Title != "Post #374: China’s Aid to Russia Under the “No Limits” Partnership":
		t.Errorf("title %q", f.Document.Title)
	case f.Document.Text != post:
		t.Errorf("text is not the canonical post")
	case f.Document.SHA256 != hex.EncodeToString(sum[:]):
		t.Errorf("sha256 %q is not the text's", f.Document.SHA256)
	case len(f.Annotations) != 3:
		t.Fatalf("%d annotations, want 3", len(f.Annotations))
	}
	if _, err := time.Parse(time.RFC3339, f.Exported); err != nil {
		t.Errorf("exported: %v", err)
	}
	text := []rune(f.Document.Text)
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	wantTags := []string{"prediction", "claim", "evidence"} // document order
	for i, a := range f.Annotations {
		keys := make([]string, 0, len(a))
		for k := range a {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if want := []string{"created", "end", "exact", "id", "modified", "note", "prefix", "start", "suffix", "tag"}; !slices.Equal(keys, want) {
			t.Errorf("annotation %d keys %v, want %v", i, keys, want)
		}
		start, end := int(a["start"].(float64)), int(a["end"].(float64))
		if string(text[start:end]) != a["exact"] {
			t.Errorf("annotation %d: text[%d:%d] = %q, exact = %q", i, start, end, string(text[start:end]), a["exact"])
		}
		if want := string(text[max(0, start-32):start]); a["prefix"] != want {
			t.Errorf("annotation %d: prefix %q, want %q", i, a["prefix"], want)
		}
		if want := string(text[end:min(len(text), end+32)]); a["suffix"] != want {
			t.Errorf("annotation %d: suffix %q, want %q", i, a["suffix"], want)
		}
		if a["tag"] != wantTags[i] {
			t.Errorf("annotation %d: tag %v, want %s", i, a["tag"], wantTags[i])
		}
		if !uuid.MatchString(a["id"].(string)) {
			t.Errorf("annotation %d: id %v is not a random UUID", i, a["id"])
		}
		for _, k := range []string{"created", "modified"} {
			ts, err := time.Parse(time.RFC3339, a[k].(string))
			if err != nil || ts.Location() != time.UTC {
				t.Errorf("annotation %d: %s %v is not RFC 3339 UTC (%v)", i, k, a[k], err)
			}
		}
	}
	if got := f.Annotations[1]["note"]; got != "A note, with “quotes”." {
		t.Errorf("note = %q", got)
	}
	if got := f.Annotations[1]["exact"]; got != oilPhrase {
		t.Errorf("claim exact = %q", got)
	}
}

// postText is the canonical text of the default post.
func postText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(chrome.RepoRoot(), "web", "documents", "post-374.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return document.Canonical(string(b))
}

func TestListFilterClickAndKeys(t *testing.T) {
	p := openApp(t)
	phrases := []struct{ phrase, key, tag string }{
		{oilPhrase, "c", "claim"},
		{exercisesPhrase, "e", "evidence"},
		{"Some observers also speculate", "p", "prediction"},
		{"Chinese military aid to Russia is a matter of US concern", "c", "claim"},
	}
	for _, ph := range phrases {
		p.dragSelect(ph.phrase)
		p.press(ph.key)
	}
	p.waitItems(4)
	counts := eval[string](p, `[...document.querySelectorAll(".filter")].map(b => b.textContent).join("|")`)
	if counts != "All 4|Claim 2|Evidence 1|Prediction 1" {
		t.Errorf("counts = %q", counts)
	}

	// Filter to claims.
	p.do(chromedp.Click(chromedp.CSS(`.filter[data-filter="claim"]`)))
	p.waitItems(2)
	for _, it := range p.list() {
		if it.Tag != "claim" {
			t.Errorf("filtered list shows %+v", it)
		}
	}
	p.do(chromedp.Click(chromedp.CSS(`.filter[data-filter=""]`)))
	p.waitItems(4)

	// Clicking an item selects its passage and scrolls it into view.
	p.do(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.body.scrollHeight)`))
	p.do(chromedp.Click(chromedp.CSS(`li[data-tag="evidence"] .item-open`)))
	p.poll(`document.querySelector('li[data-tag="evidence"]').getAttribute("aria-current") === "true"`)
	if got := p.highlight("selected"); !slices.Equal(got, []string{exercisesPhrase}) {
		t.Fatalf("selected = %q", got)
	}
	inView := eval[bool](p, `(() => {
		const r = [...CSS.highlights.get("selected")][0].getBoundingClientRect();
		return r.top >= 0 && r.bottom <= innerHeight;
	})()`)
	if !inView {
		t.Error("the selected passage was not scrolled into view")
	}

	// j and k move through the list in document order.
	p.do(chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
	current := func() string {
		return eval[string](p, `document.querySelector('li[aria-current="true"] .quote')?.textContent ?? ""`)
	}
	p.press("j")
	p.poll(fmt.Sprintf(`document.querySelector('li[aria-current="true"] .quote')?.textContent === %q`, phrases[2].phrase))
	p.press("j")
	p.poll(fmt.Sprintf(`document.querySelector('li[aria-current="true"] .quote')?.textContent === %q`, phrases[3].phrase))
	p.press("j") // stays on the last
	p.press("k")
	p.press("k")
	p.press("k")
	p.poll(fmt.Sprintf(`document.querySelector('li[aria-current="true"] .quote')?.textContent === %q`, phrases[0].phrase))
	if got := current(); got != oilPhrase {
		t.Errorf("after k k k, current = %q", got)
	}
}

func TestDropATextFile(t *testing.T) {
	p := openApp(t)
	p.drop("notes.md", "text/markdown", "Dropped notes\n\nIt will snow by Friday.")
	p.poll(`document.querySelector("#document h1")?.textContent === "Dropped notes"`)
	p.dragSelect("It will snow by Friday.")
	p.press("p")
	p.waitItems(1)
	p.do(chromedp.Reload())
	p.waitReady()
	if got := p.list(); len(got) != 1 || got[0].Quote != "It will snow by Friday." || got[0].Tag != "prediction" {
		t.Fatalf("after reload: %+v", got)
	}
}

// TestOpenAnHTMLPage opens a saved web page through the file picker: its
// readable text, never its markup or scripts.
func TestOpenAnHTMLPage(t *testing.T) {
	p := openApp(t)
	page := `<!doctype html><html><head><title>Saved page</title><script>window.__xss = 1</script></head>
<body><nav>Home | About</nav><h1>Oil and power</h1><p>Russia sells <b>oil</b> to China.</p>
<p>&lt;img src=x onerror=alert(1)&gt; is only text.</p><script>window.__xss = 2</script></body></html>`
	path := filepath.Join(t.TempDir(), "oil.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.SetUploadFiles(chromedp.ID("open-file"), []string{path}))
	p.poll(`document.querySelector("#document h1")?.textContent === "Oil and power"`)
	if got := eval[[]string](p, `[...document.querySelectorAll("#document > section > *")].map(e => e.tagName + " " + e.textContent)`); strings.Join(got, "|") != "H1 Oil and power|P Russia sells oil to China.|P <img src=x onerror=alert(1)> is only text." {
		t.Errorf("document %q", got)
	}
	if eval[bool](p, `"__xss" in window || document.querySelector("#document img, #document script") !== null`) {
		t.Error("the page's markup reached the document")
	}
	p.dragSelect("Russia sells oil to China.")
	p.press("c")
	p.waitItems(1)
}

// TestScreenshot annotates the post as a reader would and saves the page as
// the README's screenshot when CLAIMMARK_SCREENSHOT names a file.
func TestScreenshot(t *testing.T) {
	out := os.Getenv("CLAIMMARK_SCREENSHOT")
	if out == "" {
		t.Skip("set CLAIMMARK_SCREENSHOT=docs/screenshot.png to take the README's screenshot")
	}
	p := openApp(t)
	for _, ph := range []struct{ phrase, key string }{
		{"China is Russia’s most important partner, but within certain limits", "c"},
		{oilPhrase, "e"},
		{exercisesPhrase, "e"},
		{"Chinese leaders may believe that a Russian defeat would leave China alone against Western pressure", "p"},
	} {
		p.dragSelect(ph.phrase)
		p.press(ph.key)
	}
	p.waitItems(4)
	p.selectByClick(oilPhrase)
	p.do(chromedp.SendKeys(chromedp.CSS(`li[aria-current="true"] textarea`), "Oil sales are trade, not aid."))
	p.do(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	img, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(chrome.RepoRoot(), out), img, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOverlappingPassages(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.dragSelect("purchaser of Russian oil and is one of Russia’s key trade partners")
	p.press("e")
	p.waitItems(2)
	if got := p.highlight("claim"); !slices.Equal(got, []string{oilPhrase}) {
		t.Fatalf("claim = %q", got)
	}
	// A click where the two overlap selects both.
	p.clickPhrase("Russian oil")
	p.poll(`document.querySelectorAll('li[aria-current="true"]').length === 2`)
	if got := p.highlight("selected"); len(got) != 2 {
		t.Fatalf("selected = %q", got)
	}
	// A click outside both selects neither.
	p.clickPhrase("wildcard")
	p.poll(`document.querySelectorAll('li[aria-current="true"]').length === 0`)
}

// TestLongListIsPaged stores 250 annotations on the post and checks that
// the list shows a page of them, more on request, and any one selected.
func TestLongListIsPaged(t *testing.T) {
	p := openApp(t)
	d, err := document.New(postText(t))
	if err != nil {
		t.Fatal(err)
	}
	var as []annotation.Annotation
	for i := range 250 {
		start := i * 20
		as = append(as, annotation.New(d, annotation.Tags[i%3], start, start+5, time.Now()))
	}
	records, _ := json.Marshal(store.V1Records(d, as))
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`Object.entries(%s).forEach(([k, v]) => localStorage.setItem(k, v))`, records)))
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitItems(50)
	if got := eval[string](p, `document.querySelector(".more").textContent`); got != "Show more (200 not shown)" {
		t.Errorf("more button %q", got)
	}
	// Clicking the passage of the last annotation shows its row.
	last := as[len(as)-1]
	p.do(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.body.scrollHeight)`))
	p.clickPhrase(last.Exact)
	p.poll(fmt.Sprintf(`document.querySelector('li[data-id=%q]')?.getAttribute("aria-current") === "true"`, last.ID))
	p.waitItems(250)
}
