package argmap_test

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/argmap"
)

// svgParts reads SVG markup as XML and counts its elements by name and
// data attributes, with the text it holds.
type svgParts struct {
	nodes, lines, arrows, bars int
	text                       string
}

func readSVG(t *testing.T, markup string) svgParts {
	t.Helper()
	var p svgParts
	var text strings.Builder
	dec := xml.NewDecoder(strings.NewReader(markup))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v\n%.300s", err, markup)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Name.Local] = a.Value
			}
			switch {
			case tok.Name.Local == "g" && attrs["data-node"] != "":
				p.nodes++
			case tok.Name.Local == "line":
				p.lines++
				switch attrs["marker-end"] {
				case "url(#arrow)":
					p.arrows++
				case "url(#bar)":
					p.bars++
				}
			}
		case xml.CharData:
			text.Write(tok)
		}
	}
	p.text = text.String()
	return p
}

func TestSVG(t *testing.T) {
	as := passages(t, 4, annotation.Claim, annotation.Evidence, annotation.Evidence, annotation.Claim)
	as[1].Exact = `Oil & gas "flows" <east>`
	link(as, 1, 0, annotation.Supports)
	link(as, 2, 0, annotation.Undermines)
	m := argmap.Layout(as)

	all := readSVG(t, m.SVG(argmap.Everything))
	if all.nodes != 4 || all.lines != 2 || all.arrows != 1 || all.bars != 1 {
		t.Errorf("whole map: %+v, want 4 nodes, and 2 lines: one arrow, one bar", all)
	}
	if !strings.Contains(all.text, `Oil & gas "flows" <east>`) {
		t.Errorf("the quote did not come through escaped and back: %q", all.text)
	}

	// A box around the claim on top alone: the lines down to its evidence
	// are cut at the box, and keep their arrow and bar, which are at the
	// claim's end.
	var claim argmap.Node
	for _, n := range m.Nodes {
		if n.ID == as[0].ID {
			claim = n
		}
	}
	top := argmap.Box{X0: claim.X, Y0: claim.Y, X1: claim.X + argmap.NodeWidth, Y1: claim.Y + argmap.NodeHeight + 10}
	part := readSVG(t, m.SVG(top))
	if part.nodes != 1 || part.lines != 2 || part.arrows != 1 || part.bars != 1 {
		t.Errorf("the claim's box: %+v, want 1 node and both lines, cut", part)
	}
	// A box below the claim, by the evidence: the lines lose their ends.
	var evidence argmap.Node
	for _, n := range m.Nodes {
		if n.ID == as[1].ID {
			evidence = n
		}
	}
	low := argmap.Box{X0: 0, Y0: evidence.Y - 5, X1: m.Width, Y1: m.Height}
	if p := readSVG(t, m.SVG(low)); p.arrows+p.bars != 0 || p.lines != 2 {
		t.Errorf("below the claim: %+v, want both lines, with no arrow or bar", p)
	}
	far := argmap.Box{X0: m.Width + 1000, Y0: 0, X1: m.Width + 2000, Y1: 100}
	if p := readSVG(t, m.SVG(far)); p.nodes+p.lines != 0 {
		t.Errorf("a box off the map drew %+v", p)
	}
}
