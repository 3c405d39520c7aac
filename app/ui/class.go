package ui

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"

	"github.com/claimmark/claimmark/app/agreement"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/classroom"
	"github.com/claimmark/claimmark/app/format"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The teacher's comparison of a class's submissions: the table, the
// agreement figures, the text as a heat map of who tagged each word, and
// one student's work next to the key.

// classView is the comparison on screen, shared with the text: the heat
// map is painted over it, and a click on it picks a word.
type classView struct {
	report *classroom.Report
	word   *agreement.Word // the word clicked in the heat map
}

// heatLevels are the CSS highlights of the heat map, by the share of the
// class that tagged a word.
const heatLevels = 4

// compareFiles compares the submissions among files for the handout
// among them, or for the one compared last.
func (im *imports) compareFiles(files []classroom.File) {
	w := im.w
	defer w.refresh()
	var h *format.Handout
	var subs []classroom.File
	for _, f := range files {
		if format.Kind(f.Data) == format.HandoutName {
			hd, err := format.DecodeHandout(bytes.NewReader(f.Data))
			if err != nil {
				w.fail(f.Name + ": " + err.Error() + ". Nothing was compared.")
				return
			}
			h = hd
			continue
		}
		subs = append(subs, f)
	}
	if h == nil && w.class != nil {
		h = w.class.report.Handout
	}
	if h == nil {
		w.fail("To compare submissions, choose the handout together with them.")
		return
	}
	gathered, rejected := classroom.Gather(h, subs)
	var key []annotation.Annotation
	if h.HasKey {
		key = h.Key
	}
	report := classroom.Compare(h, key, gathered, rejected)
	perfMark("claimmark-compared")
	if w.doc == nil || w.doc.SHA256 != h.Doc.SHA256 {
		w.open(h.Doc)
	}
	w.class = &classView{report: report}
	w.paint()
	w.say(fmt.Sprintf("Compared %s for “%s”; %d rejected.", countText(len(gathered), "submission"), h.Title, len(rejected)))
}

// paintHeat paints each word some student tagged by the share of the
// class that did.
func (p *painter) paintHeat(words []agreement.Word, students int) {
	registry := app.Window().Get("CSS").Get("highlights")
	for level := 1; level <= heatLevels; level++ {
		name := "heat-" + strconv.Itoa(level)
		h, ok := p.highlights[name]
		if !ok {
			h = app.Window().Get("Highlight").New()
			h.Set("priority", -1)
			registry.Call("set", name, h)
			p.highlights[name] = h
		}
		h.Call("clear")
	}
	if students == 0 || p.doc == nil {
		return
	}
	for _, w := range words {
		n := 0
		for _, who := range w.By {
			n += len(who)
		}
		level := classroom.HeatLevel(n, students, heatLevels)
		p.highlights["heat-"+strconv.Itoa(level)].Call("add", p.domRange(w.Start, w.End))
	}
}

// clickWord shows who tagged the word at offset.
func (c *classView) clickWord(offset int) {
	words := c.report.Words
	i, found := slices.BinarySearchFunc(words, offset, func(w agreement.Word, o int) int {
		switch {
		case w.End <= o:
			return -1
		case w.Start > o:
			return 1
		}
		return 0
	})
	c.word = nil
	if found {
		c.word = &words[i]
	}
}

func figure(f agreement.Figure) string { return classroom.Figure(f.Value, f.Defined) }
