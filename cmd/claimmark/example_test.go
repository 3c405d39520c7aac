package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/prediction"
)

// The example of claimmark JSON version 2 that docs/format.md points to:
// the post, with links and open and settled predictions. go test -run
// TestExample -update writes it again from exampleAnnotations.
const examplePath = "../../docs/examples/post-374.v2.claimmark.json"

var update = flag.Bool("update", false, "write the example file again")

func exampleAnnotations(t *testing.T) (*document.Document, []annotation.Annotation) {
	t.Helper()
	d, err := document.New(postText(t))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	n := 0
	tag := func(tag annotation.Tag, phrase, note string) *annotation.Annotation {
		i := strings.Index(d.Text, phrase)
		if i < 0 {
			t.Fatalf("%q is not in the post", phrase)
		}
		start := len([]rune(d.Text[:i]))
		n++
		a := annotation.New(d, tag, start, start+len([]rune(phrase)), at.Add(time.Duration(n)*time.Minute))
		a.ID = "00000000-0000-4000-8000-0000000000" + string(rune('0'+n/10)) + string(rune('0'+n%10))
		a.Note = note
		return &a
	}
	link := func(from, to *annotation.Annotation, r annotation.Relation) {
		n++
		from.Links = append(from.Links, annotation.Link{
			ID: "00000000-0000-4000-9000-0000000000" + string(rune('0'+n/10)) + string(rune('0'+n%10)),
			To: to.ID, Type: r, Created: at.Add(time.Duration(n) * time.Minute),
		})
	}
	noLimits := tag(annotation.Claim, "their “strategic cooperation partnership” has “no limits.”", "The notion the post sets out to qualify.")
	partner := tag(annotation.Claim, limitsClaim, "The post's thesis.")
	oil := tag(annotation.Evidence, oilPhrase, "")
	drills := tag(annotation.Evidence, exercisesPhrase, "")
	limits := tag(annotation.Claim, "the limits to the partnership are significant", "")
	firms := tag(annotation.Evidence, "major Chinese firms have been reluctant to challenge US sanctions on Russia", "")
	weapons := tag(annotation.Prediction, weaponsPhrase, "Conditional on US Taiwan policy going on as it is.")
	weapons.Forecast = annotation.Forecast{By: "2027-12-31", Probability: annotation.Percent(prediction.BandOf(88).Value())}
	trust := tag(annotation.Prediction, "the EU move will erode mutual trust and cooperation with China", "")
	trust.Forecast = annotation.Forecast{By: "2024", Probability: annotation.Percent(70), Outcome: annotation.CameTrue, OutcomeDate: "2025-01-15",
		OutcomeNote: "An outcome made up for this example of the format, not a judgement of events."}
	change := tag(annotation.Prediction, "the change will most likely come if Ukraine or NATO carries out attacks inside Russia", "")
	change.Forecast = annotation.Forecast{By: "2025-06", Probability: annotation.Percent(68), Outcome: annotation.DidNotComeTrue, OutcomeDate: "2025-07-01",
		OutcomeNote: "An outcome made up for this example of the format, not a judgement of events."}
	link(oil, partner, annotation.Supports)
	link(drills, partner, annotation.Supports)
	link(firms, limits, annotation.Supports)
	link(limits, noLimits, annotation.Undermines)
	link(limits, partner, annotation.Supports)
	link(weapons, partner, annotation.FollowsFrom)
	link(weapons, drills, annotation.FollowsFrom)
	link(firms, weapons, annotation.Undermines)
	return d, []annotation.Annotation{*noLimits, *partner, *oil, *drills, *limits, *firms, *weapons, *trust, *change}
}

func TestExampleVersion2(t *testing.T) {
	d, as := exampleAnnotations(t)
	var buf bytes.Buffer
	if err := format.Encode(&buf, d, as, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(examplePath, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, buf.Bytes()) {
		t.Fatalf("%s is not what exampleAnnotations makes: run go test -run TestExample -update", examplePath)
	}
	f, _, err := format.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got := f.All()
	if len(f.Links) != 8 || annotation.CountLinks(got) != 8 {
		t.Errorf("the example has %d links", len(f.Links))
	}
	var open, settled []annotation.Forecast
	for _, a := range got {
		if a.Tag == annotation.Prediction {
			if a.Outcome == annotation.Open {
				open = append(open, a.Forecast)
			} else {
				settled = append(settled, a.Forecast)
			}
		}
	}
	// (0.7-1)² and (0.68-0)², worked by hand: 0.09 and 0.4624.
	if score, n := prediction.Brier(settled); len(open) != 1 || n != 2 || score < 0.2761 || score > 0.2763 {
		t.Errorf("%d open, %d settled, Brier %v", len(open), n, score)
	}
}

// argdownParse runs @argdown/core on an Argdown file.
type argdownResult struct {
	Errors, Exceptions []string
	Statements         []struct {
		Title, Text string
		Tags        []string
	}
	Relations []struct{ From, To, Type string }
}

func argdownParse(t *testing.T, src []byte) argdownResult {
	t.Helper()
	if _, err := os.Stat("testdata/argdown/node_modules/@argdown/core"); err != nil {
		t.Fatalf("@argdown/core is not installed: run make test, which installs it (%v)", err)
	}
	path := filepath.Join(t.TempDir(), "export.argdown")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", "testdata/argdown/parse.js", path).Output()
	if err != nil {
		t.Fatalf("node parse.js: %v", err)
	}
	var r argdownResult
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return r
}

// TestArgdownExportParses parses the example's Argdown export with
// @argdown/core, and finds the passages as statements and the links as
// its relations.
func TestArgdownExportParses(t *testing.T) {
	d, as := exampleAnnotations(t)
	var buf bytes.Buffer
	if err := format.EncodeArgdown(&buf, d, as); err != nil {
		t.Fatal(err)
	}
	r := argdownParse(t, buf.Bytes())
	if len(r.Errors)+len(r.Exceptions) > 0 {
		t.Fatalf("the parser says %q %q:\n%s", r.Errors, r.Exceptions, buf.String())
	}
	sorted := slices.Clone(as)
	annotation.Sort(sorted)
	title := map[string]string{}
	var want []string
	for i, a := range sorted {
		title[a.ID] = a.Tag.Label() + " " + strconv.Itoa(i+1)
		want = append(want, title[a.ID]+": "+a.Exact+" #"+string(a.Tag))
	}
	var got []string
	for _, s := range r.Statements {
		got = append(got, s.Title+": "+s.Text)
		if len(s.Tags) != 1 || !strings.HasPrefix(s.Title, strings.ToUpper(s.Tags[0][:1])+s.Tags[0][1:]) {
			t.Errorf("%s has tags %q", s.Title, s.Tags)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("statements:\n got %q\nwant %q", got, want)
	}
	var wantRel, gotRel []string
	for _, a := range sorted {
		for _, l := range a.Links {
			from, to, kind := title[a.ID], title[l.To], "support"
			switch l.Type {
			case annotation.Undermines:
				kind = "attack"
			case annotation.FollowsFrom:
				from, to = to, from // what it follows from supports it
			}
			wantRel = append(wantRel, from+" "+kind+" "+to)
		}
	}
	for _, rel := range r.Relations {
		gotRel = append(gotRel, rel.From+" "+rel.Type+" "+rel.To)
	}
	slices.Sort(wantRel)
	slices.Sort(gotRel)
	if !slices.Equal(gotRel, wantRel) {
		t.Errorf("relations:\n got %q\nwant %q", gotRel, wantRel)
	}
}

// mergeExample imports the example, as a reader would, into the post.
func (p *page) mergeExample() {
	p.t.Helper()
	data, err := os.ReadFile(examplePath)
	if err != nil {
		p.t.Fatal(err)
	}
	p.importFile("post-374.v2.claimmark.json", string(data))
	p.clickButton(`section[aria-label="Import preview"]`, "Merge")
	p.waitItems(9)
}

// TestExportEveryFormatWithLinks imports the example into the app and
// exports it in every format, each with its links.
func TestExportEveryFormatWithLinks(t *testing.T) {
	p := openApp(t)
	data, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	p.importFile("post-374.v2.claimmark.json", string(data))
	if got := p.previewCount("new"); got != "9 new" {
		t.Errorf("preview new = %q", got)
	}
	p.clickButton(`section[aria-label="Import preview"]`, "Merge")
	p.waitItems(9)
	p.selectClaim()
	p.waitEditorLinks(4)

	_, js := p.export("claimmark JSON")
	f, _, err := format.Decode(bytes.NewReader(js))
	if err != nil || len(f.Links) != 8 {
		t.Errorf("claimmark JSON: %v, %d links", err, len(f.Links))
	}
	_, w3c := p.export("W3C Web Annotation")
	imp, err := format.DecodeWebAnnotation(bytes.NewReader(w3c), time.Now())
	if err != nil || annotation.CountLinks(imp.Annotations) != 8 || strings.Count(string(w3c), `"motivation": "linking"`) != 8 {
		t.Errorf("W3C: %v, %d links", err, annotation.CountLinks(imp.Annotations))
	}
	_, csv := p.export("CSV")
	back, err := format.DecodeCSV(bytes.NewReader(csv))
	if err != nil || annotation.CountLinks(back) != 8 {
		t.Errorf("CSV: %v, %d links", err, annotation.CountLinks(back))
	}
	_, md := p.export("Markdown report")
	if !strings.Contains(string(md), "## Claims and what bears on them") || strings.Count(string(md), "\nLinks: ") != 5 {
		t.Errorf("Markdown report:\n%s", md)
	}
	_, ad := p.export("Argdown")
	if r := argdownParse(t, ad); len(r.Errors) > 0 || len(r.Relations) != 8 || len(r.Statements) != 9 {
		t.Errorf("Argdown: errors %q, %d relations, %d statements", r.Errors, len(r.Relations), len(r.Statements))
	}
	_, aif := p.export("AIF JSON")
	var a format.AIF
	if err := json.Unmarshal(aif, &a); err != nil || len(a.Nodes) != 17 || len(a.Edges) != 16 {
		t.Errorf("AIF: %v, %d nodes, %d edges", err, len(a.Nodes), len(a.Edges))
	}
}

// TestArgumentMap opens the example's map, follows a node to its
// passage, reads the outline, downloads the SVG and prints the map.
func TestArgumentMap(t *testing.T) {
	p := openApp(t)
	p.mergeExample()
	p.clickButton("header", "Export")
	p.clickButton(".menu", "Map of the argument")
	p.poll(`document.querySelectorAll("#argmap-svg [data-node]").length === 9`)
	counts := eval[map[string]int](p, `({
		edges: document.querySelectorAll("#argmap-svg [data-relation]").length,
		attacks: document.querySelectorAll('#argmap-svg [data-relation="undermines"][marker-end="url(#bar)"]').length,
		supports: document.querySelectorAll('#argmap-svg [data-relation="supports"][marker-end="url(#arrow)"]').length,
		apart: document.querySelectorAll('#argmap-svg [data-apart="true"]').length,
	})`)
	if counts["edges"] != 8 || counts["attacks"] != 2 || counts["supports"] != 4 || counts["apart"] != 2 {
		t.Errorf("the map draws %v", counts)
	}
	// No two nodes overlap as the browser draws them.
	if overlaps := eval[int](p, `(() => {
		const rs = [...document.querySelectorAll("#argmap-svg [data-node] rect")].map(r => r.getBoundingClientRect());
		let n = 0;
		for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++)
			if (rs[i].left < rs[j].right && rs[j].left < rs[i].right && rs[i].top < rs[j].bottom && rs[j].top < rs[i].bottom) n++;
		return n;
	})()`); overlaps != 0 {
		t.Errorf("%d pairs of nodes overlap", overlaps)
	}

	// A click on the oil node selects its passage and brings it into view.
	p.do(chromedp.Click(`#argmap-svg [data-id="00000000-0000-4000-8000-000000000003"] rect`, chromedp.NodeVisible))
	p.poll(`document.querySelector('li[aria-current="true"] .quote')?.textContent === "China is a major purchaser of Russian oil"`)
	if got := p.highlight("selected"); !slices.Equal(got, []string{oilPhrase}) {
		t.Errorf("selected %q", got)
	}

	// The outline holds the same links.
	p.clickButton(".argmap-tools", "Outline")
	p.poll(`document.querySelector(".argmap-outline") !== null`)
	outline := eval[[]string](p, `[...document.querySelectorAll(".argmap-outline .outline-go")].map(b => b.textContent)`)
	if len(outline) < 9 || !slices.Contains(outline, "Supports: Evidence China is a major purchaser of Russian oil") {
		t.Errorf("outline %q", outline)
	}
	p.key(kb.Tab) // the outline's buttons are reached and pressed from the keyboard
	p.do(chromedp.Focus(`.argmap-outline .outline-go`))
	p.key(kb.Enter)
	p.poll(`document.querySelector('li[aria-current="true"]')?.dataset.tag === "claim"`)

	// Download SVG, then print.
	p.clickButton(".argmap-tools", "Map")
	p.poll(`document.getElementById("argmap-svg") !== null`)
	name, svg := p.download(func() { p.clickButton(".argmap-tools", "Download SVG") })
	if !strings.HasSuffix(name, ".map.svg") || !strings.HasPrefix(string(svg), "<svg") || strings.Count(string(svg), `data-apart=`) != 9 || !strings.Contains(string(svg), "<style") {
		t.Errorf("%s: %.300s", name, svg)
	}
	eval[bool](p, `window.printed = 0; window.print = () => { printed++ }; true`)
	p.clickButton(".argmap-tools", "Print map")
	p.poll(`printed === 1`)
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	shown := eval[map[string]string](p, `Object.fromEntries(["#argmap", ".layout", ".toolbar", ".argmap-tools"].map(s => [s, getComputedStyle(document.querySelector(s)).display]))`)
	if shown["#argmap"] == "none" || shown[".layout"] != "none" || shown[".toolbar"] != "none" || shown[".argmap-tools"] != "none" {
		t.Errorf("in print, display: %v", shown)
	}
}

// TestListByClaim groups the example's list by claim, and moves through
// it with j as it is shown.
func TestListByClaim(t *testing.T) {
	p := openApp(t)
	p.mergeExample()
	p.clickButton(".panel-head", "By claim")
	p.poll(`document.querySelector("#group-by-claim").getAttribute("aria-pressed") === "true" && document.querySelector("li.under") !== null`)
	rows := eval[[]string](p, `[...document.querySelectorAll('ol[aria-label="Annotations"] > li')].map(li =>
		(li.classList.contains("apart") ? "-- " : "") + (li.querySelector(".under-label")?.textContent ?? "") + li.dataset.tag + ": " + li.querySelector(".quote").textContent.slice(0, 20))`)
	want := []string{
		"claim: their “strategic coo",
		"claim: China is Russia’s mo",
		"↳ supports evidence: China is a major pur",
		"↳ supports evidence: Russia and China con",
		"↳ follows from prediction: China will very like",
		"claim: the limits to the pa",
		"↳ supports evidence: major Chinese firms ",
		"-- prediction: the EU move will ero",
		"prediction: the change will most",
	}
	if !slices.Equal(rows, want) {
		t.Fatalf("grouped list:\n%s", strings.Join(rows, "\n"))
	}
	// j follows the list as shown: from the thesis to its first evidence.
	p.selectClaim()
	p.key("j")
	p.poll(`document.querySelector('li[aria-current="true"]')?.classList.contains("under")`)
	if got := eval[string](p, `document.querySelector('li[aria-current="true"] .quote').textContent`); got != "“China is a major purchaser of Russian oil”" && got != "China is a major purchaser of Russian oil" {
		t.Errorf("j went to %q", got)
	}
}
