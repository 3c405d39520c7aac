package format

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A strict JSON parser into a light tree. encoding/json lets through a key
// given twice or twice in different case ("tag" and "TAG"), keeping the
// last; this parser refuses both, and keeps the byte offset of every
// object and key so that later errors can name their place. It is also
// several times faster than encoding/json's reflection in the browser.
//
// Values are string, number, bool, nil, *object and *array.

type object struct {
	fields []field
	at     int
}

type field struct {
	key   string
	value any
	at    int
}

type array struct {
	items []any
	at    int
}

// number is the text of a JSON number, already checked.
type number string

// get returns the value of a key, or nil.
func (o *object) get(key string) any {
	for _, f := range o.fields {
		if f.key == key {
			return f.value
		}
	}
	return nil
}

// maxDepth bounds nesting, so that a hostile file cannot exhaust the
// stack: in the browser, Go's calls are WebAssembly calls, and the
// engine's stack is far smaller than a native goroutine's. Every reader of
// objects and arrays, a sniff of a file's kind included, goes through
// enter.
const maxDepth = 64

func (p *parser) enter() error {
	if p.depth == maxDepth {
		return p.errorAt(p.pos, fmt.Errorf("nested more than %d deep", maxDepth))
	}
	p.depth++
	return nil
}

func (p *parser) leave() { p.depth-- }

type parser struct {
	data  []byte
	pos   int
	depth int
	// fields and items collect an object's or array's members while nested
	// ones are read; each gets a slice of exactly its size at its end.
	fields []field
	items  []any
	// path is where the parser is, for errors: keys, and indexes of
	// arrays (-1 for none).
	path []segment
}

type segment struct {
	key   string
	index int
}

func (p *parser) pathString() string {
	var b strings.Builder
	for _, s := range p.path {
		if s.index >= 0 {
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	return b.String()
}

// parseJSON parses one JSON value that fills data.
func parseJSON(data []byte) (any, error) {
	p := &parser{data: data}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	if p.space(); p.pos < len(data) {
		return nil, p.errorAt(p.pos, errors.New("invalid JSON: unexpected data after the JSON value"))
	}
	return v, nil
}

func (p *parser) errorAt(off int, err error) *Error {
	line, col := position(p.data, int64(off))
	return &Error{Line: line, Column: col, Path: p.pathString(), Err: err}
}

func (p *parser) syntax(what string) error {
	if p.pos >= len(p.data) {
		return p.errorAt(len(p.data), errors.New("invalid JSON: the file ends too soon"))
	}
	return p.errorAt(p.pos, fmt.Errorf("invalid JSON: %s, not %q", what, p.data[p.pos]))
}

func (p *parser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value() (any, error) {
	p.space()
	if p.pos >= len(p.data) {
		return nil, p.syntax("expected a value")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	for _, lit := range []struct {
		text  string
		value any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if bytes.HasPrefix(p.data[p.pos:], []byte(lit.text)) {
			p.pos += len(lit.text)
			return lit.value, nil
		}
	}
	return nil, p.syntax("expected a value")
}

func (p *parser) object() (*object, error) {
	o := &object{at: p.pos}
	base := len(p.fields)
	defer func() { p.fields = p.fields[:base] }()
	err := p.readObject(jpath{index: -1}, func(key string, at int) error {
		p.path = append(p.path, segment{key: key, index: -1})
		v, err := p.value()
		p.path = p.path[:len(p.path)-1]
		p.fields = append(p.fields, field{key: key, value: v, at: at})
		return err
	})
	if err != nil {
		return nil, err
	}
	o.fields = append([]field(nil), p.fields[base:]...)
	return o, nil
}

func (p *parser) array() (*array, error) {
	a := &array{at: p.pos}
	base := len(p.items)
	defer func() { p.items = p.items[:base] }()
	err := p.readArray(jpath{index: -1}, func(i int) error {
		p.path = append(p.path, segment{index: i})
		v, err := p.value()
		p.path = p.path[:len(p.path)-1]
		p.items = append(p.items, v)
		return err
	})
	if err != nil {
		return nil, err
	}
	a.items = append([]any(nil), p.items[base:]...)
	return a, nil
}

func (p *parser) number() (number, error) {
	start := p.pos
	digits := func() bool {
		n := 0
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n > 0
	}
	if p.data[p.pos] == '-' {
		p.pos++
	}
	if p.pos < len(p.data) && p.data[p.pos] == '0' {
		p.pos++
	} else if !digits() {
		return "", p.syntax("expected a digit")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if !digits() {
			return "", p.syntax("expected a digit")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if !digits() {
			return "", p.syntax("expected a digit")
		}
	}
	return number(p.data[start:p.pos]), nil
}

// str reads a string. Bytes that are not UTF-8 become U+FFFD, as
// encoding/json does.
func (p *parser) str() (string, error) {
	start := p.pos
	p.pos++ // "
	// The common case: no escapes, valid UTF-8.
	for i := p.pos; i < len(p.data); i++ {
		c := p.data[i]
		if c == '"' {
			raw := p.data[p.pos:i]
			if utf8.Valid(raw) {
				p.pos = i + 1
				return string(raw), nil
			}
			break
		}
		if c == '\\' || c < 0x20 {
			break
		}
	}
	var b []byte
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(b), nil
		case c < 0x20:
			return "", p.errorAt(p.pos, errors.New("invalid JSON: a control character inside a string"))
		case c == '\\':
			if p.pos+1 >= len(p.data) {
				return "", p.syntax("")
			}
			esc := p.data[p.pos+1]
			p.pos += 2
			switch esc {
			case '"', '\\', '/':
				b = append(b, esc)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", p.errorAt(p.pos, errors.New(`invalid JSON: \u needs four hex digits`))
				}
				if utf16.IsSurrogate(r) {
					r2 := utf8.RuneError
					if p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
						save := p.pos
						p.pos += 2
						if low, ok := p.hex4(); ok && utf16.DecodeRune(r, low) != utf8.RuneError {
							r2 = utf16.DecodeRune(r, low)
						} else {
							p.pos = save
						}
					}
					r = r2
				}
				b = utf8.AppendRune(b, r)
			default:
				return "", p.errorAt(p.pos-2, fmt.Errorf(`invalid JSON: unknown escape \%c`, esc))
			}
		default:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			b = utf8.AppendRune(b, r) // U+FFFD for a bad byte
			p.pos += size
		}
	}
	return "", p.errorAt(start, errors.New("invalid JSON: a string that never ends"))
}

func (p *parser) hex4() (rune, bool) {
	if p.pos+4 > len(p.data) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(p.data[p.pos:p.pos+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.pos += 4
	return rune(v), true
}
