package workload

import (
	"bytes"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/anchor"
	"github.com/claimmark/claimmark/app/document"
	"github.com/claimmark/claimmark/app/format"
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
