package format

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

// Links and predictions in W3C Web Annotation.
//
// Each link is an annotation of its own, after the annotations of
// passages, with motivation "linking". Its target lists the IRIs of the
// two annotations it links, the one it comes from first; its body is a
// TextualBody with purpose "classifying" whose value names the relation:
// supports, undermines or follows-from.
//
//	{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:<link id>",
//	 "type": "Annotation", "motivation": "linking", "created": "...", "modified": "...",
//	 "body": [{"type": "TextualBody", "purpose": "classifying", "value": "supports"}],
//	 "target": ["urn:uuid:<from id>", "urn:uuid:<to id>"]}
//
// A prediction's fields are TextualBodies with purpose "assessing", each
// a field's name, a colon and its value, so that other tools show them as
// text:
//
//	by: 2027-06                probability: 88%
//	outcome: came-true         outcome date: 2027-05-02
//	outcome note: <how it was settled>

type waLink struct {
	Context    string   `json:"@context"`
	ID         string   `json:"id"`
	Type       string   `json:"type"`
	Motivation string   `json:"motivation"`
	Created    string   `json:"created"`
	Modified   string   `json:"modified"`
	Body       []waBody `json:"body"`
	Target     []string `json:"target"`
}

func linkItems(as []annotation.Annotation) []any {
	var items []any
	// A link targets its ends by the IRIs they are written with.
	iri := func(id string) string { return "urn:uuid:" + id }
	if slices.ContainsFunc(as, func(a annotation.Annotation) bool { return a.Foreign != "" }) {
		ids := make(map[string]string, len(as))
		for _, a := range as {
			ids[a.ID], _ = waID(a)
		}
		iri = func(id string) string { return ids[id] }
	}
	for _, l := range linksOf(as) {
		items = append(items, waLink{
			Context: WebAnnotationContext, ID: "urn:uuid:" + l.ID, Type: "Annotation", Motivation: "linking",
			Created: l.Created.UTC().Format(timeFormat), Modified: l.Created.UTC().Format(timeFormat),
			Body:   []waBody{{Type: "TextualBody", Purpose: "classifying", Value: string(l.Type)}},
			Target: []string{iri(l.From), iri(l.To)},
		})
	}
	return items
}

func isLinking(o *object) bool {
	for _, m := range stringsOf(o.get("motivation")) {
		if m == "linking" || m == "oa:linking" {
			return true
		}
	}
	return false
}

func waDecodeLink(o *object, now time.Time) (FileLink, error) {
	var l FileLink
	id, _ := o.get("id").(string)
	if id == "" {
		return l, failAt("id", "is missing: a Web Annotation must have an IRI")
	}
	l.ID = idFromIRI(id)
	var err error
	if l.Created, err = waTime(o, "created", now); err != nil {
		return l, err
	}
	var ends []string
	for _, t := range listOf(o.get("target")) {
		switch t := t.(type) {
		case string:
			ends = append(ends, t)
		case *object:
			if s, ok := t.get("id").(string); ok {
				ends = append(ends, s)
			}
		}
	}
	if len(ends) != 2 {
		return l, failAt("target", "a link targets the two annotations it links, and this one targets %d", len(ends))
	}
	l.From, l.To = idFromIRI(ends[0]), idFromIRI(ends[1])
	var names []string
	for _, b := range listOf(o.get("body")) {
		if body, ok := b.(*object); ok {
			if v, ok := body.get("value").(string); ok {
				names = append(names, strings.TrimSpace(v))
			}
		}
	}
	if len(names) != 1 {
		return l, failAt("body", "a link has one body naming its relation (supports, undermines or follows-from), and this one has %d", len(names))
	}
	l.Type = annotation.Relation(strings.ToLower(names[0]))
	if !l.Type.Valid() {
		return l, failAt("body", "%q is not supports, undermines or follows-from", names[0])
	}
	return l, nil
}

func forecastBodies(f annotation.Forecast) []waBody {
	var bs []waBody
	add := func(name, value string) {
		if value != "" {
			bs = append(bs, waBody{Type: "TextualBody", Purpose: "assessing", Value: name + ": " + value, Format: "text/plain"})
		}
	}
	add("by", f.By)
	if f.Probability != nil {
		add("probability", strconv.Itoa(*f.Probability)+"%")
	}
	add("outcome", string(f.Outcome))
	add("outcome date", f.OutcomeDate)
	add("outcome note", f.OutcomeNote)
	return bs
}

// readForecastBodies reads the assessing bodies of v; one that names no
// field of a prediction is refused, rather than lost.
func readForecastBodies(v any) (annotation.Forecast, error) {
	var f annotation.Forecast
	for _, b := range listOf(v) {
		body, ok := b.(*object)
		if !ok || !hasPurpose(body, "assessing") {
			continue
		}
		value, _ := body.get("value").(string)
		name, rest, ok := strings.Cut(value, ":")
		rest = strings.TrimPrefix(rest, " ") // as forecastBodies wrote it
		switch name = strings.TrimSpace(name); {
		case !ok:
			return f, failAt("body", "assessing body %q names no field (by, probability, outcome, outcome date, outcome note)", annotation.Shorten(value, 40))
		case name == "by":
			f.By = rest
		case name == "probability":
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(rest, "%")))
			if err != nil {
				return f, failAt("body", "probability %q is not a percentage such as 80%%", rest)
			}
			f.Probability = annotation.Percent(n)
		case name == "outcome":
			f.Outcome = annotation.Outcome(rest)
		case name == "outcome date":
			f.OutcomeDate = rest
		case name == "outcome note":
			f.OutcomeNote = rest
		default:
			return f, failAt("body", "assessing body names %q, which is not by, probability, outcome, outcome date or outcome note", name)
		}
	}
	return f, nil
}

func hasPurpose(o *object, p string) bool {
	for _, s := range stringsOf(o.get("purpose")) {
		if s == p {
			return true
		}
	}
	return false
}
