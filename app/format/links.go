package format

import (
	"fmt"
	"strconv"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

// Version 2 of claimmark JSON adds a prediction's fields to its
// annotation (by, probability, outcome, outcomeDate, outcomeNote, each
// left out when empty) and, after "unplaced", the links:
//
//	"links": [
//	  {"id": "...", "from": "<annotation id>", "to": "<annotation id>",
//	   "type": "supports", "created": "2026-12-01T10:00:00.000Z"}
//	]
//
// type is supports, undermines or follows-from. A link's ends are
// annotations of the file, placed or not, and its type fits their tags.

// FileLink is a link as a file lists it.
type FileLink struct {
	ID      string              `json:"id"`
	From    string              `json:"from"`
	To      string              `json:"to"`
	Type    annotation.Relation `json:"type"`
	Created time.Time           `json:"created"`
}

var forecastKeys = []string{"by", "probability", "outcome", "outcomeDate", "outcomeNote"}

var linkKeys = []string{"id", "from", "to", "type", "created"}

// linksOf lists the links of as, in their order.
func linksOf(as []annotation.Annotation) []FileLink {
	var ls []FileLink
	for _, a := range as {
		for _, l := range a.Links {
			ls = append(ls, FileLink{ID: l.ID, From: a.ID, To: l.To, Type: l.Type, Created: l.Created})
		}
	}
	return ls
}

// readForecastField reads one of forecastKeys into f; it reports false
// for any other key.
func (p *parser) readForecastField(path jpath, key string, f *annotation.Forecast) (bool, error) {
	var err error
	switch key {
	case "by":
		f.By, err = p.readString(path)
	case "probability":
		var n int
		n, err = p.readInt(path)
		f.Probability = annotation.Percent(n)
	case "outcome":
		var s string
		s, err = p.readString(path)
		f.Outcome = annotation.Outcome(s)
	case "outcomeDate":
		f.OutcomeDate, err = p.readString(path)
	case "outcomeNote":
		f.OutcomeNote, err = p.readString(path)
	default:
		return false, nil
	}
	return true, err
}

// appendForecast writes f's fields as encoding/json writes the embedded
// struct: each after a comma and a new line, the empty ones left out.
func appendForecast(b []byte, indent string, f annotation.Forecast) []byte {
	field := func(key string) {
		b = append(b, ",\n"...)
		b = append(b, indent...)
		b = append(b, '"')
		b = append(b, key...)
		b = append(b, "\": "...)
	}
	if f.By != "" {
		field("by")
		b = AppendJSONString(b, f.By)
	}
	if f.Probability != nil {
		field("probability")
		b = strconv.AppendInt(b, int64(*f.Probability), 10)
	}
	for _, kv := range [...]struct{ key, value string }{{"outcome", string(f.Outcome)}, {"outcomeDate", f.OutcomeDate}, {"outcomeNote", f.OutcomeNote}} {
		if kv.value != "" {
			field(kv.key)
			b = AppendJSONString(b, kv.value)
		}
	}
	return b
}

// appendLinks writes a file's "links" key and array.
func appendLinks(b []byte, ls []FileLink) []byte {
	b = append(b, ",\n  \"links\": ["...)
	for i, l := range ls {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    {\n      \"id\": "...)
		b = AppendJSONString(b, l.ID)
		b = append(b, ",\n      \"from\": "...)
		b = AppendJSONString(b, l.From)
		b = append(b, ",\n      \"to\": "...)
		b = AppendJSONString(b, l.To)
		b = append(b, ",\n      \"type\": "...)
		b = AppendJSONString(b, string(l.Type))
		b = append(b, ",\n      \"created\": \""...)
		b = appendTime(b, l.Created)
		b = append(b, "\"\n    }"...)
	}
	return append(b, "\n  ]"...)
}

// readLinks reads a file's links, and where each starts.
func (d *fileDecoder) readLinks() ([]FileLink, error) {
	p := d.p
	var ls []FileLink
	err := p.readArray(constant("links"), func(i int) error {
		path := jpath{base: "links", index: i}
		p.space()
		d.linkAt = append(d.linkAt, p.pos)
		var l FileLink
		err := p.readObject(path, func(key string, at int) error {
			fp := path.with(key)
			var err error
			switch key {
			case "id":
				l.ID, err = p.readString(fp)
			case "from":
				l.From, err = p.readString(fp)
			case "to":
				l.To, err = p.readString(fp)
			case "type":
				var s string
				s, err = p.readString(fp)
				l.Type = annotation.Relation(s)
			case "created":
				l.Created, err = p.readTime(fp)
			default:
				err = unknownKey(p.data, at, path.String(), key, linkKeys)
			}
			return err
		})
		ls = append(ls, l)
		return err
	})
	return ls, err
}

// attachLinks gives each link of ls to the annotation it comes from, in
// all (placed, then unplaced), and checks them all. It returns the index
// in ls of a link that is wrong, with why.
func attachLinks(all []annotation.Annotation, ls []FileLink) (int, error) {
	at := make(map[string]int, len(all))
	for i, a := range all {
		at[a.ID] = i
	}
	index := make(map[string]int, len(ls))
	for i, l := range ls {
		from, ok := at[l.From]
		if !ok {
			return i, fmt.Errorf("from %s, which is not an annotation of this file", l.From)
		}
		link := annotation.Link{ID: l.ID, To: l.To, Type: l.Type, Created: l.Created}
		if err := link.Check(l.From); err != nil {
			return i, err
		}
		if _, ok := index[l.ID]; !ok {
			index[l.ID] = i
		}
		all[from].Links = append(all[from].Links, link)
	}
	if err := annotation.CheckLinks(all); err != nil {
		if le, ok := err.(*annotation.LinkError); ok {
			// The second link with an id is the one at fault.
			for i := len(ls) - 1; i >= 0; i-- {
				if ls[i].ID == le.LinkID {
					return i, le.Err
				}
			}
		}
		return 0, err
	}
	return -1, nil
}
