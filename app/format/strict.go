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

// scanner walks a JSON document token by token before it is decoded, to
// catch what encoding/json lets through: a key given twice, or twice in
// different case ("tag" and "TAG"), and keys a strict schema does not
// know. It records where each object and array starts, so that later
// errors can name their place.
type scanner struct {
	data   []byte
	dec    *json.Decoder
	fields func(path string) []string // nil: any key
	starts map[string]int64
}

// scan checks data and returns the offset of each object and array by
// path. fields, if set, lists the keys allowed in the object at a path
// pattern (with [] for any index); an object it returns nil for may hold
// any key.
func scan(data []byte, fields func(pattern string) []string) (map[string]int64, error) {
	s := &scanner{data: data, dec: json.NewDecoder(bytes.NewReader(data)), fields: fields, starts: map[string]int64{}}
	s.dec.UseNumber()
	if err := s.value("", ""); err != nil {
		return nil, err
	}
	if _, err := s.dec.Token(); err != io.EOF {
		return nil, s.errorAt(s.dec.InputOffset(), "", errors.New("unexpected data after the JSON value"))
	}
	return s.starts, nil
}

func (s *scanner) value(path, pattern string) error {
	start := s.dec.InputOffset()
	tok, err := s.dec.Token()
	if err != nil {
		return s.syntaxError(err, path)
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	s.starts[path] = s.skipSpace(start)
	switch delim {
	case '[':
		for i := 0; s.dec.More(); i++ {
			if err := s.value(path+"["+strconv.Itoa(i)+"]", pattern+"[]"); err != nil {
				return err
			}
		}
	case '{':
		var allowed []string
		if s.fields != nil {
			allowed = s.fields(pattern)
		}
		seen := map[string]string{}
		for s.dec.More() {
			keyAt := s.skipSpace(s.dec.InputOffset())
			tok, err := s.dec.Token()
			if err != nil {
				return s.syntaxError(err, path)
			}
			key := tok.(string)
			fold := strings.ToLower(key)
			if prev, ok := seen[fold]; ok {
				what := fmt.Sprintf("key %q appears twice", key)
				if prev != key {
					what = fmt.Sprintf("keys %q and %q differ only in case", prev, key)
				}
				return s.errorAt(keyAt, path, errors.New(what))
			}
			seen[fold] = key
			if allowed != nil && !contains(allowed, key) {
				return s.errorAt(keyAt, path, fmt.Errorf("unknown key %q (expected one of %s)", key, strings.Join(allowed, ", ")))
			}
			if err := s.value(join(path, key), join(pattern, key)); err != nil {
				return err
			}
		}
	}
	_, err = s.dec.Token() // the closing delimiter
	if err != nil {
		return s.syntaxError(err, path)
	}
	return nil
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

// skipSpace moves an offset past white space and a separator to the start
// of the next token.
func (s *scanner) skipSpace(off int64) int64 {
	for off < int64(len(s.data)) && strings.IndexByte(" \t\r\n,:", s.data[off]) >= 0 {
		off++
	}
	return off
}

func (s *scanner) syntaxError(err error, path string) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return s.errorAt(syn.Offset, path, fmt.Errorf("invalid JSON: %v", syn))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return s.errorAt(int64(len(s.data)), path, errors.New("invalid JSON: the file ends too soon"))
	}
	return s.errorAt(s.dec.InputOffset(), path, fmt.Errorf("invalid JSON: %v", err))
}

func (s *scanner) errorAt(off int64, path string, err error) *Error {
	line, col := position(s.data, off)
	return &Error{Line: line, Column: col, Path: path, Err: err}
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
