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
//	  "exported": "2026-11-27T10:05:00Z"
//	}
//
// document.text is the canonical text (see package document) and
// document.sha256 its hex SHA-256, so a file stands alone. Annotations are
// in document order; start and end count Unicode code points, end
// exclusive, and the code points start:end of document.text equal exact.
// prefix and suffix hold up to 32 code points of context on either side.
// tag is one of claim, evidence, prediction. Times are RFC 3339 in UTC.
package format

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
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
	Version = 1
)

// File is a decoded claimmark JSON file.
type File struct {
	Format      string                  `json:"format"`
	Version     int                     `json:"version"`
	Document    FileDocument            `json:"document"`
	Annotations []annotation.Annotation `json:"annotations"`
	Unplaced    []UnplacedAnnotation    `json:"unplaced,omitempty"`
	Exported    time.Time               `json:"exported"`
}

// UnplacedAnnotation is an annotation that lost its place when its text
// changed: all but a position.
type UnplacedAnnotation struct {
	ID       string         `json:"id"`
	Tag      annotation.Tag `json:"tag"`
	Exact    string         `json:"exact"`
	Prefix   string         `json:"prefix"`
	Suffix   string         `json:"suffix"`
	Note     string         `json:"note"`
	Created  time.Time      `json:"created"`
	Modified time.Time      `json:"modified"`
}

func unplacedOf(a annotation.Annotation) UnplacedAnnotation {
	return UnplacedAnnotation{ID: a.ID, Tag: a.Tag, Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix, Note: a.Note, Created: a.Created, Modified: a.Modified}
}

func (u UnplacedAnnotation) annotation() annotation.Annotation {
	return annotation.Annotation{ID: u.ID, Tag: u.Tag, Start: annotation.Unplaced, End: annotation.Unplaced,
		Exact: u.Exact, Prefix: u.Prefix, Suffix: u.Suffix, Note: u.Note, Created: u.Created, Modified: u.Modified}
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
	sorted := append([]annotation.Annotation(nil), as...)
	annotation.Sort(sorted)
	f := File{
		Format:      Name,
		Version:     Version,
		Document:    FileDocument{Title: d.Title, Text: d.Text, SHA256: d.SHA256},
		Annotations: []annotation.Annotation{},
		Exported:    exported.UTC().Truncate(time.Second),
	}
	for _, a := range sorted {
		if a.Placed() {
			f.Annotations = append(f.Annotations, a)
		} else {
			f.Unplaced = append(f.Unplaced, unplacedOf(a))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(f)
}

// Keys a claimmark JSON file may hold, by path pattern. Decoding is
// exact about them: no unknown keys, none in other case.
var claimmarkKeys = map[string][]string{
	"":              {"format", "version", "document", "annotations", "unplaced", "exported"},
	"document":      {"title", "text", "sha256"},
	"annotations[]": {"id", "tag", "start", "end", "exact", "prefix", "suffix", "note", "created", "modified"},
	"unplaced[]":    {"id", "tag", "exact", "prefix", "suffix", "note", "created", "modified"},
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
	starts, err := scan(data, func(pattern string) []string { return claimmarkKeys[pattern] })
	if err != nil {
		return nil, nil, err
	}
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil, unmarshalError(data, err)
	}
	fail := func(path string, format string, args ...any) (*File, *document.Document, error) {
		return nil, nil, at(data, starts, path, fmt.Errorf(format, args...))
	}
	if f.Format != Name {
		return fail("format", "%q is not %q: this is not a claimmark file", f.Format, Name)
	}
	if f.Version != Version {
		return fail("version", "%d is not supported (this claimmark reads version %d)", f.Version, Version)
	}
	if document.Canonical(f.Document.Text) != f.Document.Text {
		return fail("document.text", "is not in canonical form")
	}
	d, err := document.New(f.Document.Text)
	if err != nil {
		return fail("document.text", "%v", err)
	}
	if f.Document.SHA256 != d.SHA256 {
		return fail("document.sha256", "%q is not the hash of document.text (%s)", f.Document.SHA256, d.SHA256)
	}
	if n := len(f.Annotations) + len(f.Unplaced); n > MaxAnnotations {
		return fail("annotations", "%d annotations; claimmark reads up to %d", n, MaxAnnotations)
	}
	ids := make(map[string]string, len(f.Annotations)+len(f.Unplaced))
	check := func(path string, a annotation.Annotation) error {
		if err := checkAnnotation(&a, d); err != nil {
			return at(data, starts, path, err)
		}
		if prev, ok := ids[a.ID]; ok {
			return at(data, starts, path, fmt.Errorf("id %s repeats %s", a.ID, prev))
		}
		ids[a.ID] = path
		return nil
	}
	for i, a := range f.Annotations {
		if !a.Placed() {
			return fail(fmt.Sprintf("annotations[%d]", i), "has no position; unplaced annotations belong in unplaced")
		}
		if err := check(fmt.Sprintf("annotations[%d]", i), a); err != nil {
			return nil, nil, err
		}
	}
	for i, u := range f.Unplaced {
		if err := check(fmt.Sprintf("unplaced[%d]", i), u.annotation()); err != nil {
			return nil, nil, err
		}
	}
	return &f, d, nil
}

// checkAnnotation validates a against d and the file limits.
func checkAnnotation(a *annotation.Annotation, d *document.Document) error {
	if err := a.Validate(d); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(a.Note); n > MaxNoteLen {
		return &annotation.FieldError{Field: "note", Reason: fmt.Sprintf("%d characters; notes hold up to %d", n, MaxNoteLen)}
	}
	return nil
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

// DecodeAny reads claimmark JSON or W3C Web Annotation, whichever the file
// is. For claimmark JSON it also returns the document the file carries;
// W3C files carry no text, so the document is nil.
func DecodeAny(r io.Reader, now time.Time) (*Imported, *document.Document, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, nil, err
	}
	var probe struct {
		Format *string `json:"format"`
	}
	if json.Unmarshal(data, &probe) == nil && probe.Format != nil {
		f, d, err := Decode(bytes.NewReader(data))
		if err != nil {
			return nil, nil, err
		}
		return &Imported{Source: SourceIRI(d), Title: f.Document.Title, Annotations: f.All()}, d, nil
	}
	imp, err := DecodeWebAnnotation(bytes.NewReader(data), now)
	return imp, nil, err
}
