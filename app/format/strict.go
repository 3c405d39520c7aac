package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on what a file may hold. A file past them is refused before it
// can slow the app to a halt.
const (
	MaxFileSize    = 5 << 20
	MaxAnnotations = 20000
	MaxNoteLen     = 10000 // code points
)

// Error is a decoding error and its place in the file: a line and column
// (from 1; 0 when the error is about the whole file) and the JSON path of
// the value, such as annotations[3].tag.
type Error struct {
	Line, Column int
	Path         string
	Err          error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d, column %d: ", e.Line, e.Column)
	}
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// readLimited reads a whole file, refusing one over MaxFileSize.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &Error{Err: errors.New("the file is larger than 5 MB")}
	}
	if !utf8.Valid(data) {
		return nil, &Error{Err: errors.New("the file is not UTF-8 text")}
	}
	return data, nil
}

// scanner walks a JSON document before it is decoded, to catch what
// encoding/json lets through: a key given twice, or twice in different
// case ("tag" and "TAG"), and keys a strict schema does not know. It
// records where each object and array starts, so that later errors can
// name their place. It reads bytes directly rather than through
// json.Decoder's tokens, which cost more than the decoding itself; values
// it only skips are checked by json.Unmarshal afterwards.
type scanner struct {
	data   []byte
	pos    int
	fields func(pattern string) []string // nil: any key
	starts map[string]int64
	stack  []string // the path to the current value: keys and [i]
}

// path is the JSON path of the current value, such as annotations[3].tag;
// pattern is the same with [] for every index.
func (s *scanner) path() string    { return s.joined(false) }
func (s *scanner) pattern() string { return s.joined(true) }

func (s *scanner) joined(pattern bool) string {
	var b strings.Builder
	for _, seg := range s.stack {
		switch {
		case seg[0] == '[' && pattern:
			b.WriteString("[]")
		case seg[0] == '[':
			b.WriteString(seg)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(seg[1:])
		}
	}
	return b.String()
}

// scan checks data and returns the offset of each object and array by
// path. fields, if set, lists the keys allowed in the object at a path
// pattern (with [] for any index); an object it returns nil for may hold
// any key.
func scan(data []byte, fields func(pattern string) []string) (map[string]int64, error) {
	s := &scanner{data: data, fields: fields, starts: map[string]int64{}}
	if err := s.value(); err != nil {
		return nil, err
	}
	if s.space(); s.pos < len(data) {
		return nil, s.errorAt(int64(s.pos), errors.New("unexpected data after the JSON value"))
	}
	return s.starts, nil
}

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) syntax(what string) error {
	if s.pos >= len(s.data) {
		return s.errorAt(int64(len(s.data)), errors.New("invalid JSON: the file ends too soon"))
	}
	return s.errorAt(int64(s.pos), fmt.Errorf("invalid JSON: %s, not %q", what, s.data[s.pos]))
}

func (s *scanner) value() error {
	s.space()
	if s.pos >= len(s.data) {
		return s.syntax("expected a value")
	}
	switch c := s.data[s.pos]; {
	case c == '{':
		return s.object()
	case c == '[':
		return s.array()
	case c == '"':
		_, err := s.str()
		return err
	case c == '-' || c >= '0' && c <= '9':
		for s.pos < len(s.data) && strings.IndexByte("+-.eE0123456789", s.data[s.pos]) >= 0 {
			s.pos++
		}
		return nil
	default:
		for _, lit := range []string{"true", "false", "null"} {
			if bytes.HasPrefix(s.data[s.pos:], []byte(lit)) {
				s.pos += len(lit)
				return nil
			}
		}
		return s.syntax("expected a value")
	}
}

func (s *scanner) array() error {
	s.starts[s.path()] = int64(s.pos)
	s.pos++ // [
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		return nil
	}
	for i := 0; ; i++ {
		s.stack = append(s.stack, "["+strconv.Itoa(i)+"]")
		err := s.value()
		s.stack = s.stack[:len(s.stack)-1]
		if err != nil {
			return err
		}
		s.space()
		if s.pos >= len(s.data) {
			return s.syntax("expected , or ]")
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return nil
		default:
			return s.syntax("expected , or ]")
		}
	}
}

func (s *scanner) object() error {
	s.starts[s.path()] = int64(s.pos)
	s.pos++ // {
	var allowed []string
	if s.fields != nil {
		allowed = s.fields(s.pattern())
	}
	var seen map[string]string
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		return nil
	}
	for {
		s.space()
		keyAt := s.pos
		if s.pos >= len(s.data) || s.data[s.pos] != '"' {
			return s.syntax("expected a key in quotes")
		}
		key, err := s.str()
		if err != nil {
			return err
		}
		fold := strings.ToLower(key)
		if prev, ok := seen[fold]; ok {
			what := fmt.Sprintf("key %q appears twice", key)
			if prev != key {
				what = fmt.Sprintf("keys %q and %q differ only in case", prev, key)
			}
			return s.errorAt(int64(keyAt), errors.New(what))
		}
		if seen == nil {
			seen = map[string]string{}
		}
		seen[fold] = key
		if allowed != nil && !contains(allowed, key) {
			return s.errorAt(int64(keyAt), fmt.Errorf("unknown key %q (expected one of %s)", key, strings.Join(allowed, ", ")))
		}
		s.space()
		if s.pos >= len(s.data) || s.data[s.pos] != ':' {
			return s.syntax("expected :")
		}
		s.pos++
		s.stack = append(s.stack, "."+key)
		err = s.value()
		s.stack = s.stack[:len(s.stack)-1]
		if err != nil {
			return err
		}
		s.space()
		if s.pos >= len(s.data) {
			return s.syntax("expected , or }")
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return nil
		default:
			return s.syntax("expected , or }")
		}
	}
}

// str reads a string and returns its value.
func (s *scanner) str() (string, error) {
	start := s.pos
	s.pos++ // "
	escaped := false
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; {
		case c == '"':
			s.pos++
			raw := s.data[start:s.pos]
			if !escaped {
				return string(raw[1 : len(raw)-1]), nil
			}
			var v string
			if err := json.Unmarshal(raw, &v); err != nil {
				return "", s.errorAt(int64(start), fmt.Errorf("invalid JSON: %v", err))
			}
			return v, nil
		case c == '\\':
			escaped = true
			s.pos += 2
		case c < 0x20:
			return "", s.errorAt(int64(s.pos), errors.New("invalid JSON: a control character inside a string"))
		default:
			s.pos++
		}
	}
	return "", s.syntax("")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (s *scanner) errorAt(off int64, err error) *Error {
	line, col := position(s.data, off)
	return &Error{Line: line, Column: col, Path: s.path(), Err: err}
}

// position turns a byte offset into a line and a column, both from 1, the
// column counting code points.
func position(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// at returns an error placed at the value recorded for path, or at the
// nearest recorded value above it.
func at(data []byte, starts map[string]int64, path string, err error) *Error {
	for p := path; ; {
		if off, ok := starts[p]; ok {
			line, col := position(data, off)
			return &Error{Line: line, Column: col, Path: path, Err: err}
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			return &Error{Path: path, Err: err}
		}
		p = p[:i]
	}
}

// unmarshalError places an error of json.Unmarshal in the file.
func unmarshalError(data []byte, err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		line, col := position(data, typeErr.Offset)
		return &Error{Line: line, Column: col, Path: typeErr.Field,
			Err: fmt.Errorf("%s where %s belongs", typeErr.Value, typeErr.Type)}
	case errors.As(err, &syntaxErr):
		line, col := position(data, syntaxErr.Offset)
		return &Error{Line: line, Column: col, Err: fmt.Errorf("invalid JSON: %v", syntaxErr)}
	}
	return &Error{Err: err}
}
