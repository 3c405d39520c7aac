package format

// # CSV
//
// EncodeCSV writes one row per annotation, in document order, after a
// header row: id, tag, start, end, exact, prefix, suffix, note, created,
// modified, links, by, probability, outcome, outcome_date, outcome_note,
// document_title, document_sha256, foreign_id; start and end are empty
// for an unplaced annotation, and every row names the text, so that a
// row copied to another sheet still says what it marks. links lists the
// links from the annotation as "relation id", separated by "; ", such as
// "supports 5b0c…; undermines 9e21…"; the last five are a prediction's
// fields, probability in percent. A link read back from CSV is named by
// a UUID made from its ends and dated as its annotation was modified. The file
// is RFC 4180 (fields quoted as needed, CRLF row ends; a line break
// inside a field is written as it is, \n)
// in UTF-8 with a byte order mark, so that spreadsheet programs read its
// curly quotes and accents. Every cell is written as CSVWriter writes it:
// one that a spreadsheet could run as a formula gets a ' before it, and
// so does one that starts with ', which keeps the rule reversible:
// DecodeCSV drops one leading '.

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

// CSVHeader is the first row of a CSV export.
var CSVHeader = append(slices.Clip(csvHeaderV2), "document_title", "document_sha256", "foreign_id")

// csvHeaderV2 is the header with links and predictions but without the
// text's columns, still read.
var csvHeaderV2 = append(slices.Clip(csvHeaderV1), "links", "by", "probability", "outcome", "outcome_date", "outcome_note")

// csvHeaderV1 is the header before links and predictions, still read.
var csvHeaderV1 = []string{"id", "tag", "start", "end", "exact", "prefix", "suffix", "note", "created", "modified"}

const bom = "\uFEFF"

// EncodeCSV writes annotations as CSV.
func EncodeCSV(w io.Writer, d *document.Document, as []annotation.Annotation) error {
	sorted := append([]annotation.Annotation(nil), as...)
	annotation.Sort(sorted)
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := NewCSVWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, a := range sorted {
		start, end := "", "" // an unplaced annotation has no position
		if a.Placed() {
			start, end = strconv.Itoa(a.Start), strconv.Itoa(a.End)
		}
		row := []string{
			a.ID, string(a.Tag), start, end,
			a.Exact, a.Prefix, a.Suffix, a.Note,
			a.Created.UTC().Format(timeFormat), a.Modified.UTC().Format(timeFormat),
			csvLinks(a.Links), a.By, "", string(a.Outcome), a.OutcomeDate, a.OutcomeNote,
			d.Title, d.SHA256, a.Foreign,
		}
		if a.Probability != nil {
			row[12] = strconv.Itoa(*a.Probability)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// CSVWriter writes RFC 4180 CSV with CRLF line ends, as every CSV that
// claimmark writes is written. Each cell is defused as it is finally
// written, so that no later step can undo it: a cell that starts with a
// tab or a carriage return, or whose first character after any white
// space and control characters is = + - @ or |, would run as a formula
// (or a DDE command) in a spreadsheet, and gets a ' before it; so does a
// cell that starts with '. Cells are written as they are, a lone
// carriage return included (encoding/csv drops one).
type CSVWriter struct {
	w   *bufio.Writer
	err error
}

func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{w: bufio.NewWriter(w)} }

// Write writes one row.
func (c *CSVWriter) Write(row []string) error {
	for i, cell := range row {
		if i > 0 {
			c.w.WriteByte(',')
		}
		if needsMark(cell) {
			cell = "'" + cell
		}
		if strings.ContainsAny(cell, "\",\r\n") {
			c.w.WriteByte('"')
			c.w.WriteString(strings.ReplaceAll(cell, `"`, `""`))
			c.w.WriteByte('"')
		} else {
			c.w.WriteString(cell)
		}
	}
	_, err := c.w.WriteString("\r\n")
	if c.err == nil {
		c.err = err
	}
	return c.err
}

// Flush writes what is buffered and returns the first error.
func (c *CSVWriter) Flush() error {
	if err := c.w.Flush(); c.err == nil {
		c.err = err
	}
	return c.err
}

// needsMark reports whether a spreadsheet could read cell as a formula, or
// whether it starts with the ' that marks a defused one.
func needsMark(cell string) bool {
	if cell == "" {
		return false
	}
	if cell[0] == '\t' || cell[0] == '\r' || cell[0] == '\'' {
		return true
	}
	rest := strings.TrimLeftFunc(cell, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
	return rest != "" && strings.ContainsRune("=+-@|", rune(rest[0]))
}

// DecodeCSV reads a CSV export back. It checks the header and the shape of
// each field; checking the annotations against a text is the caller's.
func DecodeCSV(r io.Reader) ([]annotation.Annotation, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, err
	}
	imp, err := decodeCSV(data)
	if err != nil {
		return nil, err
	}
	return imp.Annotations, nil
}

// isCSV tells claimmark's CSV from JSON by its first row.
func isCSV(data []byte) bool { return bytes.HasPrefix(data, []byte("id,tag,start,end,")) }

// decodeCSV reads a CSV export into an import: the text its rows name is
// the source, so that a CSV of this very text places by position.
func decodeCSV(data []byte) (*Imported, error) {
	as, title, sha, err := readCSV(data)
	if err != nil {
		return nil, err
	}
	imp := &Imported{Shape: "a claimmark CSV export", Title: title, Annotations: as}
	if sha != "" {
		imp.Source = "urn:sha256:" + sha
	}
	return imp, nil
}

func readCSV(data []byte) (as []annotation.Annotation, title, sha string, err error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, "", "", csvError(err)
	}
	if !slices.Equal(header, CSVHeader) && !slices.Equal(header, csvHeaderV2) && !slices.Equal(header, csvHeaderV1) {
		return nil, "", "", &Error{Line: 1, Column: 1, Err: fmt.Errorf("the header is %q, not %q", strings.Join(header, ","), strings.Join(CSVHeader, ","))}
	}
	cr.FieldsPerRecord = len(header)
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return as, title, sha, nil
		}
		if err != nil {
			return nil, "", "", csvError(err)
		}
		if len(as) == annotation.MaxPerText {
			return nil, "", "", &Error{Err: fmt.Errorf("more than %d annotations; a text holds up to %d", annotation.MaxPerText, annotation.MaxPerText)}
		}
		for i := range row {
			row[i] = strings.TrimPrefix(row[i], "'")
		}
		line, _ := cr.FieldPos(0)
		a, err := csvAnnotation(row)
		if err == nil && len(row) == len(CSVHeader) {
			if len(as) == 0 {
				title, sha = row[16], row[17]
			} else if row[17] != sha {
				err = fmt.Errorf("document_sha256: %q is another text than the first row's %q; a CSV holds the annotations of one text", row[17], sha)
			}
		}
		if err != nil {
			return nil, "", "", &Error{Line: line, Column: 1, Path: fmt.Sprintf("row %d", len(as)+1), Err: err}
		}
		as = append(as, a)
	}
}

func csvAnnotation(row []string) (annotation.Annotation, error) {
	a := annotation.Annotation{
		ID: row[0], Tag: annotation.Tag(row[1]),
		Exact: row[4], Prefix: row[5], Suffix: row[6], Note: row[7],
	}
	var err error
	if row[2] == "" && row[3] == "" {
		a.Start, a.End = annotation.Unplaced, annotation.Unplaced
	} else {
		if a.Start, err = strconv.Atoi(row[2]); err != nil || a.Start < 0 {
			return a, fmt.Errorf("start: %q is not a whole number", row[2])
		}
		if a.End, err = strconv.Atoi(row[3]); err != nil || a.End < 0 {
			return a, fmt.Errorf("end: %q is not a whole number", row[3])
		}
	}
	for i, t := range []*time.Time{&a.Created, &a.Modified} {
		if *t, err = time.Parse(time.RFC3339, row[8+i]); err != nil {
			return a, fmt.Errorf("%s: %q is not an RFC 3339 date and time", CSVHeader[8+i], row[8+i])
		}
		*t = t.UTC()
	}
	if len(row) == len(csvHeaderV1) {
		return a, nil
	}
	if a.Links, err = readCSVLinks(a, row[10]); err != nil {
		return a, err
	}
	a.By, a.Outcome, a.OutcomeDate, a.OutcomeNote = row[11], annotation.Outcome(row[13]), row[14], row[15]
	if len(row) == len(CSVHeader) {
		a.Foreign = row[18]
	}
	if row[12] != "" {
		n, err := strconv.Atoi(row[12])
		if err != nil {
			return a, fmt.Errorf("probability: %q is not a whole number", row[12])
		}
		a.Probability = annotation.Percent(n)
	}
	return a, nil
}

func csvLinks(ls []annotation.Link) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = string(l.Type) + " " + l.To
	}
	return strings.Join(parts, "; ")
}

func readCSVLinks(a annotation.Annotation, cell string) ([]annotation.Link, error) {
	if cell == "" {
		return nil, nil
	}
	var ls []annotation.Link
	for _, part := range strings.Split(cell, "; ") {
		r, to, ok := strings.Cut(part, " ")
		if !ok || !annotation.Relation(r).Valid() || to == "" {
			return nil, fmt.Errorf("links: %q is not a relation and an id, such as \"supports 5b0c…\"", part)
		}
		ls = append(ls, annotation.Link{ID: idFromIRI("claimmark:link:" + a.ID + ":" + to), To: to, Type: annotation.Relation(r), Created: a.Modified})
	}
	return ls, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{Line: pe.Line, Column: pe.Column, Err: pe.Err}
	}
	return &Error{Err: err}
}
