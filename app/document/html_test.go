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
	want := "China's Aid to Russia\n\nFirst bold paragraph, with a link. Same paragraph.\n\nA heading\n\n<script> stays text & so does this.\n\nOne\n\nTwo"
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
