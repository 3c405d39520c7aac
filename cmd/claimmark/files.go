package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

// load reads a claimmark JSON or W3C file. A W3C file carries no text: its
// annotations are placed in the text of textPath, if given, as an import
// in the app places them.
func load(path, textPath string, now time.Time) (*document.Document, []annotation.Annotation, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	imp, d, err := format.DecodeAny(f, now)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if textPath == "" {
		return d, imp.Annotations, nil
	}
	src, err := os.ReadFile(textPath)
	if err != nil {
		return nil, nil, err
	}
	text, err := document.FromFile(textPath, src)
	if err != nil {
		return nil, nil, err
	}
	placed, _ := anchor.PlaceAll(text, imp.Annotations, imp.Source == format.SourceIRI(text))
	return text, placed, nil
}

func convert(w io.Writer, path, to, textPath string, now time.Time) error {
	d, as, err := load(path, textPath, now)
	if err != nil {
		return err
	}
	switch to {
	case "csv":
		return format.EncodeCSV(w, as)
	case "aif":
		return format.EncodeAIF(w, as)
	case "json", "w3c", "md", "argdown":
		if d == nil {
			return fmt.Errorf("%s is a W3C file, which holds no text: name the text it annotates with -text FILE", path)
		}
	default:
		return fmt.Errorf("-to %q: write json, w3c, csv, md, argdown or aif", to)
	}
	for _, a := range as {
		if !a.Placed() && a.Exact == "" {
			return fmt.Errorf("%s: annotation %s has no quote and no position in this text", path, a.ID)
		}
	}
	switch to {
	case "json":
		return format.Encode(w, d, as, now)
	case "w3c":
		return format.EncodeWebAnnotation(w, d, as)
	case "argdown":
		return format.EncodeArgdown(w, d, as)
	default:
		return format.EncodeMarkdown(w, d, as)
	}
}

// validate prints one line per file and returns 1 if any is bad.
func validate(w io.Writer, paths []string) int {
	status := 0
	for _, path := range paths {
		d, as, err := load(path, "", time.Now())
		if err != nil {
			fmt.Fprintln(w, err)
			status = 1
			continue
		}
		kind := "claimmark JSON"
		if d == nil {
			kind = "W3C Web Annotation"
		}
		counts := map[annotation.Tag]int{}
		unplaced := 0
		for _, a := range as {
			counts[a.Tag]++
			if !a.Placed() {
				unplaced++
			}
		}
		var parts []string
		for _, t := range annotation.Tags {
			parts = append(parts, fmt.Sprintf("%s %d", t, counts[t]))
		}
		if unplaced > 0 {
			parts = append(parts, fmt.Sprintf("unplaced %d", unplaced))
		}
		fmt.Fprintf(w, "%s: ok, %s, %d annotations (%s)\n", path, kind, len(as), strings.Join(parts, ", "))
	}
	return status
}
