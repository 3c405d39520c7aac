package format

// # Argdown
//
// EncodeArgdown writes the argument as Argdown (https://argdown.org): the
// title as a heading, then every placed passage in the order of the text
// as a statement titled by its tag and number, "[Claim 1]: <quote>
// #claim", then, under each passage that something links to, its
// relations: "+ [Evidence 2]" for what supports it, "- [Evidence 3]" for
// what undermines it. A prediction that follows from a claim or evidence
// is supported by it: "[Prediction 4]" gets "+ [Claim 1]". Characters
// that Argdown reads as syntax are escaped with a backslash.
//
// # AIF
//
// EncodeAIF writes the argument in the JSON form of the Argument
// Interchange Format that AIFdb and OVA read: {"nodes", "edges",
// "locutions"}. Each passage is an I-node (its text the quote) with the
// annotation's id as its nodeID; each link is an S-node with the link's id,
// an RA-node ("Default Inference") for supports and follows-from, a
// CA-node ("Default Conflict") for undermines, with an edge from the
// premise's I-node to it and one from it to the conclusion's. For
// supports and undermines the premise is the passage the link comes from;
// for follows-from it is the one it goes to (the prediction is the
// conclusion). Unplaced passages are left out of both, with their links.

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

// premise returns a link's premise and conclusion: the passage that
// gives a reason, and the one it bears on.
func premise(from string, l annotation.Link) (string, string) {
	if l.Type == annotation.FollowsFrom {
		return l.To, from
	}
	return from, l.To
}

// placedInOrder is as's placed annotations in the order of the text.
func placedInOrder(as []annotation.Annotation) []annotation.Annotation {
	var out []annotation.Annotation
	for _, a := range as {
		if a.Placed() {
			out = append(out, a)
		}
	}
	annotation.Sort(out)
	return out
}

// EncodeArgdown writes d's annotations and links as Argdown.
func EncodeArgdown(w io.Writer, d *document.Document, as []annotation.Annotation) error {
	placed := placedInOrder(as)
	title := map[string]string{}
	for i, a := range placed {
		title[a.ID] = fmt.Sprintf("%s %d", a.Tag.Label(), i+1)
	}
	// What bears on each passage, in the order of the text.
	type relation struct {
		premise string
		attacks bool
	}
	on := map[string][]relation{}
	for _, a := range placed {
		for _, l := range a.Links {
			p, c := premise(a.ID, l)
			if title[p] != "" && title[c] != "" {
				on[c] = append(on[c], relation{p, l.Type.Attacks()})
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", argdownEscape(oneLine(d.Title)))
	for _, a := range placed {
		fmt.Fprintf(&b, "\n[%s]: %s #%s\n", title[a.ID], argdownEscape(oneLine(a.Exact)), a.Tag)
	}
	for _, a := range placed {
		rs := on[a.ID]
		if len(rs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n[%s]\n", title[a.ID])
		for _, r := range rs {
			sign := "+"
			if r.attacks {
				sign = "-"
			}
			fmt.Fprintf(&b, "  %s [%s]\n", sign, title[r.premise])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// argdownEscape escapes what Argdown reads as syntax inside a statement:
// brackets, angle brackets, tags, mentions, emphasis, data and comments.
func argdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\[]<>#@*_{}/+-=`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

type aifNode struct {
	NodeID    string `json:"nodeID"`
	Text      string `json:"text"`
	Type      string `json:"type"`
	Timestamp string `json:"timestamp"`
}

type aifEdge struct {
	EdgeID string `json:"edgeID"`
	FromID string `json:"fromID"`
	ToID   string `json:"toID"`
}

// AIF is an argument in the Argument Interchange Format.
type AIF struct {
	Nodes     []aifNode `json:"nodes"`
	Edges     []aifEdge `json:"edges"`
	Locutions []any     `json:"locutions"`
}

// ToAIF returns the argument of as in AIF.
func ToAIF(as []annotation.Annotation) AIF {
	placed := placedInOrder(as)
	f := AIF{Nodes: []aifNode{}, Edges: []aifEdge{}, Locutions: []any{}}
	here := map[string]bool{}
	for _, a := range placed {
		here[a.ID] = true
		f.Nodes = append(f.Nodes, aifNode{NodeID: a.ID, Text: oneLine(a.Exact), Type: "I", Timestamp: a.Created.UTC().Format(timeFormat)})
	}
	for _, a := range placed {
		for _, l := range a.Links {
			p, c := premise(a.ID, l)
			if !here[p] || !here[c] {
				continue
			}
			kind, text := "RA", "Default Inference"
			if l.Type.Attacks() {
				kind, text = "CA", "Default Conflict"
			}
			f.Nodes = append(f.Nodes, aifNode{NodeID: l.ID, Text: text, Type: kind, Timestamp: l.Created.UTC().Format(timeFormat)})
			f.Edges = append(f.Edges, aifEdge{EdgeID: l.ID + "-from", FromID: p, ToID: l.ID}, aifEdge{EdgeID: l.ID + "-to", FromID: l.ID, ToID: c})
		}
	}
	return f
}

// EncodeAIF writes the argument of as as AIF JSON.
func EncodeAIF(w io.Writer, as []annotation.Annotation) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(ToAIF(as))
}
