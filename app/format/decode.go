package format

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

// Reading claimmark JSON straight from the bytes, with no tree in between:
// it is the format of the largest files, and allocation is what costs most
// in the browser. The parser's checks are the same: repeated keys in any
// case are refused, and every error is placed.

// fileDecoder reads a claimmark JSON file.
type fileDecoder struct {
	p *parser
	// where each annotation's object starts, and the keys of the top object
	// and of the document, for errors found after reading
	annotationAt, unplacedAt, linkAt []int
	keyAt                            map[string]int
}

// kindAt names the JSON value that starts at the parser's position.
func (p *parser) kindAt() string {
	p.space()
	if p.pos >= len(p.data) {
		return "nothing"
	}
	rest := p.data[p.pos:]
	switch c := rest[0]; {
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case bytes.HasPrefix(rest, []byte("true")) || bytes.HasPrefix(rest, []byte("false")):
		return "true or false"
	case bytes.HasPrefix(rest, []byte("null")):
		return "null"
	case c == '-' || c >= '0' && c <= '9':
		return "a number"
	}
	return "text that is not JSON"
}

// typeError says that the value at the parser's position is not what
// belongs at path.
func (p *parser) typeError(path jpath, want string) error {
	at := p.pos
	kind := p.kindAt()
	line, col := position(p.data, int64(at))
	return &Error{Line: line, Column: col, Path: p.place(path), Err: fmt.Errorf("%s where %s belongs", kind, want)}
}

func (p *parser) expect(c byte) bool {
	p.space()
	return p.pos < len(p.data) && p.data[p.pos] == c
}

func (p *parser) readString(path jpath) (string, error) {
	if !p.expect('"') {
		return "", p.typeError(path, "a string")
	}
	return p.str()
}

func (p *parser) readInt(path jpath) (int, error) {
	p.space()
	at := p.pos
	if p.pos >= len(p.data) || !(p.data[p.pos] == '-' || p.data[p.pos] >= '0' && p.data[p.pos] <= '9') {
		return 0, p.typeError(path, "a whole number")
	}
	n, err := p.number()
	if err != nil {
		return 0, err
	}
	i, err := strconv.Atoi(string(n))
	if err != nil {
		p.pos = at
		return 0, p.typeError(path, "a whole number")
	}
	return i, nil
}

func (p *parser) readTime(path jpath) (time.Time, error) {
	at := p.pos
	s, err := p.readString(path)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		line, col := position(p.data, int64(at))
		return time.Time{}, &Error{Line: line, Column: col, Path: path.String(), Err: fmt.Errorf("%q is not an RFC 3339 date and time", s)}
	}
	return t, nil
}

// readObject reads an object, calling fn with each key and its offset once
// the parser stands before the value, which fn must read.
func (p *parser) readObject(path jpath, fn func(key string, at int) error) error {
	if !p.expect('{') {
		return p.typeError(path, "an object")
	}
	if err := p.enter(); err != nil {
		return err
	}
	defer p.leave()
	p.pos++
	if p.expect('}') {
		p.pos++
		return nil
	}
	var keys keySet
	for {
		p.space()
		at := p.pos
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return p.syntax("expected a key in quotes")
		}
		key, err := p.str()
		if err != nil {
			return err
		}
		if prev, ok := keys.add(key); ok {
			what := fmt.Sprintf("key %q appears twice", key)
			if prev != key {
				what = fmt.Sprintf("keys %q and %q differ only in case", prev, key)
			}
			line, col := position(p.data, int64(at))
			return &Error{Line: line, Column: col, Path: p.place(path), Err: errors.New(what)}
		}
		if !p.expect(':') {
			return p.syntax("expected :")
		}
		p.pos++
		if err := fn(key, at); err != nil {
			return err
		}
		p.space()
		if p.pos >= len(p.data) {
			return p.syntax("expected , or }")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return nil
		default:
			return p.syntax("expected , or }")
		}
	}
}

// keySet holds an object's keys to find one repeated in any case. Most
// objects have a few keys, searched in place; a map takes over for more,
// so that a hostile object with many keys costs no more than its size.
type keySet struct {
	few    [16]string
	n      int
	folded map[string]string
}

// add records key and returns the key already there that it repeats.
func (k *keySet) add(key string) (string, bool) {
	if k.folded == nil && k.n < len(k.few) {
		for _, prev := range k.few[:k.n] {
			if strings.EqualFold(prev, key) {
				return prev, true
			}
		}
		k.few[k.n] = key
		k.n++
		return "", false
	}
	if k.folded == nil {
		k.folded = make(map[string]string, 2*len(k.few))
		for _, prev := range k.few[:k.n] {
			k.folded[strings.ToLower(prev)] = prev
		}
	}
	fold := strings.ToLower(key)
	if prev, ok := k.folded[fold]; ok {
		return prev, true
	}
	k.folded[fold] = key
	return "", false
}

// readArray reads an array, calling fn for each item with the parser
// before it.
func (p *parser) readArray(path jpath, fn func(i int) error) error {
	if !p.expect('[') {
		return p.typeError(path, "an array")
	}
	if err := p.enter(); err != nil {
		return err
	}
	defer p.leave()
	p.pos++
	if p.expect(']') {
		p.pos++
		return nil
	}
	for i := 0; ; i++ {
		if err := fn(i); err != nil {
			return err
		}
		p.space()
		if p.pos >= len(p.data) {
			return p.syntax("expected , or ]")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return nil
		default:
			return p.syntax("expected , or ]")
		}
	}
}

// jpath names a place in a file, such as annotations[3].tag, without
// building the string unless an error needs it.
type jpath struct {
	base  string
	index int // -1 for none
	key   string
}

func (j jpath) String() string {
	s := j.base
	if j.index >= 0 {
		s += "[" + strconv.Itoa(j.index) + "]"
	}
	if j.key == "" {
		return s
	}
	return join(s, j.key)
}

func (j jpath) with(key string) jpath { j.key = key; return j }

// place is path as a string; the tree parser, which passes no path, keeps
// its own.
func (p *parser) place(path jpath) string {
	if path == (jpath{index: -1}) {
		return p.pathString()
	}
	return path.String()
}

func unknownKey(data []byte, at int, path, key string, known []string) error {
	line, col := position(data, int64(at))
	return &Error{Line: line, Column: col, Path: path, Err: fmt.Errorf("unknown key %q (expected one of %s)", key, strings.Join(known, ", "))}
}

func constant(s string) jpath { return jpath{base: s, index: -1} }

// decodeFile reads a whole claimmark JSON file, exact about its keys.
func (d *fileDecoder) decodeFile() (*File, error) {
	p := d.p
	var f File
	d.keyAt = map[string]int{}
	err := p.readObject(constant(""), func(key string, at int) error {
		d.keyAt[key] = at
		var err error
		switch key {
		case "format":
			f.Format, err = p.readString(constant("format"))
		case "version":
			f.Version, err = p.readInt(constant("version"))
		case "exported":
			f.Exported, err = p.readTime(constant("exported"))
		case "document":
			err = p.readObject(constant("document"), func(key string, at int) error {
				d.keyAt["document."+key] = at
				path := constant("document." + key)
				var err error
				switch key {
				case "title":
					f.Document.Title, err = p.readString(path)
				case "text":
					f.Document.Text, err = p.readString(path)
				case "sha256":
					f.Document.SHA256, err = p.readString(path)
				default:
					err = unknownKey(p.data, at, "document", key, claimmarkKeys["document"])
				}
				return err
			})
		case "annotations":
			f.Annotations, d.annotationAt, err = d.readAnnotations("annotations", true)
		case "links":
			f.Links, err = d.readLinks()
		case "unplaced":
			var as []annotation.Annotation
			as, d.unplacedAt, err = d.readAnnotations("unplaced", false)
			for _, a := range as {
				f.Unplaced = append(f.Unplaced, unplacedOf(a))
			}
		default:
			err = unknownKey(p.data, at, "", key, claimmarkKeys[""])
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if p.space(); p.pos < len(p.data) {
		return nil, p.errorAt(p.pos, errors.New("invalid JSON: unexpected data after the JSON value"))
	}
	return &f, nil
}

// readAnnotations reads an array of annotations, and where each starts.
func (d *fileDecoder) readAnnotations(name string, placed bool) ([]annotation.Annotation, []int, error) {
	p := d.p
	// A file spends at least 200 bytes on an annotation: room for all of
	// them at once, rather than growing the slice a dozen times.
	guess := min(annotation.MaxPerText, len(p.data)/200+1)
	as := make([]annotation.Annotation, 0, guess)
	ats := make([]int, 0, guess)
	known := claimmarkKeys["annotations[]"]
	if !placed {
		known = claimmarkKeys["unplaced[]"]
	}
	err := p.readArray(constant(name), func(i int) error {
		if i == annotation.MaxPerText {
			line, col := position(p.data, int64(p.pos))
			return &Error{Line: line, Column: col, Path: name, Err: fmt.Errorf("more than %d annotations; a text holds up to %d", annotation.MaxPerText, annotation.MaxPerText)}
		}
		path := jpath{base: name, index: i}
		p.space()
		ats = append(ats, p.pos)
		a := annotation.Annotation{}
		if !placed {
			a.Start, a.End = annotation.Unplaced, annotation.Unplaced
		}
		err := p.readObject(path, func(key string, at int) error {
			fp := path.with(key)
			var err error
			switch key {
			case "id":
				a.ID, err = p.readString(fp)
			case "tag":
				var s string
				s, err = p.readString(fp)
				a.Tag = annotation.Tag(s)
			case "exact":
				a.Exact, err = p.readString(fp)
			case "prefix":
				a.Prefix, err = p.readString(fp)
			case "suffix":
				a.Suffix, err = p.readString(fp)
			case "note":
				a.Note, err = p.readString(fp)
			case "created":
				a.Created, err = p.readTime(fp)
			case "modified":
				a.Modified, err = p.readTime(fp)
			case "foreign_id":
				a.Foreign, err = p.readString(fp)
			case "start", "end":
				if !placed {
					return unknownKey(p.data, at, path.String(), key, known)
				}
				var n int
				n, err = p.readInt(fp)
				if key == "start" {
					a.Start = n
				} else {
					a.End = n
				}
			default:
				var ok bool
				if ok, err = p.readForecastField(fp, key, &a.Forecast); !ok {
					err = unknownKey(p.data, at, path.String(), key, known)
				}
			}
			return err
		})
		as = append(as, a)
		return err
	})
	return as, ats, err
}

// skipValue reads past one value without keeping it.
func (p *parser) skipValue() error {
	p.space()
	if p.pos >= len(p.data) {
		return p.syntax("expected a value")
	}
	switch p.data[p.pos] {
	case '{':
		return p.readObject(constant(""), func(string, int) error { return p.skipValue() })
	case '[':
		return p.readArray(constant(""), func(int) error { return p.skipValue() })
	case '"':
		p.pos++
		for p.pos < len(p.data) {
			switch p.data[p.pos] {
			case '"':
				p.pos++
				return nil
			case '\\':
				p.pos += 2
			default:
				p.pos++
			}
		}
		return p.syntax("")
	}
	_, err := p.value()
	return err
}

// isClaimmark reports whether data is a JSON object with a "format" key at
// its top, as claimmark JSON files are and W3C files are not.
func isClaimmark(data []byte) bool {
	p := &parser{data: data}
	if !p.expect('{') {
		return false
	}
	found := false
	p.readObject(constant(""), func(key string, _ int) error {
		if key == "format" {
			found = true
			return errors.New("found")
		}
		return p.skipValue()
	})
	return found
}
