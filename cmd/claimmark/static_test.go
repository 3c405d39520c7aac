package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/static"
	"github.com/claimmark/claimmark/cmd/internal/chrome"
)

// staticSite builds, once, the static site of the wasm the tests built,
// with quicker brotli than a release: the tests check the files, not their
// size.
var staticSite = sync.OnceValues(func() (string, error) {
	static.BrotliQuality = 5
	out := filepath.Join(filepath.Dir(siteRoot), "static")
	return out, static.Build(siteRoot, out, "")
})

func serveStatic(t *testing.T) *httptest.Server {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	dir, err := staticSite()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(static.Handler(dir))
	t.Cleanup(srv.Close)
	return srv
}

func TestStaticSiteWorksOffline(t *testing.T) {
	srv := serveStatic(t)
	p := openURL(t, srv.URL+"/")
	// The first visit installs the service worker; from the next load on
	// it serves the page.
	eval[bool](p, `navigator.serviceWorker.ready.then(() => true)`)
	p.do(chromedp.Reload())
	p.waitReady()
	if !eval[bool](p, `navigator.serviceWorker.controller !== null`) {
		t.Fatal("the service worker does not control the page")
	}
	p.dragSelect(oilPhrase)
	p.press("c")
	p.waitItems(1)

	// The network goes: the browser is told it is offline, and the server
	// stops.
	if _, err := chromedp.Call(p.ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: new(true),
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	if reached := eval[bool](p, `fetch("/manifest.webmanifest?probe", {cache: "no-store"}).then(() => true, () => false)`); reached {
		t.Fatal("the network is still on")
	}
	// Everything the page asks for from now on must come from the cache.
	var mu sync.Mutex
	urls, failed := map[network.RequestID]string{}, map[network.RequestID]string{}
	chromedp.Listen(p.ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls[ev.RequestID] = ev.Request.URL
		case *network.EventLoadingFailed:
			failed[ev.RequestID] = ev.ErrorText
		}
	})
	p.do(chromedp.Reload())
	p.waitReady()
	// The icons are asked for once the page has loaded.
	p.poll(`document.readyState === "complete" && performance.getEntriesByType("resource").some(e => e.name.endsWith("icon.svg"))`)
	p.do(chromedp.Sleep(300 * time.Millisecond))
	mu.Lock()
	for id, reason := range failed {
		t.Errorf("offline, %s failed: %s", urls[id], reason)
	}
	mu.Unlock()
	if title := eval[string](p, `document.querySelector("#document h1").textContent`); !strings.HasPrefix(title, "Post #374") {
		t.Fatalf("offline title = %q", title)
	}
	if got := p.list(); len(got) != 1 || got[0].Quote != oilPhrase {
		t.Fatalf("offline list = %+v", got)
	}
	p.dragSelect(exercisesPhrase)
	p.press("e")
	p.waitItems(2)
	name, data := p.export("claimmark JSON")
	if !strings.HasSuffix(name, ".claimmark.json") || !strings.Contains(string(data), exercisesPhrase) {
		t.Errorf("offline export %q", name)
	}
}

func TestStaticSiteHeaders(t *testing.T) {
	url := serveStatic(t).URL
	req, _ := http.NewRequest(http.MethodGet, url+"/", nil)
	req.Header.Set("Accept-Encoding", "br")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Content-Encoding") != "br" || res.Header.Get("Content-Security-Policy") != static.ContentSecurityPolicy {
		t.Errorf("index headers %v", res.Header)
	}
	// The page names the wasm by its hash; it arrives brotli-encoded.
	p := openURL(t, url+"/")
	// Chromium offers to install the app: it fires beforeinstallprompt,
	// which go-app keeps for later.
	p.poll(`typeof deferredPrompt !== "undefined" && deferredPrompt !== null`)
	wasm := eval[string](p, `performance.getEntriesByType("resource").map(e => e.name).find(n => n.endsWith(".wasm"))`)
	if !strings.Contains(wasm, "/web/app.") {
		t.Fatalf("wasm URL %q", wasm)
	}
	// It is fetched once, by the page's preload, whose response app.js
	// takes up rather than ask again.
	if got := eval[[]string](p, `performance.getEntriesByType("resource").filter(e => e.name.endsWith(".wasm")).map(e => e.initiatorType)`); len(got) != 1 || got[0] != "link" {
		t.Errorf("the wasm's requests, by what started them: %q; want one, the preload's", got)
	}
	req, _ = http.NewRequest(http.MethodGet, wasm, nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Content-Encoding") != "br" || res.Header.Get("Content-Type") != "application/wasm" ||
		!strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("wasm headers %v", res.Header)
	}
}

func TestStaticSiteOffersUpdate(t *testing.T) {
	if skipReason != "" {
		t.Skip(skipReason)
	}
	if _, err := staticSite(); err != nil { // sets the quick brotli
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := static.Build(siteRoot, dir, ""); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(static.Handler(dir))
	defer srv.Close()
	p := openURL(t, srv.URL+"/")
	eval[bool](p, `navigator.serviceWorker.ready.then(() => true)`)
	p.do(chromedp.Reload())
	p.waitReady()
	if eval[bool](p, `document.getElementById("update") !== null`) {
		t.Fatal("an update is offered before there is one")
	}

	// Publish a newer build: same code, other content, so another version.
	newer := filepath.Join(t.TempDir(), "root")
	if err := os.CopyFS(newer, os.DirFS(siteRoot)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(newer, "web", "release.txt"), []byte("a newer release"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := static.Build(newer, dir, ""); err != nil {
		t.Fatal(err)
	}
	// The open page looks for a new version, as the app does every hour
	// (a reload would look too, but might get the new version at once).
	before := eval[string](p, `goappEnv.GOAPP_VERSION`)
	p.do(chromedp.Evaluate[chromedp.Void](`navigator.serviceWorker.getRegistration().then(r => r.update())`, chromedp.EvalAwaitPromise))
	p.poll(`document.getElementById("update") !== null`)
	// The reader's page was not reloaded under them; the control does it.
	if _, err := chromedp.Run(p.ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.ID("update")))); err != nil {
		t.Fatal(err)
	}
	p.waitReady()
	if after := eval[string](p, `goappEnv.GOAPP_VERSION`); after == before {
		t.Errorf("still version %s after the update", after)
	}
}

// TestStaticSiteUnderAPrefix publishes the site under /claimmark/, as a
// project's GitHub Pages would.
func TestStaticSiteUnderAPrefix(t *testing.T) {
	if skipReason != "" {
		t.Skip(skipReason)
	}
	if _, err := staticSite(); err != nil { // sets the quick brotli
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := static.Build(siteRoot, dir, "/claimmark"); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/claimmark/", http.StripPrefix("/claimmark", static.Handler(dir)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	p := openURL(t, srv.URL+"/claimmark/")
	p.dragSelect(oilPhrase)
	p.press("c")
	p.waitItems(1)
	outside := eval[[]string](p, `performance.getEntriesByType("resource").map(e => new URL(e.name).pathname).filter(p => !p.startsWith("/claimmark/"))`)
	if len(outside) > 0 {
		t.Errorf("fetched outside the prefix: %q", outside)
	}
}

// TestTextShowsBeforeTheWasm keeps the wasm from arriving: the prerendered
// text is on the screen all the same, above go-app's loader, which stands
// at the foot of the window.
func TestTextShowsBeforeTheWasm(t *testing.T) {
	if skipReason != "" {
		t.Skip(skipReason)
	}
	ctx, cancel, err := chrome.New(context.Background(), chromePath)
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	defer cancelTimeout()
	p := &page{t: t, ctx: ctx, close: cancel}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{{URLPattern: siteURL + "/web/app.wasm", Block: true}}}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Navigate(siteURL + "/"))
	p.poll(`document.getElementById("app-wasm-loader") !== null && document.querySelector("#document p") !== null`)
	got := eval[map[string]string](p, `(() => {
		const para = document.querySelector("#document p"), r = para.getBoundingClientRect();
		const at = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height, 40) / 2);
		const loader = document.getElementById("app-wasm-loader").getBoundingClientRect();
		return {at: at === para || para.contains(at) ? "the text" : at.id || at.className, loader: Math.round(loader.top) + "–" + Math.round(loader.bottom) + " of " + innerHeight};
	})()`)
	if got["at"] != "the text" {
		t.Errorf("before the wasm, the first paragraph is under %q (the loader stands at %s)", got["at"], got["loader"])
	}
	if eval[bool](p, `document.documentElement.hasAttribute("data-claimmark-ready")`) {
		t.Error("the app ran without its wasm: the test did not hold it back")
	}
}
