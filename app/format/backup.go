package format

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

// A backup holds all the texts of a device with their annotations, each as
// a claimmark JSON file:
//
//	{"format": "claimmark-backup", "version": 1, "exported": "<RFC 3339>",
//	 "documents": [<claimmark JSON file>, ...]}
//
// Each document is read as strictly as a claimmark JSON file on its own.
const (
	BackupName    = "claimmark-backup"
	BackupVersion = 1
	// MaxBackupSize bounds a backup file: a device's texts, each up to
	// MaxFileSize.
	MaxBackupSize = 256 << 20
)

// BackupDocument is one text of a backup.
type BackupDocument struct {
	Doc         *document.Document
	Annotations []annotation.Annotation
}

// EncodeBackup writes docs as a backup.
func EncodeBackup(w io.Writer, docs []BackupDocument, exported time.Time) error {
	exported = exported.UTC()
	b := []byte("{\n\"format\": \"" + BackupName + "\",\n\"version\": 1,\n\"exported\": \"")
	b = appendTime(b, exported)
	b = append(b, "\",\n\"documents\": ["...)
	for i, bd := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = appendFile(b, fileOf(bd.Doc, bd.Annotations, exported))
	}
	b = append(b, "]\n}\n"...)
	_, err := w.Write(b)
	return err
}

// Kind returns the "format" named at the top of a JSON object, such as
// "claimmark", "claimmark-backup" or "claimmark-handout"; "" if none.
func Kind(data []byte) string {
	p := &parser{data: trimBOM(data)}
	if !p.expect('{') {
		return ""
	}
	format := ""
	p.readObject(constant(""), func(key string, _ int) error {
		if key == "format" && p.expect('"') {
			format, _ = p.str()
			return errors.New("found") // stop reading
		}
		return p.skipValue()
	})
	return format
}

// DecodeBackup reads a backup, each of its documents checked as Decode
// checks a claimmark JSON file.
func DecodeBackup(r io.Reader) ([]BackupDocument, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBackupSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBackupSize {
		return nil, &Error{Err: fmt.Errorf("the backup is larger than %d MB", MaxBackupSize>>20)}
	}
	data = trimBOM(data)
	p := &parser{data: data}
	var name string
	version := 0
	var docs []BackupDocument
	err = p.readObject(constant(""), func(key string, at int) error {
		var err error
		switch key {
		case "format":
			name, err = p.readString(constant("format"))
		case "version":
			version, err = p.readInt(constant("version"))
		case "exported":
			_, err = p.readTime(constant("exported"))
		case "documents":
			err = p.readArray(constant("documents"), func(i int) error {
				f, d, err := p.readFile(fmt.Sprintf("documents[%d]", i), nil)
				if err == nil {
					docs = append(docs, BackupDocument{Doc: d, Annotations: f.All()})
				}
				return err
			})
		default:
			err = unknownKey(data, at, "", key, []string{"format", "version", "exported", "documents"})
		}
		return err
	})
	switch {
	case err != nil:
		return nil, err
	case name != BackupName:
		return nil, &Error{Path: "format", Err: fmt.Errorf("%q is not %q: this is not a claimmark backup", name, BackupName)}
	case version != BackupVersion:
		return nil, &Error{Path: "version", Err: fmt.Errorf("%d is not supported (this claimmark reads version %d)", version, BackupVersion)}
	}
	if p.space(); p.pos < len(data) {
		return nil, p.errorAt(p.pos, errors.New("invalid JSON: unexpected data after the JSON value"))
	}
	return docs, nil
}

// skipBrackets moves past the object or array at p.pos, going by its
// brackets and strings alone, and says whether they closed.
func (p *parser) skipBrackets() bool {
	if p.pos >= len(p.data) || p.data[p.pos] != '{' && p.data[p.pos] != '[' {
		return false
	}
	depth := 0
	for i := p.pos; i < len(p.data); i++ {
		switch p.data[i] {
		case '"':
			for i++; i < len(p.data) && p.data[i] != '"'; i++ {
				if p.data[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				p.pos = i + 1
				return true
			}
		}
	}
	return false
}

// readFile reads a claimmark JSON file nested in another file, at path;
// known, if set, is a document it may well hold.
func (p *parser) readFile(path string, known *document.Document) (*File, *document.Document, error) {
	p.space()
	start := p.pos
	// Its brackets alone find its end, as decodeClaimmark then reads it
	// strictly; skipValue, which reads every key, took as long again.
	if !p.skipBrackets() {
		if err := p.skipValue(); err != nil {
			return nil, nil, err
		}
	}
	f, d, err := decodeClaimmark(p.data[start:p.pos], known)
	if err != nil {
		var e *Error
		if errors.As(err, &e) && e.Line > 0 {
			line, _ := position(p.data, int64(start))
			e.Line += line - 1
		}
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, d, nil
}
