package reading_test

import (
	"os"
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/reading"
)

func doc(t *testing.T, text string) *document.Document {
	t.Helper()
	d, err := document.New(text)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sentences lists the sentences of every paragraph of d.
func sentences(d *document.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		for _, s := range reading.Sentences(d, b.Start) {
			out = append(out, d.Slice(s.Start, s.End))
		}
	}
	return out
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"plain", "Title\n\nOne here. Two there! Three? Four.",
			[]string{"Title", "One here.", "Two there!", "Three?", "Four."}},
		{"titles and initials", "Title\n\nMr. Putin met Dr. Xi. J. R. Smith wrote it. They left.",
			[]string{"Title", "Mr. Putin met Dr. Xi.", "J. R. Smith wrote it.", "They left."}},
		{"U.S. inside a sentence", "Title\n\nIt’s the U.S., and not China. The U.S. is not qualified, e.g. here. Next.",
			[]string{"Title", "It’s the U.S., and not China.", "The U.S. is not qualified, e.g. here.", "Next."}},
		{"quotes close the sentence", "Title\n\nHe said “no limits.” Then he left. ‘Why?’ she asked.",
			[]string{"Title", "He said “no limits.”", "Then he left.", "‘Why?’ she asked."}},
		{"a quote opens the next", "Title\n\nIt ended. “A new one” began.",
			[]string{"Title", "It ended.", "“A new one” began."}},
		{"ellipses", "Title\n\nSo… and then it went on... Later it stopped. Wait… What?",
			[]string{"Title", "So… and then it went on...", "Later it stopped.", "Wait…", "What?"}},
		{"small letter after a stop", "Title\n\nSee p. 4 and fig. 2 etc. for more. Done.",
			[]string{"Title", "See p. 4 and fig. 2 etc. for more.", "Done."}},
		{"numbers", "Title\n\nIt rose 2.5 percent. 2023 was worse.",
			[]string{"Title", "It rose 2.5 percent.", "2023 was worse."}},
		{"runs of marks", "Title\n\nReally?! Yes.", []string{"Title", "Really?!", "Yes."}},
		{"no end mark", "Title\n\nA heading without a stop\n\nText.", []string{"Title", "A heading without a stop", "Text."}},
		{"Chinese", "标题\n\n中国是俄罗斯的伙伴。但有限度！真的吗？是的。",
			[]string{"标题", "中国是俄罗斯的伙伴。", "但有限度！", "真的吗？", "是的。"}},
		{"Arabic", "عنوان\n\nهل هذا صحيح؟ نعم هو كذلك. التجارة تتراجع.",
			[]string{"عنوان", "هل هذا صحيح؟", "نعم هو كذلك.", "التجارة تتراجع."}},
		{"Hindi", "शीर्षक\n\nयह पहला वाक्य है। यह दूसरा है।",
			[]string{"शीर्षक", "यह पहला वाक्य है।", "यह दूसरा है।"}},
		{"Spanish openers", "Título\n\nEs así. ¿Por qué? ¡Porque sí!",
			[]string{"Título", "Es así.", "¿Por qué?", "¡Porque sí!"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := sentences(doc(t, tc.text))
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("sentences:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// The post's sentences: none is cut at "U.S." or inside a quote, and each
// is found again from any offset inside it.
func TestSentencesOfThePost(t *testing.T) {
	text, err := os.ReadFile("../../../shared/documents/post-374.txt")
	if err != nil {
		t.Skip("the post is not beside the repository:", err) // it is in CI
	}
	d := doc(t, string(text))
	all := sentences(d)
	for _, want := range []string{
		"In fact, China is Russia’s most important partner, but within certain limits.",
		"The Chinese response to these warnings has been unequivocal: “It’s the U.S., and not China, that has been incessantly supplying weapons to the battlefield, and the U.S. is not qualified to issue any orders to China,” the foreign ministry spokesman said in late February.",
	} {
		found := false
		for _, s := range all {
			found = found || s == want
		}
		if !found {
			t.Errorf("no sentence %q", want)
		}
	}
	for _, b := range d.Blocks {
		for _, s := range reading.Sentences(d, b.Start) {
			for _, at := range []int{s.Start, (s.Start + s.End) / 2, s.End - 1} {
				if got := reading.Sentence(d, at); got != s {
					t.Fatalf("Sentence(%d) = %q, want %q", at, d.Slice(got.Start, got.End), d.Slice(s.Start, s.End))
				}
			}
		}
	}
	if len(all) < 40 {
		t.Errorf("only %d sentences in the post", len(all))
	}
}

func TestNextAndPreviousSentence(t *testing.T) {
	d := doc(t, "Title\n\nOne. Two.\n\nThree.")
	var got []string
	s := reading.Sentence(d, 0)
	for {
		got = append(got, d.Slice(s.Start, s.End))
		n, ok := reading.NextSentence(d, s.Start)
		if !ok {
			break
		}
		s = n
	}
	if strings.Join(got, "|") != "Title|One.|Two.|Three." {
		t.Errorf("forward: %q", got)
	}
	got = nil
	for {
		got = append(got, d.Slice(s.Start, s.End))
		p, ok := reading.PreviousSentence(d, s.Start)
		if !ok {
			break
		}
		s = p
	}
	if strings.Join(got, "|") != "Three.|Two.|One.|Title" {
		t.Errorf("back: %q", got)
	}
}

func TestWords(t *testing.T) {
	d := doc(t, "Title\n\nChina’s aid, China-Russia ties.")
	word := func(s reading.Span) string { return d.Slice(s.Start, s.End) }
	at := strings.Index(string(d.Runes()), "China’s")
	at = len([]rune(string(d.Runes())[:at]))
	if got := word(reading.Word(d, at+2)); got != "China’s" {
		t.Errorf("Word = %q", got)
	}
	var fwd []string
	for w := reading.Word(d, 0); ; {
		fwd = append(fwd, word(w))
		n := reading.NextWord(d, w.Start)
		if n == w {
			break
		}
		w = n
	}
	if strings.Join(fwd, " ") != "Title China’s aid China-Russia ties" {
		t.Errorf("forward: %q", fwd)
	}
	var back []string
	for w := reading.Word(d, d.Len()); ; {
		back = append(back, word(w))
		p := reading.PreviousWord(d, w.Start)
		if p == w {
			break
		}
		w = p
	}
	if strings.Join(back, " ") != "ties China-Russia aid China’s Title" {
		t.Errorf("back: %q", back)
	}
	if empty := doc(t, "…"); reading.Word(empty, 0) != (reading.Span{}) {
		t.Errorf("a text without words has word %v", reading.Word(empty, 0))
	}
}
