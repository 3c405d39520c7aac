package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

// badFile is an import that must be refused: want is part of the message.
type badFile struct{ name, content, want string }

// badFiles returns the corpus of bad imports, most made by spoiling one
// part of a good export of the post.
func badFiles(t *testing.T) []badFile {
	t.Helper()
	d, err := document.New(postText(t))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	start := len([]rune(d.Text[:strings.Index(d.Text, oilPhrase)]))
	a := annotation.New(d, annotation.Claim, start, start+len([]rune(oilPhrase)), at)
	a.ID = "11111111-1111-4111-8111-111111111111"
	var buf bytes.Buffer
	format.Encode(&buf, d, []annotation.Annotation{a}, at)
	good := buf.String()
	spoil := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("the export has no %q", old)
		}
		return strings.Replace(good, old, new, 1)
	}
	buf.Reset()
	format.EncodeWebAnnotation(&buf, d, []annotation.Annotation{a})
	w3c := buf.String()
	w3cSpoil := func(old, new string) string {
		if !strings.Contains(w3c, old) {
			t.Fatalf("the W3C export has no %q", old)
		}
		return strings.Replace(w3c, old, new, 1)
	}
	buf.Reset()
	format.EncodeBackup(&buf, []format.BackupDocument{{Doc: d, Annotations: []annotation.Annotation{a}}}, at)
	backup := buf.String()

	tag := `"tag": "claim"`
	return []badFile{
		{"empty.json", "", "the file ends too soon"},
		{"text.json", "These are not annotations.", "invalid JSON"},
		{"truncated.json", good[:len(good)/2], "never ends"},
		{"null.json", "null", "null"},
		{"number.json", "42", "not annotations: the file is a number"},
		{"string.json", `"claimmark"`, "not annotations: the file is a string"},
		{"format.json", spoil(`"format": "claimmark"`, `"format": "claimmark2"`), "not a claimmark file"},
		{"version.json", spoil(`"version": 2`, `"version": 7`), "version: 7 is not supported"},
		{"syntax.json", "{\n  \"format\": \"claimmark\",\n  \"version\": 1,,\n}", "line 3, column"},
		{"trailing.json", good + "}", "unexpected data after the JSON value"},
		{"repeated.json", spoil(tag, tag+`, "tag": "evidence"`), `"tag" appears twice`},
		{"case.json", spoil(tag, tag+`, "TAG": "evidence"`), "differ only in case"},
		{"unknown-key.json", spoil(tag, tag+`, "color": "red"`), "color"},
		{"bad-tag.json", spoil(tag, `"tag": "clam"`), `"clam" is not claim, evidence or prediction`},
		{"tag-case.json", spoil(tag, `"tag": "Claim"`), "is not claim"},
		{"exact.json", spoil(`"exact": "China is a major`, `"exact": "China is a minor`), "is not the text at"},
		{"start-after-end.json", spoil(fmt.Sprintf(`"start": %d`, a.Start), fmt.Sprintf(`"start": %d`, a.End+5)), "not after start"},
		{"negative.json", spoil(fmt.Sprintf(`"start": %d`, a.Start), `"start": -5`), "negative"},
		{"past-end.json", spoil(fmt.Sprintf(`"end": %d`, a.End), `"end": 99999999`), "past the end"},
		{"huge-number.json", spoil(fmt.Sprintf(`"end": %d`, a.End), `"end": 1e400`), "whole number"},
		{"string-number.json", spoil(fmt.Sprintf(`"end": %d`, a.End), fmt.Sprintf(`"end": "%d"`, a.End)), "whole number"},
		{"empty-id.json", spoil(`"id": "`+a.ID+`"`, `"id": ""`), "id: is empty"},
		{"control-id.json", spoil(`"id": "`+a.ID+`"`, `"id": "a\tb"`), "control character"},
		{"created.json", spoil(`"created": "2026-11-28T09:00:00.000Z"`, `"created": "yesterday"`), "RFC 3339"},
		{"hash.json", spoil(`"sha256": "`+d.SHA256+`"`, `"sha256": "`+strings.Repeat("0", 64)+`"`), "sha256"},
		{"edited-text.json", spoil(`"text": "Post #374`, `"text": "Post #375`), "sha256"},
		{"long-note.json", spoil(`"note": ""`, `"note": "`+strings.Repeat("n", annotation.MaxNoteLen+1)+`"`), "note"},
		{"too-large.json", good + strings.Repeat(" ", format.MaxFileSize), "larger than 32 MB"},
		{"deep.json", strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000), "deep"},
		{"deep-object.json", strings.Repeat(`{"a":`, 100_000), "nested more than 64 deep"},
		{"deep-value.json", `{"x": ` + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + `, "format": "claimmark"}`, "nested more than 64 deep"},
		{"utf16.json", "\xff\xfe{\x00}\x00", "UTF-8"},
		{"bad-utf8.json", spoil(`"note": ""`, "\"note\": \"\xff\xfe\""), "UTF-8"},
		{"w3c-no-target.jsonld", w3cSpoil(`"target"`, `"targot"`), "target"},
		{"w3c-tag.jsonld", w3cSpoil(`"value": "claim"`, `"value": "opinion"`), "(no claim, evidence or prediction tag: 1)"},
		{"w3c-no-exact.jsonld", w3cSpoil(`"exact"`, `"exakt"`), "exact"},
		{"w3c-type.jsonld", w3cSpoil(`"type": "Annotation"`, `"type": "Bookmark"`), "Annotation"},
		{"w3c-long-notes.jsonld", w3cSpoil(`"value": "claim"
          }`, `"value": "claim"
          }, {"purpose": "commenting", "value": "`+strings.Repeat("a", 9000)+`"}, {"purpose": "commenting", "value": "`+strings.Repeat("b", 9000)+`"}, {"purpose": "commenting", "value": "`+strings.Repeat("c", 9000)+`"}`), "27004 characters; a note holds up to 10000"},
		{"no-annotations-array.jsonld", "[]", "holds no annotations"},
		{"no-annotations-page.jsonld", `{"type": "AnnotationPage", "items": []}`, "holds no annotations"},
		{"backup-version.json", strings.Replace(backup, `"version": 1,`, `"version": 9,`, 1), "version"},
		{"backup-bad-document.json", strings.Replace(backup, `"tag": "claim"`, `"tag": "clam"`, 1), "documents[0]"},
	}
}

// TestBadImportsChangeNothing drops every file of the corpus on a page
// with an annotation: each is refused with a message naming the problem,
// and neither the page nor what is stored changes.
func TestBadImportsChangeNothing(t *testing.T) {
	files := badFiles(t)
	if len(files) < 30 {
		t.Fatalf("the corpus has %d files", len(files))
	}
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.waitItems(1)
	p.waitSaved()
	before := p.dump()
	for _, f := range files {
		p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector(".message .dismiss")?.click()`))
		p.poll(`document.querySelector(".message[role=alert]") === null`)
		p.importFile(f.name, f.content)
		p.poll(`document.querySelector(".message[role=alert]") !== null`)
		msg := p.message()
		if !strings.Contains(msg, f.name) || !strings.Contains(msg, "Nothing was changed") || !strings.Contains(msg, f.want) {
			t.Errorf("%s: message %.300q, want one with the file's name, %q and that nothing changed", f.name, msg, f.want)
		}
	}
	if got := p.list(); len(got) != 1 || got[0].Quote != oilPhrase {
		t.Errorf("list after bad imports: %+v", got)
	}
	if after := p.dump(); after != before {
		t.Errorf("a bad import changed what is stored:\n%.500s\n%.500s", before, after)
	}
	// None stopped the app: the reader tags on.
	p.dragSelect(exercisesPhrase)
	p.press("e")
	p.waitItems(2)
	p.waitSaved()
}

// TestBadFilesRefusedByTheCommand runs 'claimmark validate' and 'convert'
// on the corpus: each refuses the file, with the same reason as the app.
func TestBadFilesRefusedByTheCommand(t *testing.T) {
	dir := t.TempDir()
	for _, f := range badFiles(t) {
		path := filepath.Join(dir, f.name)
		if err := os.WriteFile(path, []byte(f.content), 0o644); err != nil {
			t.Fatal(err)
		}
		out, _, status := runCLI("validate", path)
		backup := strings.HasPrefix(f.name, "backup-")        // a backup is not an export: refused as one
		empty := strings.HasPrefix(f.name, "no-annotations-") // the app refuses an empty import; validate says ok, 0
		switch {
		case empty:
			if status != 0 || !strings.Contains(out, "0 annotations") {
				t.Errorf("validate %s: status %d, %q", f.name, status, out)
			}
		case status != 1 || (!backup && !strings.Contains(out, f.want)):
			t.Errorf("validate %s: status %d, %.300q, want %q", f.name, status, out, f.want)
		}
		if _, errOut, status := runCLI("convert", "-to", "csv", path); !empty && status != 1 {
			t.Errorf("convert %s: status %d, %.200q", f.name, status, errOut)
		}
	}
}

// dump returns everything stored in the app's database, as JSON.
func (p *page) dump() string {
	p.t.Helper()
	// Opening a database that is not there would make an empty one.
	return eval[string](p, `indexedDB.databases().then(dbs => !dbs.some(d => d.name === "claimmark") ? "{}" : new Promise((resolve, reject) => {
		const open = indexedDB.open("claimmark");
		open.onerror = () => reject(open.error);
		open.onsuccess = () => {
			const db = open.result, names = [...db.objectStoreNames], out = {};
			const tx = db.transaction(names);
			for (const n of names) tx.objectStore(n).getAll().onsuccess = e => { out[n] = e.target.result; };
			tx.oncomplete = () => { db.close(); resolve(JSON.stringify(out)); };
		};
	}))`)
}
