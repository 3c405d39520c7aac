package format

// # W3C Web Annotation
//
// EncodeWebAnnotation writes the annotations of a document as a W3C Web
// Annotation (https://www.w3.org/TR/annotation-model/) JSON-LD
// AnnotationCollection whose embedded first AnnotationPage holds them, in
// document order, in items. Each annotation has the Web Annotation
// context, an id urn:uuid:<id>, motivation "tagging", a TextualBody with
// purpose "tagging" whose value is the tag, a second TextualBody with
// purpose "commenting" when there is a note, created and modified, and a
// SpecificResource target whose source is urn:sha256:<hex of the canonical
// text> with a TextQuoteSelector (exact, prefix, suffix) and a
// TextPositionSelector (start, end in code points); an unplaced annotation
// has the quote selector alone.
//
// DecodeWebAnnotation reads that, and what other tools write: one
// annotation, an array of them, a page or a collection with an embedded
// first page; body and target as an object, an array or an IRI; the
// motivations tagging, classifying, commenting and highlighting. Unknown
// keys are ignored. The tag is the value of a body with purpose tagging or
// classifying (or of a body with no purpose when the motivation is
// tagging or classifying), trimmed and in lower case; it must be claim,
// evidence or prediction. Notes are the values of commenting bodies.

import (
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

// WebAnnotationContext is the JSON-LD context of the Web Annotation model.
const WebAnnotationContext = "http://www.w3.org/ns/anno.jsonld"

// SourceIRI names a document by the hash of its canonical text.
func SourceIRI(d *document.Document) string { return "urn:sha256:" + d.SHA256 }

type waCollection struct {
	Context string `json:"@context"`
	ID      string `json:"id"`
	Type    string `json:"type"`
	Label   string `json:"label"`
	Total   int    `json:"total"`
	First   waPage `json:"first"`
}

type waPage struct {
	ID         string `json:"id"`
	Type       string `json:"type"`
	StartIndex int    `json:"startIndex"`
	Items      []any  `json:"items"`
}

type waAnnotation struct {
	Context    string   `json:"@context"`
	ID         string   `json:"id"`
	Via        string   `json:"via,omitempty"`
	Type       string   `json:"type"`
	Motivation string   `json:"motivation"`
	Created    string   `json:"created"`
	Modified   string   `json:"modified"`
	Body       []waBody `json:"body"`
	Target     waTarget `json:"target"`
}

type waBody struct {
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
	Value   string `json:"value"`
	Format  string `json:"format,omitempty"`
}

type waTarget struct {
	Type     string       `json:"type"`
	Source   string       `json:"source"`
	Selector []waSelector `json:"selector"`
}

type waSelector struct {
	Type   string  `json:"type"`
	Exact  *string `json:"exact,omitempty"`
	Prefix *string `json:"prefix,omitempty"`
	Suffix *string `json:"suffix,omitempty"`
	Start  *int    `json:"start,omitempty"`
	End    *int    `json:"end,omitempty"`
}

// timeFormat is RFC 3339 in UTC to the millisecond, as xsd:dateTime reads it.
const timeFormat = "2006-01-02T15:04:05.000Z07:00"

// appendTime appends t in UTC as timeFormat gives it, digit by digit:
// formatting times was a quarter of encoding a file of annotations.
func appendTime(b []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, timeFormat)
	}
	hour, minute, second := t.Clock()
	var buf [24]byte
	put := func(at, v, n int) {
		for i := at + n - 1; i >= at; i-- {
			buf[i] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, year, 4)
	buf[4] = '-'
	put(5, int(month), 2)
	buf[7] = '-'
	put(8, day, 2)
	buf[10] = 'T'
	put(11, hour, 2)
	buf[13] = ':'
	put(14, minute, 2)
	buf[16] = ':'
	put(17, second, 2)
	buf[19] = '.'
	put(20, t.Nanosecond()/1e6, 3)
	buf[23] = 'Z'
	return append(b, buf[:]...)
}

// EncodeWebAnnotation writes d's annotations as a W3C AnnotationCollection.
func EncodeWebAnnotation(w io.Writer, d *document.Document, as []annotation.Annotation) error {
	sorted := append([]annotation.Annotation(nil), as...)
	annotation.Sort(sorted)
	source := SourceIRI(d)
	items := make([]any, len(sorted), len(sorted)+annotation.CountLinks(sorted))
	for i, a := range sorted {
		body := []waBody{{Type: "TextualBody", Purpose: "tagging", Value: string(a.Tag)}}
		if a.Note != "" {
			body = append(body, waBody{Type: "TextualBody", Purpose: "commenting", Value: a.Note, Format: "text/plain"})
		}
		body = append(body, forecastBodies(a.Forecast)...)
		selectors := []waSelector{{Type: "TextQuoteSelector", Exact: &a.Exact, Prefix: &a.Prefix, Suffix: &a.Suffix}}
		if a.Placed() {
			start, end := a.Start, a.End
			selectors = append(selectors, waSelector{Type: "TextPositionSelector", Start: &start, End: &end})
		}
		id, via := waID(a)
		items[i] = waAnnotation{
			Context:    WebAnnotationContext,
			ID:         id,
			Via:        via,
			Type:       "Annotation",
			Motivation: "tagging",
			Created:    a.Created.UTC().Format(timeFormat),
			Modified:   a.Modified.UTC().Format(timeFormat),
			Body:       body,
			Target: waTarget{
				Type:     "SpecificResource",
				Source:   source,
				Selector: selectors,
			},
		}
	}
	items = append(items, linkItems(sorted)...)
	c := waCollection{
		Context: WebAnnotationContext,
		ID:      source + "#annotations",
		Type:    "AnnotationCollection",
		Label:   d.Title,
		Total:   len(items),
		First:   waPage{ID: source + "#annotations-page-1", Type: "AnnotationPage", Items: items},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(c)
}

// Imported is what a decoder read: annotations not yet placed in a
// document. Start and End are -1 when the file gave no position.
type Imported struct {
	Source      string // the target source of the annotations, if they share one
	Title       string
	Shape       string // what the file was read as, such as "a Hypothesis export"
	Annotations []annotation.Annotation
	// Skipped are the items of the file that are not imported, in file
	// order: what does not fit is left out, and the rest still imports.
	Skipped []Skipped
}

// Skipped is an item of a file that is not imported, and why.
type Skipped struct {
	Path   string // the item's JSON path, such as items[3]
	Line   int    // where it is in the file, from 1; 0 when not known
	Quote  string // the passage it marks, if it has one
	Reason string // the same text for every item left out for the same reason
}

func (imp *Imported) skip(path, quote, reason string) {
	imp.Skipped = append(imp.Skipped, Skipped{Path: path, Quote: quote, Reason: reason})
}

// skipError places an item's error and keeps it as the reason it is
// skipped: a reason a reader can act on as it is, any other error with
// the field it is about.
func (imp *Imported) skipError(data []byte, starts map[string]int64, path, quote string, err error) {
	var r skipReason
	if errors.As(err, &r) {
		imp.skip(path, quote, string(r))
		return
	}
	e := at(data, starts, join(path, fieldOf(err)), unwrapField(err))
	reason := e.Err.Error()
	if f := fieldOf(err); f != "" {
		reason = f + ": " + reason
	}
	imp.Skipped = append(imp.Skipped, Skipped{Path: path, Line: e.Line, Quote: quote, Reason: reason})
}

// lineSkipped gives each skipped item the line where it starts.
func (imp *Imported) lineSkipped(data []byte, starts map[string]int64) {
	for i, sk := range imp.Skipped {
		if off, ok := starts[sk.Path]; ok && sk.Line == 0 {
			imp.Skipped[i].Line, _ = position(data, off)
		}
	}
}

// gathering collects a file's annotations an item at a time.
type gathering struct {
	*Imported
	data         []byte
	starts       map[string]int64
	ids, sources map[string]bool
}

func newGathering(data []byte, starts map[string]int64, shape string) *gathering {
	return &gathering{Imported: &Imported{Shape: shape}, data: data, starts: starts,
		ids: map[string]bool{}, sources: map[string]bool{}}
}

// add takes an item's annotation, or skips it for err or for an id that
// repeats an earlier one, and reports whether it was taken.
func (g *gathering) add(path string, a annotation.Annotation, source string, err error) bool {
	switch {
	case err != nil:
		g.skipError(g.data, g.starts, path, a.Exact, err)
		return false
	case g.ids[a.ID]:
		g.skip(path, a.Exact, reasonRepeatID)
		return false
	}
	g.ids[a.ID] = true
	g.sources[source] = true
	g.Annotations = append(g.Annotations, a)
	return true
}

// done places the skipped items in the file and names the source the
// annotations share, if they share one.
func (g *gathering) done() *Imported {
	g.lineSkipped(g.data, g.starts)
	if len(g.sources) == 1 {
		for s := range g.sources {
			g.Source = s
		}
	}
	return g.Imported
}

// skipReason is why an item is left out, said the same way for every item.
type skipReason string

func (r skipReason) Error() string { return string(r) }

// SkippedSummary counts the skipped items by reason, in a line:
// "a reply to another annotation: 2; a page note, with no passage
// selected: 1" (reasons hold commas, so they are apart by semicolons).
func (imp *Imported) SkippedSummary() string {
	groups := imp.SkippedByReason()
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = fmt.Sprintf("%s: %d", g.Reason, len(g.Items))
	}
	return strings.Join(parts, "; ")
}

// SkippedGroup is the items skipped for one reason, in file order.
type SkippedGroup struct {
	Reason string
	Items  []Skipped
}

// SkippedByReason groups the skipped items by reason, in the order the
// reasons first occur.
func (imp *Imported) SkippedByReason() []SkippedGroup {
	var groups []SkippedGroup
	at := map[string]int{}
	for _, s := range imp.Skipped {
		i, ok := at[s.Reason]
		if !ok {
			i = len(groups)
			at[s.Reason] = i
			groups = append(groups, SkippedGroup{Reason: s.Reason})
		}
		groups[i].Items = append(groups[i].Items, s)
	}
	return groups
}

// DecodeWebAnnotation reads W3C Web Annotation JSON-LD. Annotations get
// now as created and modified time when the file has none.
func DecodeWebAnnotation(r io.Reader, now time.Time) (*Imported, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, err
	}
	top, err := parseJSON(data)
	if err != nil {
		return nil, err
	}
	return decodeWebAnnotation(data, top, now)
}

func decodeWebAnnotation(data []byte, top any, now time.Time) (*Imported, error) {
	starts := map[string]int64{"": 0}
	items, basePath, label, err := waItems(top)
	if err != nil {
		return nil, at(data, starts, basePath, err)
	}
	_, single := top.(*object)
	single = single && basePath == ""
	itemPath := func(i int) string {
		if single {
			return ""
		}
		return fmt.Sprintf("%s[%d]", basePath, i)
	}
	if err := annotation.CheckCount(len(items)); err != nil {
		return nil, at(data, starts, basePath, err)
	}
	g := newGathering(data, starts, waShape(top, basePath))
	g.Title = label
	var links []FileLink
	var linkPaths []string
	for i, item := range items {
		path := itemPath(i)
		if o, ok := item.(*object); ok {
			starts[path] = int64(o.at)
			if isLinking(o) {
				l, err := waDecodeLink(o, now)
				if err != nil {
					g.skipError(data, starts, path, "", err)
					continue
				}
				links, linkPaths = append(links, l), append(linkPaths, path)
				continue
			}
		}
		a, source, err := waDecodeAnnotation(item, now)
		g.add(path, a, source, err)
	}
	g.attachLinks(data, starts, links, linkPaths)
	return g.done(), nil
}

// attachLinks adds the links whose ends were both imported and that fit
// their tags; the others are skipped, each with its reason.
func (imp *Imported) attachLinks(data []byte, starts map[string]int64, links []FileLink, paths []string) {
	known := make(map[string]bool, len(imp.Annotations))
	for _, a := range imp.Annotations {
		known[a.ID] = true
	}
	keep, keepPaths := links[:0:0], paths[:0:0]
	for i, l := range links {
		if !known[l.From] || !known[l.To] {
			imp.skip(paths[i], "", reasonLinkEnd)
			continue
		}
		keep, keepPaths = append(keep, l), append(keepPaths, paths[i])
	}
	for len(keep) > 0 {
		for i := range imp.Annotations {
			imp.Annotations[i].Links = nil
		}
		i, err := attachLinks(imp.Annotations, keep)
		if err == nil {
			return
		}
		imp.skipError(data, starts, keepPaths[i], "", err)
		keep, keepPaths = slices.Delete(keep, i, i+1), slices.Delete(keepPaths, i, i+1)
	}
}

// waShape names the shape of a W3C file.
func waShape(top any, basePath string) string {
	switch basePath {
	case "":
		if _, ok := top.(*array); ok {
			return "a list of W3C Web Annotations"
		}
		return "a W3C Web Annotation"
	case "items":
		return "a W3C AnnotationPage"
	}
	return "a W3C AnnotationCollection"
}

// waItems finds the annotations in any of the shapes a file may have and
// the JSON path of their list.
func waItems(top any) (items []any, path, label string, err error) {
	if list, ok := top.(*array); ok {
		return list.items, "", "", nil
	}
	obj, ok := top.(*object)
	if !ok {
		return nil, "", "", errors.New("not a Web Annotation: expected an object or an array")
	}
	label, _ = obj.get("label").(string)
	switch {
	case hasType(obj, "Annotation"):
		return []any{obj}, "", label, nil
	case hasType(obj, "AnnotationPage"):
		list, ok := obj.get("items").(*array)
		if !ok {
			return nil, "items", label, errors.New("an AnnotationPage needs an items array")
		}
		return list.items, "items", label, nil
	case hasType(obj, "AnnotationCollection"):
		first, ok := obj.get("first").(*object)
		if !ok {
			return nil, "first", label, errors.New("the collection's first page must be embedded in the file, not linked")
		}
		list, ok := first.get("items").(*array)
		if !ok {
			return nil, "first.items", label, errors.New("an AnnotationPage needs an items array")
		}
		if next := first.get("next"); next != nil {
			return nil, "first.next", label, errors.New("the collection has more pages than the file holds")
		}
		return list.items, "first.items", label, nil
	}
	return nil, "type", label, errors.New("not a Web Annotation: type is not Annotation, AnnotationPage or AnnotationCollection")
}

// fieldError carries the key of the annotation where a decoding error is.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }

func fieldOf(err error) string {
	var fe *fieldError
	if errors.As(err, &fe) {
		return fe.field
	}
	return ""
}

func unwrapField(err error) error {
	var fe *fieldError
	if errors.As(err, &fe) {
		return fe.err
	}
	return err
}

func failAt(field, format string, args ...any) error {
	return &fieldError{field: field, err: fmt.Errorf(format, args...)}
}

func waDecodeAnnotation(v any, now time.Time) (annotation.Annotation, string, error) {
	obj, ok := v.(*object)
	if !ok {
		return annotation.Annotation{}, "", errors.New("an annotation must be an object")
	}
	if !hasType(obj, "Annotation") {
		return annotation.Annotation{}, "", failAt("type", "is not Annotation")
	}
	a := annotation.Annotation{Start: -1, End: -1}
	id, _ := obj.get("id").(string)
	if id == "" {
		return a, "", failAt("id", "is missing: a Web Annotation must have an IRI")
	}
	a.ID, a.Foreign = waImportID(obj, id)
	if len(a.Foreign) > annotation.MaxForeignLen {
		return a, "", failAt("id", "is %d bytes long; claimmark keeps an id from another tool of up to %d", len(a.Foreign), annotation.MaxForeignLen)
	}
	var err error
	if a.Created, err = waTime(obj, "created", now); err != nil {
		return a, "", err
	}
	if a.Modified, err = waTime(obj, "modified", a.Created); err != nil {
		return a, "", err
	}
	motivations := strings.Fields(strings.Join(stringsOf(obj.get("motivation")), " "))
	if err := waBodies(&a, obj.get("body"), motivations); err != nil {
		return a, "", err
	}
	source, err := waDecodeTarget(&a, obj.get("target"))
	return a, source, err
}

// waID is the IRI an annotation is written with: the id it had in the
// tool it came from, so that the tool updates its own annotation when the
// file goes back to it, or claimmark's own id with that tool's as via.
func waID(a annotation.Annotation) (id, via string) {
	if a.Foreign == "" {
		return "urn:uuid:" + a.ID, ""
	}
	if idFromIRI(a.Foreign) == a.ID {
		return a.Foreign, ""
	}
	return "urn:uuid:" + a.ID, a.Foreign
}

// waImportID is the reverse of waID: an annotation's claimmark id, and
// its id in the tool it came from.
func waImportID(obj *object, id string) (ours, foreign string) {
	ours = idFromIRI(id)
	if _, isUUID := strings.CutPrefix(id, "urn:uuid:"); isUUID && len(id) == len("urn:uuid:")+36 {
		for _, key := range [...]string{"via", "canonical"} {
			if v := stringsOf(obj.get(key)); len(v) > 0 && v[0] != "" && v[0] != id {
				return ours, v[0]
			}
		}
		return ours, ""
	}
	return ours, id
}

// idFromIRI keeps the UUID of a urn:uuid IRI; any other IRI is named by a
// UUID made from it (version 5 style, SHA-1), so importing the same file
// twice finds the same ids.
func idFromIRI(iri string) string {
	if u, ok := strings.CutPrefix(iri, "urn:uuid:"); ok && len(u) == 36 {
		return strings.ToLower(u)
	}
	sum := sha1.Sum([]byte(iri))
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

func waTime(obj *object, key string, fallback time.Time) (time.Time, error) {
	s, ok := obj.get(key).(string)
	if !ok || s == "" {
		return annotation.Timestamp(fallback), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, failAt(key, "%q is not an RFC 3339 date and time", s)
	}
	return annotation.Timestamp(t), nil
}

func waBodies(a *annotation.Annotation, v any, motivations []string) error {
	tagging := slices.Contains(motivations, "tagging") || slices.Contains(motivations, "classifying")
	var tags, notes []string
	var err error
	for _, b := range listOf(v) {
		body, ok := b.(*object)
		if !ok {
			continue // an IRI body carries no text claimmark can read
		}
		value, _ := body.get("value").(string)
		purposes := stringsOf(body.get("purpose"))
		switch {
		case slices.Contains(purposes, "tagging"), slices.Contains(purposes, "classifying"):
			tags = append(tags, value)
		case slices.Contains(purposes, "commenting"):
			notes = append(notes, value)
		case len(purposes) == 0 && tagging:
			tags = append(tags, value)
		case len(purposes) == 0 && slices.Contains(motivations, "commenting"):
			notes = append(notes, value)
		}
	}
	tag, others, reason := pickTag(tags)
	if reason != "" {
		return skipReason(reason)
	}
	a.Tag = tag
	if len(others) > 0 {
		notes = append(notes, "Tags: "+strings.Join(others, ", "))
	}
	a.Note = strings.Join(notes, "\n\n")
	if a.Forecast, err = readForecastBodies(v); err != nil {
		return err
	}
	if a.Tag != annotation.Prediction && !a.Forecast.IsZero() {
		return failAt("body", "only a prediction has a due date, probability or outcome, and this is tagged %s", a.Tag)
	}
	if err := a.Forecast.Check(); err != nil {
		return failAt("body", "%v", err)
	}
	if err := annotation.CheckNote(a.Note); err != nil {
		return failAt("body", "its commenting bodies make a note of %s", err.(*annotation.FieldError).Reason)
	}
	return nil
}

func waDecodeTarget(a *annotation.Annotation, v any) (string, error) {
	targets := listOf(v)
	if len(targets) == 0 {
		return "", failAt("target", "is missing")
	}
	if len(targets) > 1 {
		return "", failAt("target", "has %d targets; claimmark takes one passage", len(targets))
	}
	t, ok := targets[0].(*object)
	if !ok {
		return "", failAt("target", "is a whole resource, not a passage of it")
	}
	source, _ := t.get("source").(string)
	var quote, position bool
	for _, s := range listOf(t.get("selector")) {
		sel, ok := s.(*object)
		if !ok {
			continue
		}
		switch {
		case hasType(sel, "TextQuoteSelector"):
			exact, ok := sel.get("exact").(string)
			if !ok || exact == "" {
				return "", failAt("target", "TextQuoteSelector has no exact text")
			}
			a.Exact = exact
			a.Prefix, _ = sel.get("prefix").(string)
			a.Suffix, _ = sel.get("suffix").(string)
			quote = true
		case hasType(sel, "TextPositionSelector"):
			start, ok1 := wholeNumber(sel.get("start"))
			end, ok2 := wholeNumber(sel.get("end"))
			if !ok1 || !ok2 {
				return "", failAt("target", "TextPositionSelector start and end must be whole numbers ≥ 0")
			}
			if start >= end {
				return "", failAt("target", "TextPositionSelector end %d is not after start %d", end, start)
			}
			a.Start, a.End = start, end
			position = true
		}
	}
	if !quote && !position {
		return "", failAt("target", "has no TextQuoteSelector or TextPositionSelector")
	}
	return source, nil
}

func wholeNumber(v any) (int, bool) {
	n, ok := v.(number)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || f < 0 || f != float64(int(f)) || f > 1<<40 {
		return 0, false
	}
	return int(f), true
}

// listOf reads a JSON-LD value that may be one item or an array of them.
func listOf(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case *array:
		return v.items
	default:
		return []any{v}
	}
}

func stringsOf(v any) []string {
	var out []string
	for _, x := range listOf(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func hasType(obj *object, t string) bool {
	return slices.Contains(stringsOf(obj.get("type")), t)
}
