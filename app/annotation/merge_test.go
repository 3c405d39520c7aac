package annotation_test

import (
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

func TestClassifyAndMerge(t *testing.T) {
	d := mustDoc(t, "one two three four five six")
	a := annotation.New(d, annotation.Claim, 0, 3, now)
	b := annotation.New(d, annotation.Evidence, 4, 7, now)
	c := annotation.New(d, annotation.Prediction, 8, 13, now)

	newer := b
	newer.Note, newer.Modified = "edited later", now.Add(time.Minute)
	older := c
	older.Tag, older.Modified = annotation.Claim, now.Add(-time.Minute)
	fresh := annotation.New(d, annotation.Claim, 14, 18, now)

	existing := []annotation.Annotation{a, b, c}
	incoming := []annotation.Annotation{a, newer, older, fresh}
	if got, want := annotation.Classify(existing, incoming), (annotation.Counts{New: 1, Duplicate: 1, Conflict: 2}); got != want {
		t.Errorf("Classify = %+v, want %+v", got, want)
	}
	merged := annotation.Merge(existing, incoming)
	if len(merged) != 4 {
		t.Fatalf("%d merged, want 4", len(merged))
	}
	byID := map[string]annotation.Annotation{}
	for _, m := range merged {
		byID[m.ID] = m
	}
	if byID[b.ID].Note != "edited later" {
		t.Error("the later edit did not win")
	}
	if byID[c.ID].Tag != annotation.Prediction {
		t.Error("an older edit overwrote a newer one")
	}
	if _, ok := byID[fresh.ID]; !ok {
		t.Error("the new annotation is missing")
	}
	if merged[0].ID != a.ID || merged[3].ID != fresh.ID {
		t.Error("merged annotations are not in document order")
	}
}
