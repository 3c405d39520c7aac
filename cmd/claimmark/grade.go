package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/classroom"
	"github.com/claimmark/claimmark/app/format"
)

// grade compares the submissions for a handout and writes the report. The
// key is the handout's own, or keyPath's: a handout with a key, or a
// claimmark JSON export of the same text.
func grade(w io.Writer, handoutPath, keyPath, as string, submissions []string) error {
	data, err := os.ReadFile(handoutPath)
	if err != nil {
		return err
	}
	h, err := format.DecodeHandout(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", handoutPath, err)
	}
	var key []annotation.Annotation
	if h.HasKey {
		key = h.Key
	}
	if keyPath != "" {
		if key, err = readKey(keyPath, h); err != nil {
			return fmt.Errorf("%s: %w", keyPath, err)
		}
	}
	var files []classroom.File
	for _, p := range submissions {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, classroom.File{Name: filepath.Base(p), Data: data})
	}
	subs, rejected := classroom.Gather(h, files)
	r := classroom.Compare(h, key, subs, rejected)
	switch as {
	case "text":
		return r.WriteText(w)
	case "csv":
		return r.WriteCSV(w)
	case "json":
		return r.WriteJSON(w)
	}
	return fmt.Errorf("-format %q: use text, csv or json", as)
}

func readKey(path string, h *format.Handout) ([]annotation.Annotation, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if k, err := format.DecodeHandout(bytes.NewReader(data)); err == nil {
		switch {
		case k.ID() != h.ID():
			return nil, fmt.Errorf("a key for another handout")
		case !k.HasKey:
			return nil, fmt.Errorf("a handout without a key")
		}
		return k.Key, nil
	}
	f, d, err := format.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if d.SHA256 != h.Doc.SHA256 {
		return nil, fmt.Errorf("annotations of another text than the handout's")
	}
	all := f.All()
	if all == nil {
		all = []annotation.Annotation{}
	}
	return all, nil
}
