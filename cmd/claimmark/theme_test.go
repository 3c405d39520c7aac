package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Browser tests of the colour themes: light and dark, chosen by the
// system or by the reader, and Windows' forced colours.

// emulateMedia makes the page see a media feature, such as
// prefers-color-scheme: dark; "" clears it.
func (p *page) emulateMedia(name, value string) {
	p.t.Helper()
	var features []*emulation.MediaFeature
	if value != "" {
		features = append(features, &emulation.MediaFeature{Name: name, Value: value})
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features}); err != nil {
		p.t.Fatal(err)
	}
}

// rgba is a colour as the browser computes it, each part 0 to 1.
type rgba struct{ R, G, B, A float64 }

// colour reads a computed colour property of an element or of one of its
// highlights (pseudo "::highlight(claim)").
func (p *page) colour(selector, pseudo, property string) rgba {
	p.t.Helper()
	parts := eval[[]float64](p, fmt.Sprintf(`(() => {
		const v = getComputedStyle(document.querySelector(%q), %q || null)[%q];
		const n = (v.match(/[\d.]+/g) || []).map(Number);
		return [n[0] / 255, n[1] / 255, n[2] / 255, n.length > 3 ? n[3] : 1];
	})()`, selector, pseudo, property))
	return rgba{parts[0], parts[1], parts[2], parts[3]}
}

// over lays c on an opaque background.
func (c rgba) over(bg rgba) rgba {
	mix := func(a, b float64) float64 { return c.A*a + (1-c.A)*b }
	return rgba{mix(c.R, bg.R), mix(c.G, bg.G), mix(c.B, bg.B), 1}
}

// luminance is WCAG's relative luminance.
func (c rgba) luminance() float64 {
	lin := func(v float64) float64 {
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

func contrast(a, b rgba) float64 {
	la, lb := a.luminance(), b.luminance()
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func (c rgba) String() string {
	return fmt.Sprintf("rgb(%.0f %.0f %.0f / %.2f)", 255*c.R, 255*c.G, 255*c.B, c.A)
}

func TestThemesKeepTheirContrast(t *testing.T) {
	p := openApp(t)
	text := "#document p"
	for _, scheme := range []string{"light", "dark"} {
		p.emulateMedia("prefers-color-scheme", scheme)
		paper, ink := p.colour("body", "", "backgroundColor"), p.colour("body", "", "color")
		if dark := paper.luminance() < 0.1; dark != (scheme == "dark") {
			t.Errorf("%s: the page is %v", scheme, paper)
		}
		selected := p.colour(text, "::highlight(selected)", "backgroundColor")
		for _, tag := range []string{"claim", "evidence", "prediction"} {
			hl := p.colour(text, "::highlight("+tag+")", "backgroundColor")
			line := p.colour(text, "::highlight("+tag+")", "textDecorationColor")
			if hl.A == 0 || hl.A == 1 {
				t.Errorf("%s %s: highlight %v is not a tint", scheme, tag, hl)
			}
			behind := hl.over(paper)
			if r := contrast(ink, behind); r < 4.5 {
				t.Errorf("%s %s: text on the highlight %.2f:1", scheme, tag, r)
			}
			if r := contrast(ink, selected.over(behind)); r < 4.5 {
				t.Errorf("%s %s: text on the selected highlight %.2f:1", scheme, tag, r)
			}
			if r := contrast(line, paper); r < 3 {
				t.Errorf("%s %s: underline %v against the page %.2f:1", scheme, tag, line, r)
			}
		}
		cursor, onCursor := p.colour(text, "::highlight(reading-cursor)", "backgroundColor"), p.colour(text, "::highlight(reading-cursor)", "color")
		if r := contrast(onCursor, cursor.over(paper)); r < 4.5 {
			t.Errorf("%s: the reading cursor %.2f:1", scheme, r)
		}
	}

	// The reader's choice overrides the system's, and is kept.
	p.emulateMedia("prefers-color-scheme", "dark")
	p.clickButton(".panel", "Colours: System") // to Light
	p.poll(`document.documentElement.dataset.theme === "light"`)
	if paper := p.colour("body", "", "backgroundColor"); paper.luminance() < 0.5 {
		t.Errorf("light chosen on a dark system: the page is %v", paper)
	}
	p.do(chromedp.Reload())
	p.waitReady()
	if paper := p.colour("body", "", "backgroundColor"); paper.luminance() < 0.5 {
		t.Errorf("after a reload, the page is %v", paper)
	}
	if got := eval[string](p, `document.querySelector("button.theme").textContent`); got != "Colours: Light" {
		t.Errorf("after a reload, the theme control says %q", got)
	}

	// Forced colours: the tags stay apart by underline style.
	p.emulateMedia("forced-colors", "active")
	styles := map[string]bool{}
	for _, tag := range []string{"claim", "evidence", "prediction"} {
		style := eval[string](p, fmt.Sprintf(`getComputedStyle(document.querySelector(%q), "::highlight(%s)").textDecorationStyle`, text, tag))
		styles[style] = true
	}
	if len(styles) != 3 {
		t.Errorf("under forced colours the tags' underlines are %v", styles)
	}
}
