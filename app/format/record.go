package format

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

// A record is how browser storage keeps one annotation: a JSON array of
// its fields in a fixed order, times as Unix milliseconds,
//
//	["<id>","claim",12,40,1767225600000,1767225600000,"exact","prefix","suffix","note"]
//
// An annotation with links, a prediction's fields or the id it has in the
// tool it came from has an eleventh element, an object of them (schema 3;
// the ten-element records of schema 2 read as they are):
//
//	{"links":[["<link id>","<to id>","supports",1767225600000]],"by":"2027","probability":88,
//	 "outcome":"came-true","outcomeDate":"2027-05-01","outcomeNote":"...","foreign":"https://..."}
//
// It is shorter than the object form, and reading it needs no key
// lookups: a page opening 20,000 annotations reads 20,000 records. A
// record never holds a raw newline (JSON escapes it), so many of them can
// be joined with "\n" and read in one pass.

// AppendRecord appends a's record to b.
func AppendRecord(b []byte, a annotation.Annotation) []byte {
	b = append(b, '[')
	b = AppendJSONString(b, a.ID)
	b = append(b, ',')
	b = AppendJSONString(b, string(a.Tag))
	for _, n := range [...]int64{int64(a.Start), int64(a.End), a.Created.UnixMilli(), a.Modified.UnixMilli()} {
		b = append(b, ',')
		b = strconv.AppendInt(b, n, 10)
	}
	for _, s := range [...]string{a.Exact, a.Prefix, a.Suffix, a.Note} {
		b = append(b, ',')
		b = AppendJSONString(b, s)
	}
	if len(a.Links) > 0 || !a.Forecast.IsZero() || a.Foreign != "" {
		b = appendRecordExtra(b, a)
	}
	return append(b, ']')
}

func appendRecordExtra(b []byte, a annotation.Annotation) []byte {
	b = append(b, ",{"...)
	sep := ""
	key := func(k string) {
		b = append(b, sep...)
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, `":`...)
		sep = ","
	}
	if len(a.Links) > 0 {
		key("links")
		b = append(b, '[')
		for i, l := range a.Links {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = AppendJSONString(b, l.ID)
			b = append(b, ',')
			b = AppendJSONString(b, l.To)
			b = append(b, ',')
			b = AppendJSONString(b, string(l.Type))
			b = append(b, ',')
			b = strconv.AppendInt(b, l.Created.UnixMilli(), 10)
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	f := a.Forecast
	if f.Probability != nil {
		key("probability")
		b = strconv.AppendInt(b, int64(*f.Probability), 10)
	}
	for _, kv := range [...]struct{ key, value string }{{"by", f.By}, {"outcome", string(f.Outcome)}, {"outcomeDate", f.OutcomeDate}, {"outcomeNote", f.OutcomeNote}, {"foreign", a.Foreign}} {
		if kv.value != "" {
			key(kv.key)
			b = AppendJSONString(b, kv.value)
		}
	}
	return append(b, '}')
}

// extra reads a record's eleventh element into a.
func (r *recordReader) extra(a *annotation.Annotation) {
	if r.err != nil {
		return
	}
	p := &r.p
	path := constant("record")
	r.err = p.readObject(path, func(key string, at int) error {
		if key == "foreign" {
			var err error
			a.Foreign, err = p.readString(path)
			return err
		}
		if key != "links" {
			if ok, err := p.readForecastField(path, key, &a.Forecast); ok {
				return err
			}
			return errRecord
		}
		return p.readArray(path, func(int) error {
			var l annotation.Link
			lr := recordReader{p: *p}
			l.ID = lr.str('[')
			l.To = lr.str(',')
			l.Type = annotation.Relation(lr.str(','))
			l.Created = time.UnixMilli(lr.int(',')).UTC()
			lr.next(']')
			*p = lr.p
			a.Links = append(a.Links, l)
			return lr.err
		})
	})
}

// Record returns a's record.
func Record(a annotation.Annotation) string {
	return string(AppendRecord(make([]byte, 0, 128+len(a.Exact)+len(a.Prefix)+len(a.Suffix)+len(a.Note)), a))
}

var errRecord = errors.New("not an annotation record")

// recordReader reads a record's fields in turn; after the first error it
// reads nothing more and keeps that error.
type recordReader struct {
	p   parser
	err error
}

func (r *recordReader) next(c byte) {
	if r.err == nil && (r.p.pos >= len(r.p.data) || r.p.data[r.p.pos] != c) {
		r.err = errRecord
	}
	r.p.pos++
}

func (r *recordReader) str(c byte) (s string) {
	if r.next(c); r.err == nil {
		if r.p.pos >= len(r.p.data) || r.p.data[r.p.pos] != '"' {
			r.err = errRecord
			return ""
		}
		s, r.err = r.p.str()
	}
	return s
}

func (r *recordReader) int(c byte) (n int64) {
	if r.next(c); r.err == nil {
		if r.p.pos >= len(r.p.data) || !(r.p.data[r.p.pos] == '-' || r.p.data[r.p.pos] >= '0' && r.p.data[r.p.pos] <= '9') {
			r.err = errRecord
			return 0
		}
		var digits number
		if digits, r.err = r.p.number(); r.err == nil {
			n, r.err = strconv.ParseInt(string(digits), 10, 64)
		}
	}
	return n
}

// DecodeRecord reads one record. It checks the record's form only; the
// caller checks the annotation against its text.
func DecodeRecord(data []byte) (annotation.Annotation, error) {
	r := &recordReader{p: parser{data: data}}
	var a annotation.Annotation
	a.ID = r.str('[')
	tag := r.str(',')
	start, end := r.int(','), r.int(',')
	created, modified := r.int(','), r.int(',')
	a.Exact, a.Prefix, a.Suffix, a.Note = r.str(','), r.str(','), r.str(','), r.str(',')
	if r.err == nil && r.p.pos < len(data) && data[r.p.pos] == ',' {
		r.p.pos++
		r.extra(&a)
	}
	r.next(']')
	if r.err == nil && r.p.pos != len(data) {
		r.err = errRecord
	}
	if r.err == nil && (start < annotation.Unplaced || end < annotation.Unplaced || start > math.MaxInt32 || end > math.MaxInt32) {
		r.err = fmt.Errorf("%w: position %d:%d", errRecord, start, end)
	}
	if r.err != nil {
		return annotation.Annotation{}, r.err
	}
	a.Tag = annotation.Tag(tag)
	a.Start, a.End = int(start), int(end)
	a.Created, a.Modified = time.UnixMilli(created).UTC(), time.UnixMilli(modified).UTC()
	return a, nil
}
