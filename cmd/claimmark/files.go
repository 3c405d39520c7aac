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

// load reads a claimmark JSON, W3C, Hypothesis or claimmark CSV file.
// The last three carry no text: their annotations are placed in the text of textPath, if
// given, as an import in the app places them. What the file holds that
// does not fit is skipped, and returned with its reasons; a file with
// nothing that fits is an error.
func load(path, textPath string, now time.Time) (*document.Document, *format.Imported, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	imp, d, err := format.DecodeAny(f, now)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(imp.Annotations) == 0 && len(imp.Skipped) > 0 {
		return nil, imp, fmt.Errorf("%s: nothing in %s can be imported (%s)", path, imp.Shape, imp.SkippedSummary())
	}
	if textPath == "" {
		return d, imp, nil
	}
	src, err := os.ReadFile(textPath)
	if err != nil {
		return nil, nil, err
	}
	text, err := document.FromFile(textPath, src)
	if err != nil {
		return nil, nil, err
	}
	imp.Annotations, _ = anchor.PlaceAll(text, imp.Annotations, imp.Source == format.SourceIRI(text))
	return text, imp, nil
}

// reportSkipped writes a line for each item a file skipped.
func reportSkipped(w io.Writer, path string, imp *format.Imported) {
	for _, s := range imp.Skipped {
		where := s.Path
		if where == "" {
			where = "the annotation"
		}
		if s.Line > 0 {
			where = fmt.Sprintf("%s at line %d", s.Path, s.Line)
		}
		quote := ""
		if s.Quote != "" {
			quote = fmt.Sprintf(" (%q)", annotation.Shorten(s.Quote, 60))
		}
		fmt.Fprintf(w, "claimmark: %s: skipped %s%s: %s\n", path, where, quote, s.Reason)
	}
}

// convert writes what fits of the file at path in the format to, and
// reports on stderr what it skipped.
func convert(w, stderr io.Writer, path, to, textPath string, now time.Time) error {
	switch to {
	case "json", "w3c", "md", "argdown", "csv", "aif":
	default:
		return fmt.Errorf("-to %q: write json, w3c, csv, md, argdown or aif", to)
	}
	d, imp, err := load(path, textPath, now)
	if err != nil {
		return err
	}
	reportSkipped(stderr, path, imp)
	as := imp.Annotations
	if to == "aif" {
		return format.EncodeAIF(w, as)
	}
	if d == nil {
		return fmt.Errorf("%s is %s, which holds no text: name the text it annotates with -text FILE", path, imp.Shape)
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
	case "csv":
		return format.EncodeCSV(w, d, as)
	case "argdown":
		return format.EncodeArgdown(w, d, as)
	default:
		return format.EncodeMarkdown(w, d, as)
	}
}

// validate prints one line per file and returns 1 if any is bad: one
// that cannot be read, or that holds nothing that fits.
func validate(w io.Writer, paths []string) int {
	status := 0
	for _, path := range paths {
		_, imp, err := load(path, "", time.Now())
		if err != nil {
			fmt.Fprintln(w, err)
			status = 1
			continue
		}
		as := imp.Annotations
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
		skipped := ""
		if len(imp.Skipped) > 0 {
			skipped = fmt.Sprintf(", %d skipped (%s)", len(imp.Skipped), imp.SkippedSummary())
		}
		fmt.Fprintf(w, "%s: ok, %s, %d annotations (%s)%s\n", path, imp.Shape, len(as), strings.Join(parts, ", "), skipped)
	}
	return status
}
