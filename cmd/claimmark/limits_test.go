package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/cmd/internal/workload"
)

// TestLimits opens a text of 5 MB and gives a text 20,000 annotations,
// claimmark's limits, then tries to pass each.
func TestLimits(t *testing.T) {
	p := openApp(t)

	// A text of 5 MB opens and takes annotations; one byte more is refused.
	big := workload.Text(document.MaxSize-4000, 11)
	big = big[:min(len(big), document.MaxSize)]
	big += strings.Repeat("z", document.MaxSize-len(big))
	p.drop("big.txt", "text/plain", big)
	p.poll(`document.querySelector("#document h1")?.textContent === "A generated text for benchmarks"`)
	p.dragSelect("A generated text")
	p.press("c")
	p.waitItems(1)
	p.waitSaved()
	p.drop("bigger.txt", "text/plain", big+"z")
	p.poll(`document.querySelector(".message[role=alert]")?.textContent.includes("up to 5 MB")`)
	p.waitItems(1)

	// A text with 20,000 annotations, restored from a backup after the
	// text is opened.
	d, err := document.New(workload.Text(200_000, 5))
	if err != nil {
		t.Fatal(err)
	}
	as := workload.Words(d, annotation.MaxPerText)
	if len(as) != annotation.MaxPerText {
		t.Fatalf("the workload made %d annotations", len(as))
	}
	backup := func(as []annotation.Annotation) string {
		var buf bytes.Buffer
		if err := format.EncodeBackup(&buf, []format.BackupDocument{{Doc: d, Annotations: as}}, time.Now()); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	p.clickButton("header", "Paste text")
	p.poll(`document.getElementById("paste-text") !== null`)
	p.do(chromedp.SetValue(chromedp.ID("paste-text"), d.Text))
	p.clickButton(".paste", "Open")
	p.poll(`document.querySelector(".message")?.textContent.includes("Opened the pasted text")`)

	// One more than the limit is refused whole.
	over := append(as[:len(as):len(as)], annotation.New(d, annotation.Claim, 2, 11, time.Now()))
	p.drop("over.json", "application/json", backup(over))
	p.poll(`document.querySelector(".message[role=alert]")?.textContent.includes("a text holds up to 20000")`)
	p.waitItems(0)

	p.drop("many.json", "application/json", backup(as))
	p.poll(`document.querySelector('[data-filter=""] .count')?.textContent === "20000"`)
	p.waitSaved()
	p.dragSelect("A generated text")
	p.press("e")
	p.poll(`document.querySelector(".message[role=alert]")?.textContent.includes("as many as claimmark keeps")`)

	p.do(chromedp.Reload())
	p.waitReady()
	p.poll(`document.querySelector('[data-filter=""] .count')?.textContent === "20000"`)
	if n := p.stored(); n != annotation.MaxPerText+1 {
		t.Errorf("%d annotations stored, want %d and the one on the 5 MB text", n, annotation.MaxPerText+1)
	}
}
