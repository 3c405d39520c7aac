package format

// # Hypothesis
//
// The Hypothesis client and API write annotations with no "type": the
// client's export {export_date, export_userid, client_version,
// annotations}, the search reply {total, rows}, a bare array of them, or
// one. Each has tags, text (Markdown), created, updated, id, uri,
// references (on replies) and target, a list whose first item has the
// selectors. The shapes are those of hypothesis/client's
// src/types/api.ts and its annotations exporter.
//
// An annotation with exactly one of the tags claim, evidence or
// prediction, in any letter case, is taken with that tag; its other tags
// are kept at the end of the note, as a line "Tags: …". Replies, page
// notes (no selector) and annotations with none or several of the three
// tags are skipped, each with its reason.

import (
	"crypto/sha1"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

// The reasons an item is skipped that a reader can act on, the same text
// for every item, so that a preview can group them.
const (
	reasonReply     = "a reply to another annotation"
	reasonPageNote  = "a page note, with no passage selected"
	reasonNoTag     = "no claim, evidence or prediction tag"
	reasonManyTags  = "more than one of the tags claim, evidence and prediction"
	reasonRepeatID  = "its id repeats an earlier annotation's"
	reasonLinkEnd   = "a link to or from an annotation that is skipped"
	hypothesisShape = "Hypothesis"
)

// hypothesisItems finds the annotations of a Hypothesis file, the JSON
// path of their list and the name of the shape, or ok false when top is
// not in one of Hypothesis's shapes.
func hypothesisItems(top any) (items []any, path, shape string, ok bool) {
	switch v := top.(type) {
	case *array:
		objects := 0
		for _, item := range v.items {
			if o, isObj := item.(*object); isObj {
				if !isHypothesisAnnotation(o) {
					return nil, "", "", false
				}
				objects++
			}
		}
		return v.items, "", "a list of Hypothesis annotations", objects > 0
	case *object:
		if list, isList := v.get("annotations").(*array); isList && (v.get("export_date") != nil || v.get("client_version") != nil) {
			return list.items, "annotations", "a Hypothesis export", true
		}
		if list, isList := v.get("rows").(*array); isList && v.get("total") != nil {
			return list.items, "rows", "a Hypothesis search reply", true
		}
		if isHypothesisAnnotation(v) {
			return []any{v}, "", "a Hypothesis annotation", true
		}
	}
	return nil, "", "", false
}

// isHypothesisAnnotation tells a Hypothesis annotation, which has no type,
// from a W3C one, which must have one.
func isHypothesisAnnotation(o *object) bool {
	if o.get("type") != nil || o.get("@context") != nil {
		return false
	}
	_, hasTarget := o.get("target").(*array)
	return hasTarget && (o.get("uri") != nil || o.get("tags") != nil || o.get("text") != nil)
}

func decodeHypothesis(data []byte, items []any, basePath, shape string, single bool, now time.Time) (*Imported, error) {
	starts := map[string]int64{"": 0}
	if err := annotation.CheckCount(len(items)); err != nil {
		return nil, at(data, starts, basePath, err)
	}
	g := newGathering(data, starts, shape)
	for i, item := range items {
		path := basePath
		if !single {
			path = fmt.Sprintf("%s[%d]", basePath, i)
		}
		o, ok := item.(*object)
		if !ok {
			g.skip(path, "", "not an annotation: "+kindOf(item))
			continue
		}
		starts[path] = int64(o.at)
		a, source, err := hypothesisAnnotation(o, now)
		if g.add(path, a, source, err) && g.Title == "" {
			g.Title = hypothesisTitle(o)
		}
	}
	return g.done(), nil
}

// hypothesisAnnotation reads one annotation. A skipReason says why it is
// skipped; an error, that it is malformed.
func hypothesisAnnotation(o *object, now time.Time) (a annotation.Annotation, source string, err error) {
	a = annotation.Annotation{Start: annotation.Unplaced, End: annotation.Unplaced}
	targets := listOf(o.get("target"))
	var target *object
	if len(targets) > 0 {
		target, _ = targets[0].(*object)
	}
	var position bool
	if target != nil {
		source, _ = target.get("source").(string)
		for _, s := range listOf(target.get("selector")) {
			sel, ok := s.(*object)
			if !ok {
				continue
			}
			switch {
			case hasType(sel, "TextQuoteSelector"):
				a.Exact, _ = sel.get("exact").(string)
				a.Prefix, _ = sel.get("prefix").(string)
				a.Suffix, _ = sel.get("suffix").(string)
			case hasType(sel, "TextPositionSelector"):
				start, ok1 := wholeNumber(sel.get("start"))
				end, ok2 := wholeNumber(sel.get("end"))
				position = ok1 && ok2 && start < end
			}
		}
	}
	if source == "" {
		source, _ = o.get("uri").(string)
	}
	if len(stringsOf(o.get("references"))) > 0 {
		return a, source, skipReason(reasonReply)
	}
	if a.Exact == "" {
		if !position {
			return a, source, skipReason(reasonPageNote)
		}
		// Its position counts UTF-16 units of its own page's text, which
		// says nothing of where the passage is in claimmark's.
		return a, source, failAt("target", "has a position but no TextQuoteSelector, and a Hypothesis position cannot be placed in another copy of the text")
	}
	tag, others, reason := pickTag(stringsOf(o.get("tags")))
	if reason != "" {
		return a, source, skipReason(reason)
	}
	a.Tag = tag
	a.Note, _ = o.get("text").(string)
	if len(others) > 0 {
		a.Note = strings.TrimRight(a.Note, "\n")
		if a.Note != "" {
			a.Note += "\n\n"
		}
		a.Note += "Tags: " + strings.Join(others, ", ")
	}
	if err := annotation.CheckNote(a.Note); err != nil {
		return a, source, failAt("text", "makes a note of %s", err.(*annotation.FieldError).Reason)
	}
	if a.Created, err = waTime(o, "created", now); err != nil {
		return a, source, err
	}
	if a.Modified, err = waTime(o, "updated", a.Created); err != nil {
		return a, source, err
	}
	a.Foreign = hypothesisIRI(o)
	if len(a.Foreign) > annotation.MaxForeignLen {
		return a, source, failAt("id", "is %d bytes long; claimmark keeps an id from another tool of up to %d", len(a.Foreign), annotation.MaxForeignLen)
	}
	if a.Foreign != "" {
		a.ID = idFromIRI(a.Foreign)
	} else {
		// A draft that was never saved has no id: one is made from what it
		// says, so that importing it twice finds the same annotation.
		sum := sha1.Sum([]byte(source + "\x00" + a.Exact + "\x00" + a.Prefix + "\x00" + a.Created.Format(timeFormat)))
		a.ID = idFromIRI(fmt.Sprintf("urn:sha1:%x", sum))
	}
	return a, source, nil
}

// hypothesisIRI is the IRI of an annotation on its Hypothesis service: the
// link the service gives it, or the public service's when it gives none.
func hypothesisIRI(o *object) string {
	if links, ok := o.get("links").(*object); ok {
		if html, ok := links.get("html").(string); ok && strings.Contains(html, "://") {
			return html
		}
	}
	if id, ok := o.get("id").(string); ok && id != "" {
		return "https://hypothes.is/a/" + id
	}
	return ""
}

func hypothesisTitle(o *object) string {
	if doc, ok := o.get("document").(*object); ok {
		if titles := stringsOf(doc.get("title")); len(titles) > 0 {
			return strings.TrimSpace(titles[0])
		}
	}
	return ""
}

// kindOf names a JSON value of the tree as a reader would.
func kindOf(v any) string {
	switch v.(type) {
	case *object:
		return "an object"
	case *array:
		return "an array"
	case string:
		return "a string"
	case number:
		return "a number"
	case bool:
		return "true or false"
	case nil:
		return "null"
	}
	return "a value"
}

// pickTag takes the one tag of several that is claim, evidence or
// prediction, in any letter case, and gives back the others to keep in the
// note. With none or several of ours it gives the reason to skip instead.
func pickTag(tags []string) (tag annotation.Tag, others []string, reason string) {
	var ours []annotation.Tag
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if tag := annotation.Tag(strings.ToLower(t)); tag.Valid() {
			if !slices.Contains(ours, tag) {
				ours = append(ours, tag)
			}
		} else if t != "" {
			others = append(others, t)
		}
	}
	switch len(ours) {
	case 0:
		return "", others, reasonNoTag
	case 1:
		return ours[0], others, ""
	}
	return "", others, reasonManyTags
}
