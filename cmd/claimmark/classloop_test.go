package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestClassLoop runs a whole exercise in browsers: the teacher makes a
// handout with a key, three students each open it in their own browser and
// hand in, and the teacher compares the three submissions and a bad file.
func TestClassLoop(t *testing.T) {
	dir := t.TempDir()
	save := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const (
		claim    = oilPhrase
		evidence = exercisesPhrase
	)
	teacher, name, data := makeHandout(t, func(p *page) { p.do(chromedp.Click(chromedp.ID("handout-key"))) })
	handout := save(name, data)

	// Each student tags differently: Ana as the key, Ben the claim as
	// evidence, Cy only the claim.
	work := map[string]func(p *page){
		"Ana": func(p *page) { p.dragSelect(claim); p.press("c"); p.dragSelect(evidence); p.press("e") },
		"Ben": func(p *page) { p.dragSelect(claim); p.press("e") },
		"Cy":  func(p *page) { p.dragSelect(claim); p.press("c") },
	}
	files := []string{handout}
	for _, student := range []string{"Ana", "Ben", "Cy"} {
		p := openApp(t)
		p.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{handout}))
		p.poll(`document.querySelector(".exercise h2") !== null`)
		work[student](p)
		p.do(chromedp.SetValue(chromedp.ID("student-name"), student))
		name, data := p.download(func() { p.clickButton(".exercise", "Hand in") })
		files = append(files, save(name, data))
		p.close()
	}
	files = append(files, save("broken.submission.json", []byte(`{"format": "claimmark-submission", "version": 1`)))

	teacher.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), files))
	teacher.poll(`document.querySelectorAll(".class table.students tbody tr").length === 3`)
	rows := eval[[]string](teacher, `[...document.querySelectorAll(".class table.students tbody tr")].map(tr => [...tr.children].map(td => td.textContent).join(","))`)
	if got := strings.Join(rows, "\n"); got != "Ana,1,1,0,2/2,1.00,1.00,1.00\nBen,0,1,0,0/2,0.00,0.00,0.00\nCy,1,0,0,1/2,1.00,0.50,0.67" {
		t.Errorf("table:\n%s", got)
	}
	if got := eval[[]string](teacher, `[...document.querySelectorAll(".class .rejected li")].map(li => li.textContent)`); len(got) != 1 || !strings.Contains(got[0], "broken.submission.json") {
		t.Errorf("rejected %q", got)
	}
	// The claim's words were tagged by all three, the evidence's by Ana.
	heat := eval[[]int](teacher, `[1, 2, 3, 4].map(i => CSS.highlights.get("heat-" + i)?.size || 0)`)
	claimWords, evidenceWords := len(strings.Fields(claim)), len(strings.Fields(evidence))
	if heat[3] != claimWords || heat[1] != evidenceWords || heat[0] != 0 || heat[2] != 0 {
		t.Errorf("heat map %v, want %d words at the top and %d at a third", heat, claimWords, evidenceWords)
	}
	teacher.clickPhrase("purchaser")
	teacher.poll(`document.querySelector(".class .word")?.textContent === "“purchaser” Claim: Ana, Cy; Evidence: Ben"`)

	// The same numbers from the command line.
	out, _, _ := runCLI(append([]string{"grade"}, files...)...)
	for _, want := range []string{"3 submissions, a key of 2 passages", "rejected broken.submission.json"} {
		if !strings.Contains(out, want) {
			t.Errorf("grade has no %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 2 && (f[0] == "overall" || f[0] == "Claim") {
			app := eval[string](teacher, `document.querySelector('[data-alpha="`+map[string]string{"overall": "overall", "Claim": "claim"}[f[0]]+`"] dd').textContent`)
			if app != f[1] {
				t.Errorf("alpha %s: app %s, grade %s", f[0], app, f[1])
			}
		}
	}

	// Printed, the comparison stands alone: no toolbar, no buttons.
	if _, err := chromedp.Call(teacher.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if got := eval[[]string](teacher, `[".toolbar", ".class .actions", ".panel", ".class table.students"].map(s => getComputedStyle(document.querySelector(s)).display)`); got[0] != "none" || got[1] != "none" || got[2] != "none" || got[3] == "none" {
		t.Errorf("print display %q", got)
	}
}
