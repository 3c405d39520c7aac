package format

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxFileSize is the largest file of annotations claimmark reads: past it,
// a file is refused before it can slow the app to a halt. It holds what
// claimmark writes of a text at its limits: 5 MB of text and 20,000
// annotations with notes of a few hundred characters each (an annotation
// without a note takes about 380 bytes). What a file may hold is limited
// as annotation.MaxNoteLen and annotation.MaxPerText say.
const MaxFileSize = 32 << 20

var errTooLarge = errors.New("the file is larger than " + strconv.Itoa(MaxFileSize>>20) + " MB")

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

// readLimited reads a whole file, refusing one over MaxFileSize or not in
// UTF-8, and drops a byte order mark.
func readLimited(r io.Reader) ([]byte, error) {
	if b, ok := r.(interface{ Len() int }); ok && b.Len() > MaxFileSize {
		return nil, &Error{Err: errTooLarge}
	}
	var buf bytes.Buffer
	if b, ok := r.(interface{ Len() int }); ok {
		buf.Grow(b.Len() + bytes.MinRead) // one allocation for a file already in memory
	}
	_, err := buf.ReadFrom(io.LimitReader(r, MaxFileSize+1))
	data := buf.Bytes()
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &Error{Err: errTooLarge}
	}
	if !utf8.Valid(data) {
		return nil, &Error{Err: errors.New("the file is not UTF-8 text")}
	}
	return trimBOM(data), nil
}

// trimBOM drops the byte order mark that editors on Windows often put at
// the start of UTF-8, which says nothing here; positions in errors are
// then counted without it.
func trimBOM(data []byte) []byte { return bytes.TrimPrefix(data, []byte(bom)) }

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
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
