// Package workload makes the large, repeatable inputs of the benchmarks: a
// generated text, annotations spread over it, an edited version of it, and
// the measurements taken on them, natively and in the browser alike.
package workload

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"time"

	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/classroom"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
)

var words = strings.Fields(`china russia partnership limits trade oil sanctions weapons military
	support officials warned response strategy policy ukraine taiwan beijing moscow washington
	economy exports imports relations summit leaders pressure evidence claim report analysts
	observers assistance equipment parts firms risk security alliance diplomacy war peace`)

// Text returns a text of about size bytes: a title, then paragraphs of
// sentences made of common words, the same for the same seed.
func Text(size int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	b.WriteString("A generated text for benchmarks\n\n")
	for b.Len() < size {
		for range 4 + rng.IntN(5) {
			n := 8 + rng.IntN(14)
			for i := range n {
				w := words[rng.IntN(len(words))]
				if i == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				b.WriteString(w)
				if i < n-1 {
					b.WriteByte(' ')
				}
			}
			b.WriteString(". ")
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// Phrases returns a text of about size bytes made of runs of one to six
// words of source, as another article on the same subject shares its
// phrases: a quote from it is often found in source, once or many times.
func Phrases(source string, size int, seed uint64) string {
	words := strings.Fields(source)
	rng := rand.New(rand.NewPCG(seed, 2))
	var b strings.Builder
	b.WriteString("Another text on the subject\n\n")
	for b.Len() < size {
		i := rng.IntN(len(words) - 6)
		b.WriteString(strings.Join(words[i:i+1+rng.IntN(6)], " "))
		if rng.IntN(10) == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// Sentences tags n sentences of d, spread evenly over it.
func Sentences(d *document.Document, n int) []annotation.Annotation {
	return spread(d, n, func(r rune) bool { return r >= 'A' && r <= 'Z' }, func(r rune) bool { return r == '.' })
}

// Words tags n two-word spans of d, spread evenly over it.
func Words(d *document.Document, n int) []annotation.Annotation {
	spaces := 0
	return spread(d, n, func(r rune) bool { spaces = 0; return r == ' ' }, func(r rune) bool {
		if r == ' ' || r == '.' {
			spaces++
		}
		return spaces == 3
	})
}

// spread tags n spans of d, one from each of n even steps: from the first
// code point after the step's start that begins a span to the one that
// ends it.
func spread(d *document.Document, n int, begins, ends func(rune) bool) []annotation.Annotation {
	text := d.Runes()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	var out []annotation.Annotation
	step := len(text) / n
	for i := range n {
		s := i * step
		for s < len(text) && !begins(text[s]) {
			s++
		}
		if s < len(text) && text[s] == ' ' {
			s++
		}
		e := s
		for e < len(text) && !ends(text[e]) {
			e++
		}
		if e >= len(text) || e <= s {
			break
		}
		if text[e] == '.' {
			e++
		}
		out = append(out, annotation.New(d, annotation.Tags[i%3], s, e, now))
	}
	return out
}

// Edit changes text in k places spread over it: a sentence inserted, a
// word changed, a sentence deleted, in turn.
func Edit(text string, k int) string {
	paras := strings.Split(text, "\n\n")
	step := max(1, len(paras)/k)
	for i := 1; i < len(paras); i += step {
		switch (i / step) % 3 {
		case 0:
			paras[i] = "An inserted sentence shifts what follows. " + paras[i]
		case 1:
			paras[i] = strings.Replace(paras[i], " ", " edited ", 1)
		case 2:
			if j := strings.Index(paras[i], ". "); j >= 0 {
				paras[i] = paras[i][j+2:]
			}
		}
	}
	return strings.Join(paras, "\n\n")
}

// Result holds the measurements, in milliseconds.
type Result struct {
	EncodeJSON, DecodeJSON, EncodeW3C, DecodeW3C float64
	Annotations, W3CAnnotations                  int
	CodecMemory                                  float64 // MiB of memory after the claimmark JSON codec
	PlaceTotal, PlaceMaxSlice, PlaceMaxOne       float64
	Placed, Unplaced, ToPlace                    int
}

// W3CAnnotations is how many annotations the W3C measurement uses.
const W3CAnnotations = 5000

// Slice is how long placement runs before it yields, as the app does.
const Slice = 30 * time.Millisecond

// Measure encodes and decodes 10,000 annotations of a 256 KB text (a file
// within the 5 MB import limit), then re-anchors 1,000 annotations of a
// 1 MB text in an edited version of it. memory reports the memory in use,
// in bytes, as the platform counts it: in the browser, the size of the
// wasm memory, which only grows, so that it is the peak so far.
func Measure(memory func() float64) (Result, error) {
	var r Result
	small, err := document.New(Text(256<<10, 2))
	if err != nil {
		return r, err
	}
	as := Words(small, 10000)
	r.Annotations = len(as)
	ms := func(since time.Time) float64 { return float64(time.Since(since).Microseconds()) / 1000 }

	var buf bytes.Buffer
	t := time.Now()
	if err := format.Encode(&buf, small, as, t); err != nil {
		return r, err
	}
	r.EncodeJSON = ms(t)
	t = time.Now()
	if _, _, err := format.Decode(bytes.NewReader(buf.Bytes())); err != nil {
		return r, err
	}
	r.DecodeJSON = ms(t)
	r.CodecMemory = memory() / (1 << 20)

	// W3C spends about twice the bytes per annotation: 10,000 would pass the
	// 5 MB import limit, so it is measured with as many as fit.
	buf.Reset()
	w3c := as[:W3CAnnotations]
	r.W3CAnnotations = len(w3c)
	t = time.Now()
	if err := format.EncodeWebAnnotation(&buf, small, w3c); err != nil {
		return r, err
	}
	r.EncodeW3C = ms(t)
	t = time.Now()
	if _, err := format.DecodeWebAnnotation(bytes.NewReader(buf.Bytes()), t); err != nil {
		return r, err
	}
	r.DecodeW3C = ms(t)

	d, err := document.New(Text(1<<20, 1))
	if err != nil {
		return r, err
	}

	edited, err := document.New(Edit(d.Text, 300))
	if err != nil {
		return r, err
	}
	toPlace := Sentences(d, 1000)
	r.ToPlace = len(toPlace)
	start, slice := time.Now(), time.Now()
	for _, a := range toPlace {
		one := time.Now()
		_, p := anchor.PlaceOne(edited, a, false)
		r.PlaceMaxOne = max(r.PlaceMaxOne, ms(one))
		if p.Method == anchor.Orphaned {
			r.Unplaced++
		} else {
			r.Placed++
		}
		if time.Since(slice) > Slice {
			r.PlaceMaxSlice = max(r.PlaceMaxSlice, ms(slice))
			time.Sleep(time.Millisecond) // in the browser this lets the page paint
			slice = time.Now()
		}
	}
	r.PlaceMaxSlice = max(r.PlaceMaxSlice, ms(slice))
	r.PlaceTotal = ms(start)
	return r, nil
}

// HeapMemory is the memory the Go runtime has taken from the system: the
// native counterpart of the wasm memory's size.
func HeapMemory() float64 {
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	return float64(stats.Sys)
}

// Class returns n submissions for h of per annotations each: each student
// tags per of 2*per two-word spans of its text, a different half each,
// with tags that vary by student.
func Class(h *format.Handout, n, per int) []classroom.File {
	pool := Words(h.Doc, 2*per)
	var files []classroom.File
	for i := range n {
		as := make([]annotation.Annotation, 0, per)
		for j := range per {
			a := pool[(i*7+j*2)%len(pool)]
			a.Tag = annotation.Tags[(i+j)%len(annotation.Tags)]
			as = append(as, a)
		}
		var buf bytes.Buffer
		format.EncodeSubmission(&buf, &format.Submission{Student: fmt.Sprintf("Student %02d", i+1), Handout: h.ID(), HandedIn: time.Now(), Doc: h.Doc, Annotations: as})
		files = append(files, classroom.File{Name: fmt.Sprintf("s%02d.submission.json", i+1), Data: buf.Bytes()})
	}
	return files
}
