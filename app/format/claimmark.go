// Package format reads and writes the files claimmark exports.
//
// # claimmark JSON, version 1
//
// A UTF-8 JSON object, pretty-printed:
//
//	{
//	  "format": "claimmark",
//	  "version": 1,
//	  "document": {"title": "...", "text": "...", "sha256": "..."},
//	  "annotations": [
//	    {"id": "...", "tag": "claim", "start": 0, "end": 5, "exact": "...",
//	     "prefix": "...", "suffix": "...", "note": "",
//	     "created": "2026-11-27T10:00:00.123Z", "modified": "..."}
//	  ],
//	  "unplaced": [ ...as annotations, without start and end... ],
//	  "exported": "2026-11-27T10:05:00.000Z"
//	}
//
// document.text is the canonical text (see package document) and
// document.sha256 its hex SHA-256, so a file stands alone. Annotations are
// in document order; start and end count Unicode code points, end
// exclusive, and the code points start:end of document.text equal exact.
// prefix and suffix hold up to 32 code points of context on either side.
// tag is one of claim, evidence, prediction. Times are RFC 3339 in UTC.
// unplaced, left out when empty, holds the annotations that lost their
// place in a changed text. The other formats are described beside their
// code; docs/format.md describes them all for readers.
package format

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

// Name and Version identify claimmark JSON files.
const (
	Name    = "claimmark"
	Version = 2
)

// File is a decoded claimmark JSON file.
type File struct {
	Format      string                  `json:"format"`
	Version     int                     `json:"version"`
	Document    FileDocument            `json:"document"`
	Annotations []annotation.Annotation `json:"annotations"`
	Unplaced    []UnplacedAnnotation    `json:"unplaced,omitempty"`
	Links       []FileLink              `json:"links,omitempty"`
	Exported    time.Time               `json:"exported"`
}

// UnplacedAnnotation is an annotation that lost its place when its text
// changed: all but a position.
type UnplacedAnnotation struct {
	ID       string            `json:"id"`
	Tag      annotation.Tag    `json:"tag"`
	Exact    string            `json:"exact"`
	Prefix   string            `json:"prefix"`
	Suffix   string            `json:"suffix"`
	Note     string            `json:"note"`
	Created  time.Time         `json:"created"`
	Modified time.Time         `json:"modified"`
	Foreign  string            `json:"foreign_id,omitempty"`
	Links    []annotation.Link `json:"-"`
	annotation.Forecast
}

func unplacedOf(a annotation.Annotation) UnplacedAnnotation {
	return UnplacedAnnotation{ID: a.ID, Tag: a.Tag, Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix, Note: a.Note, Created: a.Created, Modified: a.Modified, Foreign: a.Foreign, Links: a.Links, Forecast: a.Forecast}
}

func (u UnplacedAnnotation) annotation() annotation.Annotation {
	return annotation.Annotation{ID: u.ID, Tag: u.Tag, Start: annotation.Unplaced, End: annotation.Unplaced,
		Exact: u.Exact, Prefix: u.Prefix, Suffix: u.Suffix, Note: u.Note, Created: u.Created, Modified: u.Modified, Foreign: u.Foreign, Links: u.Links, Forecast: u.Forecast}
}

// All returns the file's annotations, the unplaced ones last.
func (f *File) All() []annotation.Annotation {
	all := append([]annotation.Annotation(nil), f.Annotations...)
	for _, u := range f.Unplaced {
		all = append(all, u.annotation())
	}
	return all
}

// FileDocument is the document a file's annotations point into.
type FileDocument struct {
	Title  string `json:"title"`
	Text   string `json:"text"`
	SHA256 string `json:"sha256"`
}

// Encode writes d and its annotations as claimmark JSON.
func Encode(w io.Writer, d *document.Document, as []annotation.Annotation, exported time.Time) error {
	f := fileOf(d, as, exported)
	// About 300 bytes an annotation besides its quote and note.
	size := len(d.Text) + 512
	for _, a := range as {
		size += 300 + 2*len(a.Exact) + len(a.Note)
	}
	_, err := w.Write(appendFile(make([]byte, 0, size), f))
	return err
}

// fileOf returns the file of d and its annotations.
func fileOf(d *document.Document, as []annotation.Annotation, exported time.Time) *File {
	// Placed annotations first, in document order; the list is usually
	// that already, and copying or sorting thousands again costs.
	sorted := append([]annotation.Annotation(nil), as...)
	annotation.SortAdded(sorted, 0)
	placed := sort.Search(len(sorted), func(i int) bool { return sorted[i].Start >= 0 })
	f := File{
		Format:      Name,
		Version:     Version,
		Document:    FileDocument{Title: d.Title, Text: d.Text, SHA256: d.SHA256},
		Annotations: sorted[placed:],
		Exported:    exported.UTC().Truncate(time.Second),
	}
	for _, a := range sorted[:placed] {
		f.Unplaced = append(f.Unplaced, unplacedOf(a))
	}
	f.Links = linksOf(f.All())
	return &f
}

// appendFile writes f as encoding/json would with two-space indentation,
// by hand: reflection makes encoding/json several times slower in the
// browser, and a test holds the two to the same bytes.
func appendFile(b []byte, f *File) []byte {
	b = append(b, "{\n  \"format\": "...)
	b = AppendJSONString(b, f.Format)
	b = append(b, ",\n  \"version\": "...)
	b = strconv.AppendInt(b, int64(f.Version), 10)
	b = append(b, ",\n  \"document\": {\n    \"title\": "...)
	b = AppendJSONString(b, f.Document.Title)
	b = append(b, ",\n    \"text\": "...)
	b = AppendJSONString(b, f.Document.Text)
	b = append(b, ",\n    \"sha256\": "...)
	b = AppendJSONString(b, f.Document.SHA256)
	b = append(b, "\n  },\n  \"annotations\": ["...)
	for i := range f.Annotations {
		a := &f.Annotations[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    {\n      \"id\": "...)
		b = AppendJSONString(b, a.ID)
		b = append(b, ",\n      \"tag\": "...)
		b = AppendJSONString(b, string(a.Tag))
		b = append(b, ",\n      \"start\": "...)
		b = strconv.AppendInt(b, int64(a.Start), 10)
		b = append(b, ",\n      \"end\": "...)
		b = strconv.AppendInt(b, int64(a.End), 10)
		b = appendQuoteFields(b, "      ", a.Exact, a.Prefix, a.Suffix, a.Note, a.Created, a.Modified)
		b = appendForeign(b, a.Foreign)
		b = appendForecast(b, "      ", a.Forecast)
		b = append(b, "\n    }"...)
	}
	if len(f.Annotations) > 0 {
		b = append(b, "\n  "...)
	}
	b = append(b, ']')
	if len(f.Unplaced) > 0 {
		b = append(b, ",\n  \"unplaced\": ["...)
		for i, u := range f.Unplaced {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n    {\n      \"id\": "...)
			b = AppendJSONString(b, u.ID)
			b = append(b, ",\n      \"tag\": "...)
			b = AppendJSONString(b, string(u.Tag))
			b = appendQuoteFields(b, "      ", u.Exact, u.Prefix, u.Suffix, u.Note, u.Created, u.Modified)
			b = appendForeign(b, u.Foreign)
			b = appendForecast(b, "      ", u.Forecast)
			b = append(b, "\n    }"...)
		}
		b = append(b, "\n  ]"...)
	}
	if len(f.Links) > 0 {
		b = appendLinks(b, f.Links)
	}
	b = append(b, ",\n  \"exported\": \""...)
	b = appendTime(b, f.Exported)
	return append(b, "\"\n}\n"...)
}

func appendQuoteFields(b []byte, indent, exact, prefix, suffix, note string, created, modified time.Time) []byte {
	for _, kv := range [...]struct{ key, value string }{{"exact", exact}, {"prefix", prefix}, {"suffix", suffix}, {"note", note}} {
		b = append(b, ",\n"...)
		b = append(b, indent...)
		b = append(b, '"')
		b = append(b, kv.key...)
		b = append(b, "\": "...)
		b = AppendJSONString(b, kv.value)
	}
	for _, kv := range [...]struct {
		key   string
		value time.Time
	}{{"created", created}, {"modified", modified}} {
		b = append(b, ",\n"...)
		b = append(b, indent...)
		b = append(b, '"')
		b = append(b, kv.key...)
		b = append(b, "\": \""...)
		b = appendTime(b, kv.value)
		b = append(b, '"')
	}
	return b
}

func appendForeign(b []byte, id string) []byte {
	if id == "" {
		return b
	}
	b = append(b, ",\n      \"foreign_id\": "...)
	return AppendJSONString(b, id)
}

const hexDigits = "0123456789abcdef"

// AppendJSONString writes s as a JSON string the way encoding/json does
// with HTML escaping off: \b \f \n \r \t and other control characters
// escaped, U+2028 and U+2029 escaped, bytes that are not UTF-8 as U+FFFD.
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Keys a claimmark JSON file may hold, by path pattern. Decoding is
// exact about them: no unknown keys, none in other case.
var claimmarkKeys = map[string][]string{
	"":              {"format", "version", "document", "annotations", "unplaced", "links", "exported"},
	"document":      {"title", "text", "sha256"},
	"annotations[]": append([]string{"id", "tag", "start", "end", "exact", "prefix", "suffix", "note", "created", "modified", "foreign_id"}, forecastKeys...),
	"unplaced[]":    append([]string{"id", "tag", "exact", "prefix", "suffix", "note", "created", "modified", "foreign_id"}, forecastKeys...),
}

// Decode reads a claimmark JSON file and checks it all: its size, its
// keys, the format and version, that the text is canonical and matches its
// hash, and every annotation against the text. Errors are *Error, with the
// place in the file.
func Decode(r io.Reader) (*File, *document.Document, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, nil, err
	}
	return decodeClaimmark(data, nil)
}

// decodeClaimmark reads a claimmark JSON file. A file whose text is
// known's takes known as its document rather than building it again.
func decodeClaimmark(data []byte, known *document.Document) (*File, *document.Document, error) {
	dec := &fileDecoder{p: &parser{data: data}}
	f, err := dec.decodeFile()
	if err != nil {
		return nil, nil, err
	}
	fail := func(path string, format string, args ...any) (*File, *document.Document, error) {
		e := &Error{Path: path, Err: fmt.Errorf(format, args...)}
		if at, ok := dec.keyAt[path]; ok {
			e.Line, e.Column = position(data, int64(at))
		}
		return nil, nil, e
	}
	if f.Format != Name {
		return fail("format", "%q is not %q: this is not a claimmark file", f.Format, Name)
	}
	if f.Version != 1 && f.Version != Version {
		return fail("version", "%d is not supported (this claimmark reads versions 1 and %d)", f.Version, Version)
	}
	d := known
	if known == nil || f.Document.Text != known.Text {
		if document.Canonical(f.Document.Text) != f.Document.Text {
			return fail("document.text", "is not in canonical form")
		}
		if d, err = document.New(f.Document.Text); err != nil {
			return fail("document.text", "%v", err)
		}
	}
	if f.Document.SHA256 != d.SHA256 {
		return fail("document.sha256", "%q is not the hash of document.text (%s)", f.Document.SHA256, d.SHA256)
	}
	if err := annotation.CheckCount(len(f.Annotations) + len(f.Unplaced)); err != nil {
		return fail("annotations", "%v", err)
	}
	// ids holds where each id was first seen: an index, unplaced ones
	// after the placed.
	ids := make(map[string]int, len(f.Annotations)+len(f.Unplaced))
	path := func(i int) string {
		if i < len(f.Annotations) {
			return fmt.Sprintf("annotations[%d]", i)
		}
		return fmt.Sprintf("unplaced[%d]", i-len(f.Annotations))
	}
	offsets := append(append([]int(nil), dec.annotationAt...), dec.unplacedAt...)
	failAt := func(i int, err error) (*File, *document.Document, error) {
		line, col := position(data, int64(offsets[i]))
		return nil, nil, &Error{Line: line, Column: col, Path: path(i), Err: err}
	}
	for i := range len(f.Annotations) + len(f.Unplaced) {
		var a annotation.Annotation
		if i < len(f.Annotations) {
			a = f.Annotations[i]
			if !a.Placed() {
				return failAt(i, errors.New("has no position; unplaced annotations belong in unplaced"))
			}
		} else {
			a = f.Unplaced[i-len(f.Annotations)].annotation()
		}
		if err := a.Validate(d); err != nil {
			return failAt(i, err)
		}
		if prev, ok := ids[a.ID]; ok {
			return failAt(i, fmt.Errorf("id %s repeats %s", a.ID, path(prev)))
		}
		ids[a.ID] = i
		if f.Version == 1 && !a.Forecast.IsZero() {
			return failAt(i, errors.New("has a due date, probability or outcome, which version 1 files do not have; make it version 2"))
		}
	}
	if len(f.Links) > 0 {
		if f.Version == 1 {
			return fail("links", "version 1 files have no links; make it version 2")
		}
		all := f.All()
		if i, err := attachLinks(all, f.Links); err != nil {
			line, col := position(data, int64(dec.linkAt[i]))
			return nil, nil, &Error{Line: line, Column: col, Path: fmt.Sprintf("links[%d]", i), Err: err}
		}
		for i := range f.Annotations {
			f.Annotations[i].Links = all[i].Links
		}
		for i := range f.Unplaced {
			f.Unplaced[i].Links = all[len(f.Annotations)+i].Links
		}
	}
	return f, d, nil
}

// FileName makes a file name from a document title and a suffix such as
// ".claimmark.json", dropping characters that file systems refuse.
func FileName(title, suffix string) string {
	var b strings.Builder
	space := false
	for _, r := range title {
		if unicode.IsControl(r) || strings.ContainsRune(`/\:*?"<>|`, r) || unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	name := strings.Trim(b.String(), ". ")
	if r := []rune(name); len(r) > 100 {
		name = strings.TrimSpace(string(r[:100]))
	}
	if name == "" {
		name = "annotations"
	}
	return name + suffix
}

// DecodeAny reads claimmark JSON, W3C Web Annotation, Hypothesis JSON or
// claimmark's CSV, whichever the file is. For claimmark JSON it also
// returns the document the file carries; the others carry no text, so
// the document is nil.
func DecodeAny(r io.Reader, now time.Time) (*Imported, *document.Document, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, nil, err
	}
	if isClaimmark(data) {
		f, d, err := decodeClaimmark(data, nil)
		if err != nil {
			return nil, nil, err
		}
		return &Imported{Source: SourceIRI(d), Title: f.Document.Title, Shape: "claimmark JSON", Annotations: f.All()}, d, nil
	}
	if isCSV(data) {
		imp, err := decodeCSV(data)
		return imp, nil, err
	}
	tree, err := parseJSON(data)
	if err != nil {
		return nil, nil, err
	}
	if items, path, shape, ok := hypothesisItems(tree); ok {
		_, single := tree.(*object)
		imp, err := decodeHypothesis(data, items, path, shape, single && path == "", now)
		return imp, nil, err
	}
	if err := notAnnotations(tree); err != nil {
		return nil, nil, err
	}
	imp, err := decodeWebAnnotation(data, tree, now)
	return imp, nil, err
}

// notAnnotations refuses, whole, a JSON file in none of the shapes
// claimmark reads, saying what it found, since such a file has no
// "type" to name.
func notAnnotations(top any) error {
	const known = "claimmark reads claimmark JSON, W3C Web Annotation and Hypothesis files"
	switch v := top.(type) {
	case *object:
		if v.get("type") != nil || v.get("@context") != nil {
			return nil // W3C, or near it: its own checks say what is wrong
		}
		keys := make([]string, 0, len(v.fields))
		for _, f := range v.fields {
			keys = append(keys, f.key)
		}
		if len(keys) > 8 {
			keys = append(keys[:8], "…")
		}
		if len(keys) == 0 {
			return &Error{Err: errors.New("not annotations: the file is an empty object; " + known)}
		}
		return &Error{Err: fmt.Errorf("not annotations: the file is an object with the keys %s, and no type; %s", strings.Join(keys, ", "), known)}
	case *array:
		for _, item := range v.items {
			if _, ok := item.(*object); ok {
				return nil
			}
		}
		if len(v.items) == 0 {
			return nil // an empty list holds no annotations, which the caller says
		}
		return &Error{Err: fmt.Errorf("not annotations: the file is an array of %s; %s", plural(kindOf(v.items[0])), known)}
	}
	return &Error{Err: fmt.Errorf("not annotations: the file is %s; %s", kindOf(top), known)}
}

// plural turns "an object" into "objects".
func plural(kind string) string {
	kind = strings.TrimPrefix(strings.TrimPrefix(kind, "an "), "a ")
	if kind == "true or false" {
		return "true or false values"
	}
	return kind + "s"
}
