package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/classroom"
)

// TestTeacherComparesTheClass loads a handout with three submissions and
// two bad files at once, and checks the app's table, figures and heat map
// against what 'claimmark grade' prints for the same files.
func TestTeacherComparesTheClass(t *testing.T) {
	handout, subs := writeClass(t)
	out, _, _ := runCLI(append([]string{"grade", "-format", "json", handout}, subs...)...)
	var want struct {
		Alpha map[string]struct{ Value *float64 }
		Pairs []struct {
			A, B  string
			Kappa struct{ Value *float64 }
		}
	}
	if err := json.Unmarshal([]byte(out), &want); err != nil {
		t.Fatal(err)
	}
	wantCSV, _, _ := runCLI(append([]string{"grade", "-format", "csv", handout}, subs...)...)

	p := openApp(t)
	p.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), append([]string{handout}, subs...)))
	p.poll(`document.querySelectorAll(".class table.students tbody tr").length === 3`)
	p.poll(`document.querySelector("#document h1")?.textContent === "Oil and power"`)
	if got := eval[[]string](p, `[...document.querySelectorAll(".class .rejected li")].map(li => li.textContent)`); len(got) != 2 || !strings.Contains(got[0], "Dee.submission.json") || !strings.Contains(got[1], "notes.txt") {
		t.Errorf("rejected %q", got)
	}
	rows := eval[[]string](p, `[...document.querySelectorAll(".class table.students tbody tr")].map(tr => [...tr.children].map(td => td.textContent).join(","))`)
	if strings.Join(rows, "\n") != "Ana,1,1,1,3/3,1.00,1.00,1.00\nBen,2,0,0,1/3,0.50,0.33,0.40\nCy,0,1,0,1/3,1.00,0.33,0.50" {
		t.Errorf("table:\n%s", strings.Join(rows, "\n"))
	}
	for name, key := range map[string]string{"overall": "overall", "claim": "claim", "evidence": "evidence", "prediction": "prediction"} {
		got := eval[string](p, fmt.Sprintf(`document.querySelector('[data-alpha=%q] dd').textContent`, name))
		if v := want.Alpha[key].Value; v == nil || got != fmt.Sprintf("%.2f", *v) {
			t.Errorf("alpha %s: app %s, grade %v", name, got, v)
		}
	}
	pairs := eval[[]string](p, `[...document.querySelectorAll(".class .pairs li")].map(li => li.textContent)`)
	for i, pr := range want.Pairs {
		if w := fmt.Sprintf("%s / %s: %.2f", pr.A, pr.B, *pr.Kappa.Value); i >= len(pairs) || pairs[i] != w {
			t.Errorf("pair %d: app %q, grade %q", i, pairs, w)
		}
	}

	// The heat map: every word some student tagged is shaded, the words
	// all three tagged darkest.
	heat := eval[[]int](p, `[1, 2, 3, 4].map(i => CSS.highlights.get("heat-" + i)?.size || 0)`)
	if total := heat[0] + heat[1] + heat[2] + heat[3]; total != 14 || heat[3] != 0 {
		t.Errorf("heat map %v", heat)
	}
	p.clickPhrase("sells")
	p.poll(`document.querySelector(".class .word")?.textContent === "“sells” Claim: Ana, Ben"`)

	// Ben next to the key.
	p.clickButton(".class table.students", "Ben")
	p.poll(`document.querySelector(".student-view h3")?.textContent === "Ben’s passages"`)
	if got := eval[int](p, `document.querySelectorAll('.student-view ol[aria-label="Ben"] li.matched').length`); got != 1 {
		t.Errorf("%d of Ben's passages shown as matched", got)
	}

	_, csv := p.download(func() { p.clickButton(".class .actions", "Export CSV") })
	if string(csv) != wantCSV {
		t.Errorf("CSV from the app:\n%s\nfrom grade:\n%s", csv, wantCSV)
	}
}

// TestTeacherSeesLinkScores loads a handout whose key has links, with
// two submissions, and reads each student's link scores in the table, as
// 'claimmark grade' prints them, and in the CSV the panel exports.
func TestTeacherSeesLinkScores(t *testing.T) {
	handout, subs := writeLinkedClass(t)
	wantCSV, _, _ := runCLI(append([]string{"grade", "-format", "csv", handout}, subs...)...)
	if !strings.Contains(wantCSV, "link") {
		t.Fatalf("grade's CSV has no link columns:\n%s", wantCSV)
	}

	p := openApp(t)
	p.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), append([]string{handout}, subs...)))
	p.poll(`document.querySelectorAll(".class table.students tbody tr").length === 2`)
	header := eval[[]string](p, `[...document.querySelectorAll(".class table.students thead th")].map(th => th.textContent)`)
	if !slices.Equal(header[len(header)-4:], []string{"Links matched", "Link precision", "Link recall", "Link F1"}) {
		t.Errorf("header %q", header)
	}
	rows := eval[[]string](p, `[...document.querySelectorAll(".class table.students tbody tr")].map(tr => [...tr.children].map(td => td.textContent).join(","))`)
	if strings.Join(rows, "\n") != "Ada,1,1,1,3/3,1.00,1.00,1.00,2/2,1.00,1.00,1.00\nBen,1,1,0,2/3,1.00,0.67,0.80,0/2,0.00,0.00,0.00" {
		t.Errorf("table:\n%s", strings.Join(rows, "\n"))
	}
	if got := eval[string](p, `document.querySelector(".class ul.explain").textContent`); !strings.Contains(got, classroom.ExplainLinks) {
		t.Errorf("the panel does not say how links are matched: %q", got)
	}
	_, csv := p.download(func() { p.clickButton(".class .actions", "Export CSV") })
	if string(csv) != wantCSV {
		t.Errorf("CSV from the app:\n%s\nfrom grade:\n%s", csv, wantCSV)
	}
}

// TestTeacherReadsPlainWords checks that each figure of the comparison
// says what it means: alpha on Krippendorff's scale, the rule for a match,
// a legend of the heat map, who tagged a word beside it, and each of a
// student's passages marked against the key.
func TestTeacherReadsPlainWords(t *testing.T) {
	handout, subs := writeClass(t)
	out, _, _ := runCLI(append([]string{"grade", "-format", "json", handout}, subs...)...)
	var want struct {
		Alpha map[string]struct{ Value *float64 }
	}
	if err := json.Unmarshal([]byte(out), &want); err != nil {
		t.Fatal(err)
	}
	p := openApp(t)
	p.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), append([]string{handout}, subs...)))
	p.poll(`document.querySelectorAll(".class table.students tbody tr").length === 3`)
	for _, key := range []string{"overall", "claim", "evidence", "prediction"} {
		v := want.Alpha[key].Value
		verdict := classroom.AlphaVerdict(0, false)
		if v != nil {
			verdict = classroom.AlphaVerdict(*v, true)
		}
		if got := eval[string](p, fmt.Sprintf(`document.querySelector('[data-alpha=%q] dd.verdict').textContent`, key)); got != verdict {
			t.Errorf("alpha %s (%v): %q, want %q", key, v, got, verdict)
		}
	}
	explained := eval[string](p, `[...document.querySelectorAll(".class .explain")].map(e => e.textContent).join("\n")`)
	for _, line := range []string{classroom.ExplainMatch, classroom.ExplainPrecision, classroom.ExplainRecall, classroom.ExplainF1, classroom.ExplainAlpha, classroom.ExplainKappa} {
		if !strings.Contains(explained, line) {
			t.Errorf("no line %q", line)
		}
	}
	legend := eval[[]string](p, `[...document.querySelectorAll(".heat-legend li")].map(li => li.textContent)`)
	if strings.Join(legend, "|") != "tagged by 1 of 3 students: 2 words|tagged by 2 of 3 students: 12 words|tagged by 3 of 3 students: 0 words" {
		t.Errorf("legend %q", legend)
	}

	// Who tagged a word shows beside it.
	p.clickPhrase("sells")
	p.poll(`document.querySelector(".class .word")?.textContent === "“sells” Claim: Ana, Ben"`)
	p.do(chromedp.Sleep(100 * time.Millisecond)) // placed after it is drawn
	gap := eval[[]float64](p, `(() => {
		const pop = document.querySelector(".class .word").getBoundingClientRect();
		const r = document.createRange(), text = document.querySelector("#document p").firstChild;
		const at = text.textContent.indexOf("sells");
		r.setStart(text, at); r.setEnd(text, at + 5);
		const word = r.getBoundingClientRect();
		return [pop.top - word.bottom, pop.left - word.left];
	})()`)
	if gap[0] < 0 || gap[0] > 20 || gap[1] < -200 || gap[1] > 8 {
		t.Errorf("the popover stands %v px below and %v px right of the word", gap[0], gap[1])
	}

	// Ben beside the key: his prediction tagged as a claim says so.
	p.clickButton(".class table.students", "Ben")
	p.poll(`document.querySelector(".student-view h3")?.textContent === "Ben’s passages"`)
	marks := eval[[]string](p, `[...document.querySelectorAll(".student-view li .mark")].map(m => m.textContent)`)
	joined := strings.Join(marks, "|")
	for _, w := range []string{"✓ matched: ", "≠ tagged as Claim; the key says Prediction: ", "✗ missed: "} {
		if !strings.Contains(joined, w) {
			t.Errorf("marks %q lack %q", marks, w)
		}
	}
}
