package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

// The XSS corpus: payloads that would run script or change the page if
// any reached it as HTML, and text that strains layout. LONGLINE stands
// for a line of 200,000 letters with nowhere to break.
func xssCorpus(t *testing.T) (raw string, payloads []string) {
	t.Helper()
	b, err := os.ReadFile("testdata/xss.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &payloads); err != nil {
		t.Fatal(err)
	}
	if len(payloads) < 50 {
		t.Fatalf("the corpus has %d payloads", len(payloads))
	}
	for i, s := range payloads {
		if s == "LONGLINE" {
			payloads[i] = strings.Repeat("x", 200_000)
		}
	}
	return string(b), payloads
}

// trapScript counts any call of the dialogs that payloads use, and any
// script that runs and sets window.__xss.
const trapScript = `window.alert = window.confirm = window.prompt = () => { window.__xss = (window.__xss || 0) + 1; }`

type box struct{ Left, Top, Width float64 }

// layout is where the page's fixed parts are, and how wide it is.
type layout struct {
	Brand, Export, Panel box
	Overflow             float64
}

func (p *page) layout() layout {
	p.t.Helper()
	return eval[layout](p, `(() => {
		const box = sel => { const r = document.querySelector(sel).getBoundingClientRect(); return {Left: r.left, Top: r.top + scrollY, Width: r.width}; };
		return {Brand: box(".brand"), Export: box("#export-button"), Panel: box(".panel"),
			Overflow: document.documentElement.scrollWidth - innerWidth};
	})()`)
}

// checkSafe fails the test if anything ran or the page's layout moved.
func (p *page) checkSafe(step string, want layout) {
	p.t.Helper()
	type found struct {
		XSS      int
		Elements []string
		Handlers []string
	}
	f := eval[found](p, `(() => ({
		XSS: window.__xss || 0,
		Elements: [...document.body.querySelectorAll("script, img, svg, math, iframe, object, embed, video, audio, style, link, meta, base, form, details, marquee, a[href]")].map(e => e.outerHTML.slice(0, 80)),
		Handlers: [...document.querySelectorAll("*")].flatMap(e => [...e.attributes].filter(a => a.name.startsWith("on")).map(a => e.tagName + " " + a.name)),
	}))()`)
	if f.XSS != 0 || len(f.Elements) > 0 || len(f.Handlers) > 0 {
		p.t.Errorf("%s: a payload reached the page: %+v", step, f)
	}
	got := p.layout()
	if got.Overflow > 1 {
		p.t.Errorf("%s: the page is %.0f px wider than the window", step, got.Overflow)
	}
	if got.Brand != want.Brand || got.Export != want.Export || got.Panel.Left != want.Panel.Left || got.Panel.Width != want.Panel.Width {
		p.t.Errorf("%s: the layout moved: %+v, was %+v", step, got, want)
	}
}

func TestHostileInputIsOnlyText(t *testing.T) {
	raw, payloads := xssCorpus(t)
	p := openApp(t)
	p.do(chromedp.Evaluate[chromedp.Void](trapScript))
	want := p.layout()
	js := fmt.Sprintf(`%s.map(s => s === "LONGLINE" ? "x".repeat(200000) : s)`, raw)

	// A document made of the payloads, the first as its title.
	p.clickButton("header", "Paste text")
	p.poll(`document.getElementById("paste-text") !== null`)
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById("paste-text").value = %s.join("\n\n")`, js)))
	p.clickButton(".paste", "Open")
	p.poll(`document.querySelector("#document h1")?.textContent === "<script>alert(1)</script>"`)
	text := eval[string](p, `document.getElementById("document").textContent`)
	for _, s := range payloads {
		if s = document.Canonical(strings.ToValidUTF8(s, "\uFFFD")); !strings.Contains(text, strings.TrimSpace(s)) {
			t.Errorf("the text does not show %.60q as text", s)
		}
	}
	p.checkSafe("document", want)

	// Every payload as a note, typed into an annotation's note field.
	p.dragSelect("alert(1)")
	p.press("c")
	p.waitItems(1)
	for _, s := range payloads {
		p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const area = document.querySelector('li[aria-current="true"] textarea');
			area.value = %s;
			area.dispatchEvent(new Event("input", {bubbles: true}));
		})()`, jsonString(s))))
	}
	p.waitSaved()
	p.press("Escape")
	p.clickPhrase("window.__xss=1") // elsewhere: the note shows in the list
	p.poll(`document.querySelector('ol[aria-label="Annotations"] .note') !== null`)
	p.checkSafe("notes", want)

	// Imported files: claimmark JSON with the payloads as its text, title,
	// quotes and notes, then W3C with them as bodies.
	d, err := document.New(strings.Join(payloads, "\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	var as []annotation.Annotation
	at := time.Now()
	for i, b := range d.Blocks {
		if b.End > b.Start {
			a := annotation.New(d, annotation.Tags[i%3], b.Start, b.End, at)
			a.Note = payloads[i%len(payloads)]
			if len(a.Note) > annotation.MaxNoteLen {
				a.Note = a.Note[:annotation.MaxNoteLen]
			}
			as = append(as, a)
		}
	}
	var buf bytes.Buffer
	if err := format.Encode(&buf, d, as, at); err != nil {
		t.Fatal(err)
	}
	p.drop("payloads.claimmark.json", "application/json", buf.String())
	p.poll(`document.querySelector(".import h2") !== null`)
	p.checkSafe("import preview", want)
	p.clickButton(".import", "Merge") // the file's text is the one open
	p.waitSaved()
	p.poll(fmt.Sprintf(`document.querySelectorAll('ol[aria-label="Annotations"] > li').length >= %d`, min(len(as), 50)))
	p.checkSafe("imported claimmark JSON", want)

	buf.Reset()
	if err := format.EncodeWebAnnotation(&buf, d, as); err != nil {
		t.Fatal(err)
	}
	w3c := buf.String()
	for i, s := range payloads[:10] {
		// Titles and bodies as another tool might write them.
		w3c = strings.Replace(w3c, fmt.Sprintf(`"value": %s`, jsonString(as[i].Note)), `"value": `+jsonString(s+" "+payloads[len(payloads)-1-i]), 1)
	}
	p.drop("payloads.jsonld", "application/ld+json", w3c)
	p.poll(`document.querySelector(".import h2") !== null`)
	p.clickButton(".import", "Merge")
	p.waitSaved()
	p.checkSafe("imported W3C", want)

	// And after a reload, everything comes back as text.
	p.do(chromedp.Reload())
	p.waitReady()
	p.do(chromedp.Evaluate[chromedp.Void](trapScript))
	p.poll(`document.querySelector("#document h1")?.textContent === "<script>alert(1)</script>"`)
	p.checkSafe("reload", want)
}

// jsonString is s as a JSON string, which is also a JavaScript string
// literal.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
