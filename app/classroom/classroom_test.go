package classroom_test

import (
	"testing"

	"github.com/claimmark/claimmark/app/classroom"
)

func TestNameKey(t *testing.T) {
	same := [][]string{
		{"Ana Lima", "ana lima", "Ana Lima ", " ANA\tLIMA", "Ana  Lima"},
		// NFC: é as one code point and as e with a combining accent.
		{"Zoé", "Zoe\u0301", "ZOÉ"},
		{"Straße", "STRAßE"},
	}
	for _, names := range same {
		for _, n := range names[1:] {
			if classroom.NameKey(n) != classroom.NameKey(names[0]) {
				t.Errorf("%q and %q are not one student", names[0], n)
			}
		}
	}
	for _, pair := range [][2]string{{"Ana Lima", "Ana Lim"}, {"Ana Lima", "AnaLima"}, {"Zoé", "Zoe"}} {
		if classroom.NameKey(pair[0]) == classroom.NameKey(pair[1]) {
			t.Errorf("%q and %q are one student", pair[0], pair[1])
		}
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"Ana":          "Ana",
		"Ana\nLima":    `Ana\nLima`,
		"\t=1+1":       `\t=1+1`,
		"a\rb\x00c":    `a\rb\x00c`,
		"line\u2028up": `line\u2028up`,
		"Zoé 🐘":        "Zoé 🐘",
	} {
		if got := classroom.Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
