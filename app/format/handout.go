package format

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

// A handout is what a teacher gives a class: a text to annotate, with
// instructions and the tags in use, each with the teacher's definition,
// and perhaps the teacher's own annotations as a key.
//
//	{"format": "claimmark-handout", "version": 1,
//	 "title": "...", "instructions": "...",
//	 "tags": [{"tag": "claim", "definition": "..."}, ...],
//	 "key": true, "showKeyAfterHandIn": false,
//	 "document": <claimmark JSON file>}
//
// The document's annotations are the key; with "key" false it has none.
//
// A submission is what a student hands in:
//
//	{"format": "claimmark-submission", "version": 1,
//	 "student": "...", "handout": "<handout id>", "handedIn": "<RFC 3339>",
//	 "annotations": <claimmark JSON file>}
//
// A handout's id is the hex SHA-256 of the JSON array
// [document sha256, title, instructions, [[tag, definition], ...]]: what
// students are given, so that a key, or whether it is shown, may change
// without making two handouts.
const (
	HandoutName    = "claimmark-handout"
	SubmissionName = "claimmark-submission"
)

// TagDefinition is a tag in use and the teacher's one-line definition.
type TagDefinition struct {
	Tag        annotation.Tag
	Definition string
}

// Handout is a text given to a class.
type Handout struct {
	Title, Instructions string
	Tags                []TagDefinition
	Doc                 *document.Document
	// Key holds the teacher's annotations when HasKey is set.
	HasKey             bool
	Key                []annotation.Annotation
	ShowKeyAfterHandIn bool
}

// ID is the handout's identity, the same with or without its key.
func (h *Handout) ID() string {
	tags := make([][2]string, len(h.Tags))
	for i, t := range h.Tags {
		tags[i] = [2]string{string(t.Tag), t.Definition}
	}
	b, _ := json.Marshal([]any{h.Doc.SHA256, h.Title, h.Instructions, tags})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// WithoutKey returns the handout as given to students who must not see
// the key: nothing of it is left.
func (h *Handout) WithoutKey() *Handout {
	out := *h
	out.HasKey, out.Key = false, nil
	return &out
}

// Submission is a student's annotations of a handout.
type Submission struct {
	Student     string
	Handout     string // its id
	HandedIn    time.Time
	Doc         *document.Document
	Annotations []annotation.Annotation
}

func appendKey(b []byte, key string) []byte {
	b = append(b, ",\n"...)
	b = AppendJSONString(b, key)
	return append(b, ": "...)
}

// EncodeHandout writes h.
func EncodeHandout(w io.Writer, h *Handout) error {
	b := []byte("{\n\"format\": \"" + HandoutName + "\",\n\"version\": 1")
	b = AppendJSONString(appendKey(b, "title"), h.Title)
	b = AppendJSONString(appendKey(b, "instructions"), h.Instructions)
	b = append(appendKey(b, "tags"), '[')
	for i, t := range h.Tags {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = AppendJSONString(append(b, `{"tag": `...), string(t.Tag))
		b = append(AppendJSONString(append(b, `, "definition": `...), t.Definition), '}')
	}
	b = append(b, ']')
	b = fmt.Appendf(appendKey(b, "key"), "%t", h.HasKey)
	b = fmt.Appendf(appendKey(b, "showKeyAfterHandIn"), "%t", h.ShowKeyAfterHandIn)
	var key []annotation.Annotation
	if h.HasKey {
		key = h.Key
	}
	b = appendFile(appendKey(b, "document"), fileOf(h.Doc, key, time.Unix(0, 0)))
	_, err := w.Write(append(bytes.TrimRight(b, "\n"), "\n}\n"...))
	return err
}

// MaxNameLen is the longest student name a submission holds, in code
// points.
const MaxNameLen = 100

// CheckName checks a student's name: some text, and no more than
// MaxNameLen.
func CheckName(name string) error {
	switch n := utf8.RuneCountInString(name); {
	case strings.TrimSpace(name) == "":
		return errors.New("is empty")
	case n > MaxNameLen:
		return fmt.Errorf("%d characters; a name holds up to %d", n, MaxNameLen)
	}
	return nil
}

// EncodeSubmission writes s; its student's name must pass CheckName.
func EncodeSubmission(w io.Writer, s *Submission) error {
	if err := CheckName(s.Student); err != nil {
		return fmt.Errorf("the student's name %w", err)
	}
	b := []byte("{\n\"format\": \"" + SubmissionName + "\",\n\"version\": 1")
	b = AppendJSONString(appendKey(b, "student"), s.Student)
	b = AppendJSONString(appendKey(b, "handout"), s.Handout)
	b = append(appendKey(b, "handedIn"), '"')
	b = append(s.HandedIn.UTC().AppendFormat(b, timeFormat), '"')
	b = appendFile(appendKey(b, "annotations"), fileOf(s.Doc, s.Annotations, s.HandedIn))
	_, err := w.Write(append(bytes.TrimRight(b, "\n"), "\n}\n"...))
	return err
}

// readWrapper reads the keys every wrapper has, leaving the others to fn,
// and checks the format's name and version.
func readWrapper(data []byte, name string, fn func(p *parser, key string, at int) error) error {
	p := &parser{data: data}
	format, version := "", 0
	keyAt := map[string]int{}
	err := p.readObject(constant(""), func(key string, at int) error {
		keyAt[key] = at
		switch key {
		case "format":
			var err error
			format, err = p.readString(constant("format"))
			return err
		case "version":
			var err error
			version, err = p.readInt(constant("version"))
			return err
		}
		return fn(p, key, at)
	})
	if err != nil {
		return err
	}
	if p.space(); p.pos < len(data) {
		return p.errorAt(p.pos, errors.New("invalid JSON: unexpected data after the JSON value"))
	}
	fail := func(path string, err error) error {
		e := &Error{Path: path, Err: err}
		if at, ok := keyAt[path]; ok {
			e.Line, e.Column = position(data, int64(at))
		}
		return e
	}
	switch {
	case format != name:
		return fail("format", fmt.Errorf("%q is not %q", format, name))
	case version != 1:
		return fail("version", fmt.Errorf("%d is not supported (this claimmark reads version 1)", version))
	}
	return nil
}

func readBool(p *parser, path string) (bool, error) {
	p.space()
	for _, lit := range []string{"true", "false"} {
		if bytes.HasPrefix(p.data[p.pos:], []byte(lit)) {
			p.pos += len(lit)
			return lit == "true", nil
		}
	}
	return false, p.typeError(constant(path), "true or false")
}

// DecodeHandout reads a handout as strictly as an import.
func DecodeHandout(r io.Reader) (*Handout, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, err
	}
	h := &Handout{}
	var f *File
	seen := map[string]bool{}
	err = readWrapper(data, HandoutName, func(p *parser, key string, at int) error {
		seen[key] = true
		var err error
		switch key {
		case "title":
			h.Title, err = p.readString(constant(key))
		case "instructions":
			h.Instructions, err = p.readString(constant(key))
		case "key":
			h.HasKey, err = readBool(p, key)
		case "showKeyAfterHandIn":
			h.ShowKeyAfterHandIn, err = readBool(p, key)
		case "document":
			f, h.Doc, err = p.readFile("document", nil)
		case "tags":
			err = p.readArray(constant("tags"), func(i int) error {
				var t TagDefinition
				path := jpath{base: "tags", index: i}
				err := p.readObject(path, func(k string, at int) error {
					var err error
					switch k {
					case "tag":
						var s string
						s, err = p.readString(path.with(k))
						t.Tag = annotation.Tag(s)
					case "definition":
						t.Definition, err = p.readString(path.with(k))
					default:
						err = unknownKey(data, at, path.String(), k, []string{"tag", "definition"})
					}
					return err
				})
				if err == nil && !t.Tag.Valid() {
					line, col := position(data, int64(p.pos))
					err = &Error{Line: line, Column: col, Path: path.String(), Err: fmt.Errorf("tag %q is not claim, evidence or prediction", t.Tag)}
				}
				h.Tags = append(h.Tags, t)
				return err
			})
		default:
			err = unknownKey(data, at, "", key, []string{"format", "version", "title", "instructions", "tags", "key", "showKeyAfterHandIn", "document"})
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"title", "tags", "document"} {
		if !seen[k] {
			return nil, &Error{Path: k, Err: errors.New("is missing")}
		}
	}
	if len(h.Tags) == 0 {
		return nil, &Error{Path: "tags", Err: errors.New("names no tag")}
	}
	if strings.TrimSpace(h.Title) == "" {
		return nil, &Error{Path: "title", Err: errors.New("is empty")}
	}
	h.Key = f.All()
	if !h.HasKey && len(h.Key) > 0 {
		return nil, &Error{Path: "document.annotations", Err: errors.New(`holds annotations, but "key" is false`)}
	}
	return h, nil
}

// DecodeSubmission reads a submission as strictly as an import.
func DecodeSubmission(r io.Reader) (*Submission, error) { return DecodeSubmissionOf(r, nil) }

// DecodeSubmissionOf is DecodeSubmission for a submission that likely
// holds the text of d, which is then not built again: a class hands in
// forty copies of one text.
func DecodeSubmissionOf(r io.Reader, d *document.Document) (*Submission, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, err
	}
	s := &Submission{}
	seen := map[string]bool{}
	err = readWrapper(data, SubmissionName, func(p *parser, key string, at int) error {
		seen[key] = true
		var err error
		switch key {
		case "student":
			s.Student, err = p.readString(constant(key))
		case "handout":
			s.Handout, err = p.readString(constant(key))
		case "handedIn":
			s.HandedIn, err = p.readTime(constant(key))
		case "annotations":
			var f *File
			if f, s.Doc, err = p.readFile("annotations", d); err == nil {
				s.Annotations = f.All()
			}
		default:
			err = unknownKey(data, at, "", key, []string{"format", "version", "student", "handout", "handedIn", "annotations"})
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"student", "handout", "handedIn", "annotations"} {
		if !seen[k] {
			return nil, &Error{Path: k, Err: errors.New("is missing")}
		}
	}
	if err := CheckName(s.Student); err != nil {
		return nil, &Error{Path: "student", Err: err}
	}
	return s, nil
}

// HandoutFileName is where a handout is saved: "<title>.handout.json".
func HandoutFileName(title string) string { return FileName(title, ".handout.json") }

// SubmissionFileName is where a student's submission is saved:
// "<title>.<student>.submission.json".
func SubmissionFileName(title, student string) string {
	return FileName(title, "."+FileName(student, "")+".submission.json")
}
