package document_test

import (
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/document"
)

func TestTextOfHTML(t *testing.T) {
	page := `<!doctype html><html><head><title>Ignored  title</title><style>p{color:red}</style>
<script>alert("x")</script></head><body>
<nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article><h1>China's  Aid to
Russia</h1>
<p>First <b>bold</b> paragraph, with a <a href="x">link</a>.<br>Same paragraph.</p>
<script>document.write("no")</script>
<h2>A heading</h2><p>&lt;script&gt; stays text &amp; so does this.</p>
<ul><li>One</li><li>Two</li></ul><form><input value="x"><button>Send</button></form>
<noscript>Enable JS</noscript></article></body></html>`
	got, err := document.TextOfHTML([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := "China's Aid to Russia\n\nFirst bold paragraph, with a link. Same paragraph.\n\nA heading\n\n<script> stays text & so does this.\n\n• One\n\n• Two"
	if got != want {
		t.Errorf("text:\n%q\nwant\n%q", got, want)
	}
	d, err := document.FromFile("post.HTML", []byte(page))
	if err != nil || d.Title != "China's Aid to Russia" || d.Blocks[2].Kind != document.Heading {
		t.Errorf("FromFile: %+v, %v", d, err)
	}
	// A page without a heading takes its <title>.
	got, _ = document.TextOfHTML([]byte(`<title>The title</title><p>Text.</p>`))
	if got != "The title\n\nText." {
		t.Errorf("with <title> only: %q", got)
	}
	if _, err := document.TextOfHTML([]byte(`<script>x</script><style>y</style>`)); err == nil {
		t.Error("a page with no text opened")
	}
	if _, err := document.FromFile("x.pdf", []byte("x")); err == nil || !strings.Contains(err.Error(), ".html") {
		t.Errorf("unknown type: %v", err)
	}
}

// A page saved from a news site: its chrome goes, the article stays,
// with its own header, its lists, quotations and captions.
func TestTextOfSavedNewsPage(t *testing.T) {
	page := `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Aid to Russia | The Daily</title>
<link rel="stylesheet" href="/site.css"><script async src="/ads.js"></script></head>
<body>
<header class="site"><a href="/"><img src="/logo.svg" alt="The Daily"></a>
  <nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>
  <form action="/search"><input name="q"><button>Search</button></form></header>
<main><article>
  <header><h1>China&rsquo;s Aid to Russia</h1><p class="byline">By A. Writer</p></header>
  <p>Beijing has <em>so far</em> held back.
  It sends:</p>
  <ul><li>dual-use <b>chips</b></li><li><p>machine tools</p></li><li></li></ul>
  <figure><img src="/map.png" alt=""><figcaption>Trade routes, 2024.</figcaption></figure>
  <blockquote><p>No limits.</p></blockquote>
  <ol start="3"><li>third<ol><li>inner</li></ol></li><li>fourth</li></ol>
  <aside class="related"><h2>Related</h2><ul><li>Other story</li></ul></aside>
  <p>The end.</p>
  <footer><p>Filed at noon.</p></footer>
</article></main>
<footer class="site"><p>&copy; The Daily</p><ul><li>Privacy</li></ul></footer>
</body></html>`
	got, err := document.TextOfHTML([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"China’s Aid to Russia",
		"By A. Writer",
		"Beijing has so far held back. It sends:",
		"• dual-use chips",
		"• machine tools",
		"Trade routes, 2024.",
		"No limits.",
		"3. third",
		"1. inner",
		"4. fourth",
		"The end.",
		"Filed at noon.",
	}, "\n\n")
	if got != want {
		t.Errorf("text:\n%s\n\nwant\n%s", got, want)
	}
	d, err := document.FromFile("aid.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range d.Blocks {
		if strings.HasPrefix(b.Text, "•") || strings.HasPrefix(b.Text, "3.") {
			if b.Kind != document.Paragraph {
				t.Errorf("list item %q is a %v, not a paragraph", b.Text, b.Kind)
			}
		}
	}
	again, _ := document.FromFile("aid.html", []byte(page))
	if again.SHA256 != d.SHA256 {
		t.Error("the same page opened twice gave two texts")
	}
}

func FuzzTextOfHTML(f *testing.F) {
	f.Add("<h1>T</h1><p>a<b>b</b></p>")
	f.Add("<p><p><div>x</div><script>y")
	f.Fuzz(func(t *testing.T, page string) {
		text, err := document.TextOfHTML([]byte(page))
		if err != nil {
			return
		}
		if strings.Contains(text, "\n\n\n") || strings.TrimSpace(text) != text {
			t.Fatalf("%q gave %q", page, text)
		}
	})
}
