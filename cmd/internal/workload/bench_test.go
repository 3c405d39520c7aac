package workload

import (
	"bytes"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/classroom"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/store"
	"github.com/claimmark/claimmark/web"
)

func BenchmarkDecodeJSON10k(b *testing.B) {
	d, _ := document.New(Text(256<<10, 2))
	var buf bytes.Buffer
	format.Encode(&buf, d, Words(d, 10000), time.Now())
	for b.Loop() {
		if _, _, err := format.Decode(bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeJSON10k(b *testing.B) {
	d, _ := document.New(Text(256<<10, 2))
	as := Words(d, 10000)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		format.Encode(&buf, d, as, time.Now())
	}
}

func BenchmarkPlace1000(b *testing.B) {
	d, _ := document.New(Text(1<<20, 1))
	edited, _ := document.New(Edit(d.Text, 300))
	as := Sentences(d, 1000)
	for b.Loop() {
		anchor.PlaceAll(edited, as, false)
	}
}

// BenchmarkPlaceForeign20k places, in the post, 20,000 annotations made
// on another text that shares its phrases, as the import bench does.
func BenchmarkPlaceForeign20k(b *testing.B) {
	post, _ := document.New(web.DefaultDocument)
	other, _ := document.New(Phrases(web.DefaultDocument, 200_000, 5))
	as := Words(other, annotation.MaxPerText)
	b.ReportAllocs()
	for b.Loop() {
		anchor.PlaceAll(post, as, false)
	}
}

// BenchmarkLoad20k reads 20,000 annotations back from a pack, as opening a
// text does.
func BenchmarkLoad20k(b *testing.B) {
	d, _ := document.New(Text(200_000, 5))
	db := &store.Memory{}
	db.Write(store.Batch{Doc: d.SHA256, Put: Words(d, 20000), Text: d.Text})
	db.Repack(d.SHA256)
	for b.Loop() {
		if l, err := store.Load(db, d, time.Now()); err != nil || len(l.Annotations) != 20000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkClass40 compares 40 submissions of 200 annotations each.
func BenchmarkClass40(b *testing.B) {
	d, _ := document.New(Text(100_000, 9))
	h := &format.Handout{Title: "T", Tags: []format.TagDefinition{{Tag: annotation.Claim, Definition: "c"}}, Doc: d}
	files := Class(h, 40, 200)
	for b.Loop() {
		subs, rejected := classroom.Gather(h, files)
		if len(subs) != 40 {
			b.Fatal(rejected)
		}
		classroom.Compare(h, nil, subs, rejected)
	}
}
