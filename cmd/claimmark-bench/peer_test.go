package main

import (
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/cmd/internal/workload"
)

// TestPeerPositions checks that the annotations given to the peer point,
// in the UTF-16 units of its page's text, at the passages claimmark has,
// astral code points included.
func TestPeerPositions(t *testing.T) {
	d, err := document.New("Emoji 😀 first. Then the claim here.\n\nA second 😀😀 paragraph, its evidence.")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	find := func(s string) int {
		i := strings.Index(d.Text, s)
		return d.RuneOffset(i)
	}
	claim := annotation.New(d, annotation.Claim, find("the claim"), find("the claim")+14, at)
	evidence := annotation.New(d, annotation.Evidence, find("evidence"), find("evidence")+8, at)
	across := annotation.New(d, annotation.Prediction, find("here."), find("A second")+1, at)
	data, paras, err := peerAnnotations(d, []annotation.Annotation{claim, evidence, across})
	if err != nil {
		t.Fatal(err)
	}
	var page []uint16
	for _, p := range paras {
		page = append(page, utf16.Encode([]rune(p))...)
	}
	for i, want := range []string{"the claim here", "evidence", "here.A"} {
		sel := data.Annotations[i].Target.Selector
		s, e := sel[1]["start"].(int), sel[1]["end"].(int)
		if got := string(utf16.Decode(page[s:e])); got != want || sel[0]["exact"] != want {
			t.Errorf("annotation %d: the page's text at %d–%d is %q, the quote %q; want %q", i, s, e, got, sel[0]["exact"], want)
		}
	}
	// Each 😀 counts two units: one before the claim, three before the
	// evidence.
	if s := data.Annotations[0].Target.Selector[1]["start"].(int); s != claim.Start+1 {
		t.Errorf("the claim starts at %d UTF-16 units, at code point %d", s, claim.Start)
	}
	if s := data.Annotations[1].Target.Selector[1]["start"].(int); s != evidence.Start-2+3 {
		t.Errorf("the evidence starts at %d UTF-16 units, at code point %d", s, evidence.Start)
	}

	big, err := document.New(workload.Text(1<<20, 3))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := peerAnnotations(big, workload.Words(big, 10000)); err != nil {
		t.Errorf("the bench's workload: %v", err)
	}
}
