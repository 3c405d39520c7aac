package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	appstore "github.com/claimmark/claimmark/app/store"
)

// saveState is what the toolbar says of saving: saved, saving, failed or
// outdated.
func (p *page) saveState() string {
	p.t.Helper()
	return eval[string](p, `document.querySelector(".save-state").dataset.state`)
}

// waitSaved waits until the last change is written.
func (p *page) waitSaved() {
	p.t.Helper()
	p.poll(`document.querySelector(".save-state")?.dataset.state === "saved"`)
}

// change does what changes the annotations and returns what became of
// the change: saved or failed.
// do makes n changes.
func (p *page) change(n int, do func()) string {
	p.t.Helper()
	before := eval[int](p, `+document.querySelector(".save-state").dataset.commits`)
	do()
	ctx, cancel := context.WithTimeout(p.ctx, pollTimeout)
	defer cancel()
	state, err := chromedp.Run(ctx, chromedp.Poll[string](fmt.Sprintf(`(s => +s.dataset.commits >= %d && ["saved", "failed"].includes(s.dataset.state) && s.dataset.state)(document.querySelector(".save-state"))`, before+n)))
	if err != nil {
		p.t.Fatalf("waiting for change to be saved or to fail: %v", err)
	}
	return state
}

// tagAndReload tags phrase with key, waits until it is saved, reloads,
// and waits for the list to show items.
func (p *page) tagAndReload(phrase, key string, items int) {
	p.t.Helper()
	p.dragSelect(phrase)
	p.press(key)
	p.waitSaved()
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitItems(items)
}

// stored counts the annotations in the app's database: the lines of the
// packs, and the rows over them, less the deleted.
func (p *page) stored() int {
	p.t.Helper()
	var all struct {
		Batches     []struct{ Doc, Lines string }
		Annotations []struct{ Doc, ID, Record string }
	}
	if err := json.Unmarshal([]byte(p.dump()), &all); err != nil {
		p.t.Fatal(err)
	}
	records := map[[2]string]string{}
	for _, b := range all.Batches {
		for line := range strings.SplitSeq(b.Lines, "\n") {
			id, record, _ := strings.Cut(line, "\t")
			records[[2]string{b.Doc, id}] = record
		}
	}
	for _, r := range all.Annotations {
		records[[2]string{r.Doc, r.ID}] = r.Record
	}
	n := 0
	for _, record := range records {
		if record != "" {
			n++
		}
	}
	return n
}

// TestEditsSurviveReloadAndRestart reloads the page the moment after each
// edit, before the write can be known to have finished, then closes the
// browser and starts it again on the same profile.
func TestEditsSurviveReloadAndRestart(t *testing.T) {
	profile := t.TempDir()
	p := openIn(t, siteURL+"/", profile)

	p.dragSelect(oilPhrase)
	p.press("c")
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitItems(1)

	p.selectByClick(oilPhrase)
	p.press("e")
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitItems(1)
	if got := p.list(); got[0].Tag != "evidence" {
		t.Fatalf("after retag and reload: %+v", got)
	}

	p.dragSelect(exercisesPhrase)
	p.press("p")
	p.press("\x7f") // DEL // the new annotation is selected
	p.waitItems(1)
	p.dragSelect(exercisesPhrase)
	p.press("c")
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitItems(2)

	p.waitSaved()
	p.close()
	p = openIn(t, siteURL+"/", profile)
	p.waitItems(2)
	got := p.list()
	if got[0].Quote != oilPhrase || got[0].Tag != "evidence" || got[1].Quote != exercisesPhrase || got[1].Tag != "claim" {
		t.Fatalf("after a restart: %+v", got)
	}
}

// TestFullStorageSaysNotSavedAndKeepsWhatWasSaved shrinks the site's quota
// and annotates until a write fails.
func TestFullStorageSaysNotSavedAndKeepsWhatWasSaved(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.waitSaved()
	// The service worker caches the app as the page starts: the quota is
	// set once that is done, and usage stays put.
	used := eval[float64](p, `navigator.serviceWorker.ready.then(async () => {
		let last = -1, now = (await navigator.storage.estimate()).usage;
		while (now !== last) {
			await new Promise(r => setTimeout(r, 500));
			[last, now] = [now, (await navigator.storage.estimate()).usage];
		}
		return now;
	})`)
	quota := used + 16<<10
	if _, err := chromedp.Call(p.ctx, storage.OverrideQuotaForOrigin, storage.OverrideQuotaForOriginParams{Origin: siteURL, QuotaSize: &quota}); err != nil {
		t.Fatal(err)
	}
	// Each change carries a long note of random letters, which the
	// browser cannot compress, so that the quota fills quickly.
	letters := make([]byte, 9000)
	for i := range letters {
		letters[i] = 'a' + byte(rand.IntN(26))
	}
	note := string(letters)
	// Chromium checks a write against the usage it last counted, which it
	// counts again only now and then (about every 30 s here): annotate
	// until a write fails, for a while.
	saved, deadline := 1, time.Now().Add(2*time.Minute)
	for state := "saved"; state == "saved"; {
		if time.Now().After(deadline) {
			t.Fatalf("the storage never filled: %s used of a quota of %.0f; %d stored", eval[string](p, `navigator.storage.estimate().then(e => e.usage + " (" + JSON.stringify(e.usageDetails) + ")")`), quota, p.stored())
		}
		state = p.change(2, func() {
			p.dragSelect(exercisesPhrase)
			p.press("p")
			p.waitItems(saved + 1)
			p.do(chromedp.SetValue(chromedp.CSS(`li[aria-current="true"] textarea`), note))
			p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector('li[aria-current="true"] textarea').dispatchEvent(new Event("input", {bubbles: true}))`))
		})
		if state == "saved" {
			saved++
		}
	}
	t.Logf("%d annotations saved before the storage was full", saved)
	if got := eval[string](p, `(r => r.hidden ? "" : r.textContent)(document.querySelector(".reminder"))`); !strings.Contains(got, "changes since this text was last exported") {
		t.Errorf("no reminder to export after %d changes: %q", 2*saved, got)
	}
	p.poll(`document.querySelector(".message[role=alert]")?.textContent.includes("Not saved")`)
	msg := p.message()
	if !strings.Contains(msg, "export") || !strings.Contains(msg, "full") {
		t.Errorf("message: %q", msg)
	}
	p.clickButton(".message", "Export now")

	p.do(chromedp.Reload())
	p.waitReady()
	// Everything reported saved is there; the change that failed may be
	// too, written from the journal the closing page left.
	// (The list shows a page of 50 rows at first.)
	p.poll(fmt.Sprintf(`document.querySelectorAll('ol[aria-label="Annotations"] > li').length >= %d`, min(saved, 50)))
	// The change that failed (its annotation may have been saved, and not
	// its note) comes last.
	items := p.list()
	for i, item := range items[:min(saved, len(items))] {
		if i > 0 && item.Note != note {
			t.Errorf("annotation %d lost its note", i)
		}
	}
}

// TestTabsStayInStep edits in two tabs at once.
func TestTabsStayInStep(t *testing.T) {
	a := openApp(t)
	b := a.newTab()

	// Both at once: neither waits for the other.
	a.dragSelect(oilPhrase)
	b.dragSelect(exercisesPhrase)
	a.press("c")
	b.press("e")
	a.waitItems(2)
	b.waitItems(2)

	// The same annotation edited in both: the later edit wins in both.
	a.selectByClick(oilPhrase)
	b.selectByClick(oilPhrase)
	a.press("p")
	a.waitSaved()
	time.Sleep(5 * time.Millisecond) // a later modification time
	b.press("e")
	for _, p := range []*page{a, b} {
		p.poll(fmt.Sprintf(`document.querySelector('li[data-id] .quote') && [...document.querySelectorAll('ol[aria-label="Annotations"] > li')].find(li => li.querySelector(".quote").textContent === %q)?.dataset.tag === "evidence"`, oilPhrase))
	}
	a.do(chromedp.Reload())
	a.waitReady()
	a.waitItems(2)
	for _, item := range a.list() {
		if item.Tag != "evidence" {
			t.Errorf("after reload: %+v", item)
		}
	}
}

// TestOutdatedTabRefusesToWrite tells a tab that a newer version runs,
// first by a message from another tab, then by the database's version.
func TestOutdatedTabRefusesToWrite(t *testing.T) {
	for _, how := range []string{
		`new BroadcastChannel("claimmark").postMessage(JSON.stringify({schema: 99, from: "newer"}))`,
		`new Promise((resolve, reject) => { const r = indexedDB.open("claimmark", 99); r.onsuccess = () => { r.result.close(); resolve(); }; r.onerror = () => reject(r.error); })`,
	} {
		a := openApp(t)
		a.dragSelect(oilPhrase)
		a.press("c")
		a.waitSaved()
		b := a.newTab()
		eval[any](b, how)
		a.poll(`document.querySelector(".save-state").dataset.state === "outdated"`)
		if msg := a.message(); !strings.Contains(msg, "newer version") || !strings.Contains(msg, "Reload") {
			t.Errorf("message %q", msg)
		}
		a.dragSelect(exercisesPhrase)
		a.press("e")
		a.selectByClick(oilPhrase)
		a.press("Delete")
		time.Sleep(100 * time.Millisecond) // time for a change, were one made
		if got := a.list(); len(got) != 1 || got[0].Tag != "claim" {
			t.Errorf("an outdated tab changed its annotations: %+v", got)
		}
		if n := a.stored(); n != 1 {
			t.Errorf("an outdated tab wrote: %d annotations stored", n)
		}
		a.close()
	}
}

// TestUnreadableRecordIsSetAside spoils stored records by hand.
func TestUnreadableRecordIsSetAside(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.dragSelect(exercisesPhrase)
	p.press("e")
	p.dragSelect("“No Limits” Partnership")
	p.press("p")
	p.waitItems(3)
	p.waitSaved()
	eval[any](p, fmt.Sprintf(`new Promise((resolve, reject) => {
		const open = indexedDB.open("claimmark");
		open.onsuccess = () => {
			const tx = open.result.transaction("annotations", "readwrite");
			const store = tx.objectStore("annotations");
			store.getAll().onsuccess = (e) => {
				for (const r of e.target.result) {
					if (r.record.includes(%q)) store.put({...r, record: "garbage"});
					if (r.record.includes("Partnership")) store.put({...r, record: r.record.replace("Partnership", "Partners")});
				}
			};
			tx.oncomplete = () => { open.result.close(); resolve(); };
			tx.onerror = () => reject(tx.error);
		};
	})`, exercisesPhrase))
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitItems(1)
	if got := p.list(); got[0].Quote != oilPhrase {
		t.Errorf("kept %+v", got)
	}
	if msg := p.message(); !strings.Contains(msg, "2 annotations stored for this text could not be read") {
		t.Errorf("message %q", msg)
	}
	if n := p.stored(); n != 1 {
		t.Errorf("%d records left among the annotations", n)
	}
	p.do(chromedp.Click(chromedp.CSS(".save-state")))
	p.poll(`document.querySelector(".data")?.textContent.includes("Unreadable records")`)
	_, data := p.download(func() { p.clickButton(".data", "Download them") })
	var aside []struct{ Store, Key, Value, Reason string }
	if err := json.Unmarshal(data, &aside); err != nil {
		t.Fatal(err)
	}
	if len(aside) != 2 || !strings.Contains(string(data), "garbage") || !strings.Contains(string(data), "Partners") {
		t.Errorf("downloaded %s", data)
	}
	// Still working: a new annotation is saved beside the one kept.
	p.tagAndReload(exercisesPhrase, "e", 2)
}

// TestMigrationFromLocalStorage starts on schema 1's records.
func TestMigrationFromLocalStorage(t *testing.T) {
	p := openApp(t)
	d, err := document.New(postText(t))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now()
	find := func(phrase string) int { return len([]rune(d.Text[:strings.Index(d.Text, phrase)])) }
	good := annotation.New(d, annotation.Claim, find(oilPhrase), find(oilPhrase)+len([]rune(oilPhrase)), at)
	good.Note = "kept"
	other := annotation.New(d, annotation.Evidence, find(exercisesPhrase), find(exercisesPhrase)+len([]rune(exercisesPhrase)), at)
	bad := other
	bad.ID, bad.Exact = "bad", "not the text"
	records, _ := json.Marshal(appstore.V1Records(d, []annotation.Annotation{good, other, bad}))
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`Object.entries(%s).forEach(([k, v]) => localStorage.setItem(k, v))`, records)))
	p.do(chromedp.Reload())
	p.waitReady()
	p.waitItems(2)
	got := p.list()
	if got[0].Quote != oilPhrase || got[0].Note != "kept" || got[1].Quote != exercisesPhrase {
		t.Errorf("migrated %+v", got)
	}
	if left := eval[[]string](p, `Object.keys(localStorage).filter(k => k.startsWith("claimmark/"))`); len(left) != 0 {
		t.Errorf("left in localStorage: %v", left)
	}
	if n := p.stored(); n != 2 {
		t.Errorf("%d annotations in IndexedDB", n)
	}
	p.do(chromedp.Click(chromedp.CSS(".save-state")))
	p.poll(`document.querySelector(".data")?.textContent.includes("Unreadable records")`)
}

// TestSnapshotsAndBackup restores a snapshot after deleting, then moves
// everything to a new browser through a backup.
func TestSnapshotsAndBackup(t *testing.T) {
	p := openApp(t)
	p.dragSelect(oilPhrase)
	p.press("c")
	p.dragSelect(exercisesPhrase)
	p.press("e")
	p.waitSaved()
	p.do(chromedp.Reload()) // opening takes a snapshot
	p.waitReady()
	for left := 1; left >= 0; left-- {
		p.do(chromedp.Click(chromedp.CSS(`ol[aria-label="Annotations"] > li .item-open`)))
		p.poll(`document.querySelector('li[aria-current="true"]') !== null`)
		p.press("\x7f") // DEL
		// The list must have lost that row before the next click, or it
		// could select the row just deleted.
		p.waitItems(left)
	}
	p.waitSaved()

	p.do(chromedp.Click(chromedp.CSS(".save-state")))
	p.poll(`document.querySelector('ol[aria-label="Snapshots"] li')?.textContent.includes("2 annotations")`)
	// The panel says whether the browser keeps the data, and how much
	// room it has.
	p.poll(`/persistent storage (not )?granted/.test(document.querySelector('[data-data="persisted"]')?.textContent)`)
	p.poll(`/Using .+ of the .+ the browser allows/.test(document.querySelector('[data-data="usage"]')?.textContent)`)
	p.poll(`document.querySelector('[data-data="exported"]').textContent.includes("last exported: never")`)
	p.clickButton(`ol[aria-label="Snapshots"]`, "Restore")
	p.waitItems(2)
	p.waitSaved()
	if msg := p.message(); !strings.Contains(msg, "Restored 2 annotations") {
		t.Errorf("message %q", msg)
	}

	p.export("claimmark JSON")
	p.poll(`!document.querySelector('[data-data="exported"]').textContent.includes("never") && document.querySelector('[data-data="exported"]').textContent.includes("0 changes since")`)

	name, backup := p.download(func() { p.clickButton(".data", "Download backup") })
	if !strings.HasPrefix(name, "claimmark-backup-") || !strings.Contains(string(backup), `"format": "claimmark-backup"`) {
		t.Fatalf("backup %s: %.200s", name, backup)
	}

	q := openApp(t)
	q.drop(name, "application/json", string(backup))
	q.waitItems(2)
	q.waitSaved()
	if msg := q.message(); !strings.Contains(msg, "Restored 1 text with 2 annotations") {
		t.Errorf("message %q", msg)
	}
	q.do(chromedp.Reload())
	q.waitReady()
	q.waitItems(2)
}

// TestClearedStorageIsWrittenBack deletes the database under an open page,
// as clearing the site's data does.
func TestClearedStorageIsWrittenBack(t *testing.T) {
	a := openApp(t)
	a.dragSelect(oilPhrase)
	a.press("c")
	a.dragSelect(exercisesPhrase)
	a.press("e")
	a.waitSaved()
	b := a.newTab()
	eval[any](b, `new Promise((resolve, reject) => { const r = indexedDB.deleteDatabase("claimmark"); r.onsuccess = resolve; r.onerror = () => reject(r.error); })`)
	a.poll(`document.querySelector(".message[role=alert]")?.textContent.includes("storage for claimmark was cleared")`)
	a.waitSaved()
	a.dragSelect("“No Limits” Partnership")
	a.press("p")
	a.waitItems(3)
	a.waitSaved()
	a.do(chromedp.Reload())
	a.waitReady()
	a.waitItems(3)
}

// TestTabClosedWhileSavingLosesNothing closes the tab 0 to 19 ms after
// each tag appears, while its write may still be under way, and now and
// then the whole browser: the next start finds every tag, written from the
// journal the tab kept from before its write began.
func TestTabClosedWhileSavingLosesNothing(t *testing.T) {
	profile := t.TempDir()
	browser := openIn(t, siteURL+"/", profile)
	browser.do(chromedp.Navigate("about:blank")) // the first tab only keeps the browser open
	const rounds = 20
	for i := range rounds {
		q := browser.newTab()
		q.waitItems(i)
		q.dragSelect(oilPhrase)
		q.press("c")
		q.waitItems(i + 1)
		time.Sleep(time.Duration(i) * time.Millisecond)
		q.close()
		if i%5 == 4 {
			browser.close()
			browser = openIn(t, siteURL+"/", profile)
			browser.do(chromedp.Navigate("about:blank"))
		}
	}
	q := browser.newTab()
	q.waitItems(rounds)
	q.waitSaved()
	if n := q.stored(); n != rounds {
		t.Errorf("%d annotations stored, want %d", n, rounds)
	}
}

// TestClearedSiteDataIsWrittenBack clears the site's data while a change
// is being saved, as the browser's settings do: the page writes back all
// it holds, and says Saved only once it has.
func TestClearedSiteDataIsWrittenBack(t *testing.T) {
	a := openApp(t)
	a.dragSelect(oilPhrase)
	a.press("c")
	a.waitItems(1)
	a.waitSaved()
	a.dragSelect(exercisesPhrase)
	a.press("e")
	a.waitItems(2)
	if _, err := chromedp.Call(a.ctx, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: siteURL, StorageTypes: "all"}); err != nil {
		t.Fatal(err)
	}
	a.dragSelect(weaponsPhrase)
	a.press("p")
	a.waitItems(3)
	a.poll(`document.querySelector(".message[role=alert]")?.textContent.includes("storage for claimmark was cleared")`)
	a.waitSaved()
	b := a.newTab()
	b.waitItems(3)
	if n := b.stored(); n != 3 {
		t.Errorf("%d annotations stored, want 3", n)
	}
}

// TestUpgradeFromSchema3 opens the app on a database that schema 3 left:
// a pack as one string, and a row for every annotation, one of them
// written after the pack. The upgrade drops the old pack and reads the
// rows; what they hold is shown and stays through a change and a reload.
func TestUpgradeFromSchema3(t *testing.T) {
	p := openIn(t, siteURL+"/", t.TempDir())
	d, err := document.New(postText(t))
	if err != nil {
		t.Fatal(err)
	}
	find := func(phrase string) int { return len([]rune(d.Text[:strings.Index(d.Text, phrase)])) }
	at := time.Now().Add(-time.Hour)
	a := annotation.New(d, annotation.Claim, find(oilPhrase), find(oilPhrase)+len([]rune(oilPhrase)), at)
	b := annotation.New(d, annotation.Evidence, find(exercisesPhrase), find(exercisesPhrase)+len([]rune(exercisesPhrase)), at)
	packed := a.ID + "\t" + format.Record(a) + "\n" + b.ID + "\t" + format.Record(b)
	b.Tag, b.Note, b.Modified = annotation.Prediction, "after the pack", at.Add(time.Minute)
	rows, _ := json.Marshal([][]any{
		{a.ID, a.Modified.UnixMilli(), 1, format.Record(a)},
		{b.ID, b.Modified.UnixMilli(), 3, format.Record(b)},
	})
	// A page of the site that does not run the app, so that nothing holds
	// the database open.
	p.do(chromedp.Navigate(siteURL + "/web/claimmark.css"))
	eval[any](p, fmt.Sprintf(`new Promise((resolve, reject) => {
		const del = indexedDB.deleteDatabase("claimmark");
		del.onerror = () => reject(del.error);
		del.onsuccess = () => {
			const open = indexedDB.open("claimmark", 3);
			open.onupgradeneeded = () => {
				const db = open.result;
				db.createObjectStore("meta");
				db.createObjectStore("documents", {keyPath: "sha256"});
				db.createObjectStore("texts", {keyPath: "sha256"});
				const rows = db.createObjectStore("annotations", {keyPath: ["doc", "id"]});
				rows.createIndex("doc", "doc");
				rows.createIndex("written", ["doc", "written"]);
				db.createObjectStore("packs", {keyPath: "doc"});
				db.createObjectStore("snapshots", {keyPath: ["doc", "taken"]}).createIndex("doc", "doc");
				db.createObjectStore("aside", {autoIncrement: true});
			};
			open.onerror = () => reject(open.error);
			open.onsuccess = () => {
				const db = open.result, doc = %q;
				const tx = db.transaction(db.objectStoreNames, "readwrite");
				const meta = tx.objectStore("meta");
				meta.put(3, "schema");
				meta.put(doc, "current");
				meta.put(3, "seq/" + doc);
				tx.objectStore("documents").put({sha256: doc, title: %q, chars: %d, opened: 1, exported: 0, changes: 3});
				tx.objectStore("texts").put({sha256: doc, text: %q});
				for (const [id, modified, written, record] of %s) {
					tx.objectStore("annotations").put({doc, id, modified, written, record});
				}
				tx.objectStore("packs").put({doc, seq: 2, count: 2, lines: %q});
				tx.oncomplete = () => { db.close(); resolve(); };
				tx.onerror = () => reject(tx.error);
			};
		};
	})`, d.SHA256, d.Title, d.Len(), d.Text, rows, packed))
	p.do(chromedp.Navigate(siteURL + "/"))
	p.waitReady()
	p.waitItems(2)
	check := func(when string) {
		t.Helper()
		got := p.list()
		if len(got) != 2 || got[0].Quote != oilPhrase || got[0].Tag != "claim" || got[1].Quote != exercisesPhrase || got[1].Tag != "prediction" || got[1].Note != "after the pack" {
			t.Errorf("%s: %+v", when, got)
		}
	}
	check("after the upgrade")
	if v := eval[float64](p, `new Promise(resolve => { const r = indexedDB.open("claimmark"); r.onsuccess = () => { resolve(r.result.version); r.result.close(); }; })`); v != appstore.Version {
		t.Errorf("the database is at version %v", v)
	}
	p.tagAndReload(weaponsPhrase, "c", 3)
	if n := p.stored(); n != 3 {
		t.Errorf("%d annotations stored", n)
	}
}

// TestPackWeighsOlderChanges runs the page's IndexedDB writes on a
// database of their own: a large change packs; a change modified no
// later than the pack's newest annotation is weighed against its line,
// so an older edit (another tab's, or a journal's) does not replace a
// newer annotation; a later one writes a row over the line.
func TestPackWeighsOlderChanges(t *testing.T) {
	p := openApp(t)
	got := eval[map[string]any](p, `(async () => {
		const open = indexedDB.open("pack-test", 1);
		open.onupgradeneeded = () => {
			const db = open.result;
			db.createObjectStore("meta");
			db.createObjectStore("batches", {keyPath: ["doc", "part"]});
			const rows = db.createObjectStore("annotations", {keyPath: ["doc", "id"]});
			rows.createIndex("doc", "doc");
			rows.createIndex("written", ["doc", "written"]);
			db.createObjectStore("aside", {autoIncrement: true});
		};
		const db = await new Promise((resolve, reject) => { open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error); });
		const record = (id, start, modified, note) => JSON.stringify([id, "claim", start, start + 3, 1000, modified, "abc", "", "", note]);
		const write = (puts, deletes) => new Promise((resolve, reject) => {
			const tx = db.transaction(["meta", "batches", "annotations", "aside"], "readwrite");
			claimmarkWrite(tx, "d", puts.map(([id, start, modified, note]) => id + "\t" + modified + "\t" + record(id, start, modified, note)).join("\n"), deletes.join("\n"), 5000, 64);
			tx.oncomplete = resolve;
			tx.onabort = () => reject(tx.error);
		});
		// 1,500 annotations, backwards: packed in document order, in 2 batch rows.
		const many = [];
		for (let i = 1499; i >= 0; i--) many.push(["a" + i, i * 4, 2000, "first"]);
		await write(many, []);
		const packed = await claimmarkRead(db, "d");
		await write([["a1", 4, 1500, "older"]], []);   // older than the pack's a1: kept out
		await write([["a2", 8, 3000, "newer"]], []);   // newer: a row
		await write([], ["a3"]);                       // a deletion, at 5000: a row
		const after = await claimmarkRead(db, "d");
		db.close();
		return {
			packedLines: packed.batched, packedRows: packed.rows,
			firstIDs: packed.lines.split("\n").slice(0, 3).map(l => l.split("\t")[0]),
			batched: after.batched, rows: after.rows,
			a1: after.lines.split("\n").filter(l => l.startsWith("a1\t")).map(l => JSON.parse(l.split("\t")[1])[9]),
			a2: after.lines.split("\n").filter(l => l.startsWith("a2\t")).map(l => JSON.parse(l.split("\t")[1])[9]),
			a3: after.lines.split("\n").filter(l => l.startsWith("a3\t")).map(l => l.split("\t")[1]),
		};
	})()`)
	want := map[string]any{
		"packedLines": 1500.0, "packedRows": 0.0, "firstIDs": []any{"a0", "a1", "a2"},
		"batched": 1500.0, "rows": 2.0,
		"a1": []any{"first"}, "a2": []any{"first", "newer"}, "a3": []any{"[\"a3\",\"claim\",12,15,1000,2000,\"abc\",\"\",\"\",\"first\"]", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}
