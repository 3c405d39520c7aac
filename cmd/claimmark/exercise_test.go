package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestHandoutAndHandIn makes a handout with a key of the post, opens it
// as a student in another browser, hands in, and grades the submission
// with the command line.
// makeHandout has a teacher tag the post's claim (oilPhrase) and evidence
// (exercisesPhrase), then save a handout of it from the form, once fill
// has set the form's fields; it returns the teacher's page and the file.
func makeHandout(t *testing.T, fill func(p *page)) (*page, string, []byte) {
	t.Helper()
	teacher := openApp(t)
	teacher.dragSelect(oilPhrase)
	teacher.press("c")
	teacher.dragSelect(exercisesPhrase)
	teacher.press("e")
	teacher.waitSaved()
	name, data := teacher.download(func() {
		teacher.clickButton("header", "Export")
		teacher.clickButton(".menu", "Handout for a class…")
		teacher.poll(`document.getElementById("handout-key") !== null`)
		fill(teacher)
		teacher.clickButton(".make-handout", "Save handout")
	})
	return teacher, name, data
}

func TestHandoutAndHandIn(t *testing.T) {
	_, handoutName, handout := makeHandout(t, func(teacher *page) {
		teacher.do(chromedp.SetValue(chromedp.ID("handout-title"), "Week 3: aid"))
		teacher.do(chromedp.SetValue(chromedp.ID("handout-instructions"), "Tag the claims and their evidence."))
		teacher.do(chromedp.Click(chromedp.ID("handout-use-prediction")))
		teacher.do(chromedp.Click(chromedp.ID("handout-key")))
		teacher.do(chromedp.Click(chromedp.ID("handout-show-key")))
	})
	if handoutName != "Week 3 aid.handout.json" || !strings.Contains(string(handout), `"key": true`) || strings.Contains(string(handout), `"tag": "prediction", "definition"`) {
		t.Fatalf("handout %s:\n%.600s", handoutName, handout)
	}
	dir := t.TempDir()
	handoutPath := filepath.Join(dir, handoutName)
	os.WriteFile(handoutPath, handout, 0o644)

	student := openApp(t)
	student.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{handoutPath}))
	student.poll(`document.querySelector(".exercise h2")?.textContent === "Exercise: Week 3: aid"`)
	if got := eval[string](student, `document.querySelector(".exercise").textContent`); !strings.Contains(got, "Tag the claims and their evidence.") || !strings.Contains(got, "What the author asserts to be so.") || strings.Contains(got, "will happen") {
		t.Errorf("exercise %q", got)
	}
	// The key is not shown before hand-in.
	student.waitItems(0)
	if eval[int](student, `CSS.highlights.get("claim").size + CSS.highlights.get("evidence").size`) != 0 {
		t.Error("the key is painted for the student")
	}
	if eval[bool](student, `[...document.querySelectorAll(".exercise button")].some(b => b.textContent === "Compare with the key")`) {
		t.Error("the key can be seen before hand-in")
	}
	student.dragSelect(oilPhrase)
	student.press("c")
	student.waitItems(1)
	student.clickButton(".exercise", "Hand in")
	student.poll(`document.querySelector(".message[role=alert]")?.textContent.includes("Write your name")`)
	student.do(chromedp.SetValue(chromedp.ID("student-name"), "Ana Lima"))
	subName, sub := student.download(func() { student.clickButton(".exercise", "Hand in") })
	if subName != "Week 3 aid.Ana Lima.submission.json" {
		t.Errorf("submission named %q", subName)
	}
	student.poll(`document.querySelector(".handed-in").textContent.includes("as Ana Lima")`)
	student.clickButton(".exercise", "Compare with the key")
	student.poll(`document.querySelector(".key-comparison")?.textContent.includes("1 of your 1 passages match one of the key's 2")`)

	// A reload keeps the exercise.
	student.do(chromedp.Reload())
	student.waitReady()
	student.poll(`document.querySelector(".handed-in")?.textContent.includes("as Ana Lima")`)

	subPath := filepath.Join(dir, subName)
	os.WriteFile(subPath, sub, 0o644)
	out, errOut, status := runCLI("grade", "-format", "json", handoutPath, subPath)
	if status != 0 {
		t.Fatalf("grade: %s", errOut)
	}
	var r struct {
		Students []struct {
			Name    string
			Matched int
		}
		Rejected []any
	}
	json.Unmarshal([]byte(out), &r)
	if len(r.Students) != 1 || r.Students[0].Name != "Ana Lima" || r.Students[0].Matched != 1 || len(r.Rejected) != 0 {
		t.Errorf("grade: %s", out)
	}
}
