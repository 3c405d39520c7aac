package format

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

// treeDecoder turns a parsed tree into Go values, placing each error in
// the file.
type treeDecoder struct {
	data []byte
	// where each annotation's object starts, and the top keys and those of
	// the document, for later errors
	annotationAt, unplacedAt []int
	keyAt                    map[string]int
}

func (d *treeDecoder) fail(at int, path string, format string, args ...any) *Error {
	line, col := position(d.data, int64(at))
	return &Error{Line: line, Column: col, Path: path, Err: fmt.Errorf(format, args...)}
}

// fieldPath is the path of a key of the object at path; it is made only
// for an error.
func fieldPath(path, key string) string { return join(path, key) }

func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case number:
		return "a number"
	case bool:
		return "true or false"
	case nil:
		return "null"
	case *object:
		return "an object"
	case *array:
		return "an array"
	}
	return "a value"
}

// str, integer and time read the value of a key of the object at path.

func (d *treeDecoder) str(f field, path string) (string, error) {
	s, ok := f.value.(string)
	if !ok {
		return "", d.fail(f.at, fieldPath(path, f.key), "%s where a string belongs", kindOf(f.value))
	}
	return s, nil
}

func (d *treeDecoder) integer(f field, path string) (int, error) {
	n, ok := f.value.(number)
	if ok {
		if i, err := strconv.Atoi(string(n)); err == nil {
			return i, nil
		}
	}
	return 0, d.fail(f.at, fieldPath(path, f.key), "%s where a whole number belongs", kindOf(f.value))
}

func (d *treeDecoder) time(f field, path string) (time.Time, error) {
	s, err := d.str(f, path)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, d.fail(f.at, fieldPath(path, f.key), "%q is not an RFC 3339 date and time", s)
	}
	return t, nil
}

func (d *treeDecoder) object(v any, at int, path string) (*object, error) {
	o, ok := v.(*object)
	if !ok {
		return nil, d.fail(at, path, "%s where an object belongs", kindOf(v))
	}
	return o, nil
}

func (d *treeDecoder) array(v any, at int, path string) (*array, error) {
	a, ok := v.(*array)
	if !ok {
		return nil, d.fail(at, path, "%s where an array belongs", kindOf(v))
	}
	return a, nil
}

func (d *treeDecoder) unknown(f field, path string, known ...string) error {
	return d.fail(f.at, path, "unknown key %q (expected one of %s)", f.key, strings.Join(known, ", "))
}

// decodeFile reads a claimmark JSON tree, exact about its keys.
func (d *treeDecoder) decodeFile(tree any) (*File, error) {
	root, err := d.object(tree, 0, "")
	if err != nil {
		return nil, err
	}
	var f File
	d.keyAt = map[string]int{}
	for _, fl := range root.fields {
		d.keyAt[fl.key] = fl.at
		switch fl.key {
		case "format":
			f.Format, err = d.str(fl, "")
		case "version":
			f.Version, err = d.integer(fl, "")
		case "exported":
			f.Exported, err = d.time(fl, "")
		case "document":
			err = d.decodeDocument(fl, &f.Document)
		case "annotations":
			f.Annotations, d.annotationAt, err = d.decodeAnnotations(fl, true)
		case "unplaced":
			var as []annotation.Annotation
			as, d.unplacedAt, err = d.decodeAnnotations(fl, false)
			for _, a := range as {
				f.Unplaced = append(f.Unplaced, unplacedOf(a))
			}
		default:
			err = d.unknown(fl, "", claimmarkKeys[""]...)
		}
		if err != nil {
			return nil, err
		}
	}
	return &f, nil
}

func (d *treeDecoder) decodeDocument(fl field, doc *FileDocument) error {
	o, err := d.object(fl.value, fl.at, "document")
	if err != nil {
		return err
	}
	for _, f := range o.fields {
		d.keyAt["document."+f.key] = f.at
		switch f.key {
		case "title":
			doc.Title, err = d.str(f, "document")
		case "text":
			doc.Text, err = d.str(f, "document")
		case "sha256":
			doc.SHA256, err = d.str(f, "document")
		default:
			err = d.unknown(f, "document", claimmarkKeys["document"]...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// decodeAnnotations reads an array of annotations, and where each starts.
func (d *treeDecoder) decodeAnnotations(fl field, placed bool) ([]annotation.Annotation, []int, error) {
	a, err := d.array(fl.value, fl.at, fl.key)
	if err != nil {
		return nil, nil, err
	}
	if len(a.items) > MaxAnnotations {
		return nil, nil, d.fail(a.at, fl.key, "%d annotations; claimmark reads up to %d", len(a.items), MaxAnnotations)
	}
	as := make([]annotation.Annotation, len(a.items))
	ats := make([]int, len(a.items))
	for i, item := range a.items {
		path := func() string { return fl.key + "[" + strconv.Itoa(i) + "]" }
		o, ok := item.(*object)
		if !ok {
			return nil, nil, d.fail(a.at, path(), "%s where an object belongs", kindOf(item))
		}
		ats[i] = o.at
		if as[i], err = d.decodeAnnotation(o, path, placed); err != nil {
			return nil, nil, err
		}
	}
	return as, ats, nil
}

func (d *treeDecoder) decodeAnnotation(o *object, pathOf func() string, placed bool) (annotation.Annotation, error) {
	var a annotation.Annotation
	if !placed {
		a.Start, a.End = annotation.Unplaced, annotation.Unplaced
	}
	known := claimmarkKeys["annotations[]"]
	if !placed {
		known = claimmarkKeys["unplaced[]"]
	}
	// Type errors are rare: the path is made only for one.
	typed := func(f field) bool {
		switch f.key {
		case "start", "end":
			_, ok := f.value.(number)
			return ok
		}
		_, ok := f.value.(string)
		return ok
	}
	for _, f := range o.fields {
		path := ""
		if !typed(f) {
			path = pathOf()
		}
		var err error
		switch f.key {
		case "id":
			a.ID, err = d.str(f, path)
		case "tag":
			var s string
			s, err = d.str(f, path)
			a.Tag = annotation.Tag(s)
		case "exact":
			a.Exact, err = d.str(f, path)
		case "prefix":
			a.Prefix, err = d.str(f, path)
		case "suffix":
			a.Suffix, err = d.str(f, path)
		case "note":
			a.Note, err = d.str(f, path)
		case "created":
			a.Created, err = d.time(f, pathOf())
		case "modified":
			a.Modified, err = d.time(f, pathOf())
		case "start", "end":
			if !placed {
				err = d.unknown(f, pathOf(), known...)
				break
			}
			var n int
			n, err = d.integer(f, path)
			if f.key == "start" {
				a.Start = n
			} else {
				a.End = n
			}
		default:
			err = d.unknown(f, pathOf(), known...)
		}
		if err != nil {
			return a, err
		}
	}
	return a, nil
}
