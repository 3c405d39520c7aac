package format_test

import (
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
)

func TestRecordRoundTrip(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 6_000_000, time.UTC)
	for _, a := range []annotation.Annotation{
		{ID: "id-1", Tag: annotation.Claim, Start: 0, End: 4, Exact: "Text", Created: at, Modified: at},
		{ID: "a\"b\\c\nd", Tag: annotation.Evidence, Start: 10, End: 12, Exact: "😀é", Prefix: "\x00\t", Suffix: "\u2028</script>", Note: "line\r\nline", Created: at, Modified: at.Add(time.Hour)},
		{ID: "unplaced", Tag: annotation.Prediction, Start: -1, End: -1, Exact: "gone", Created: at, Modified: at},
		{ID: "linked", Tag: annotation.Prediction, Start: 3, End: 9, Exact: "linked", Created: at, Modified: at,
			Links:    []annotation.Link{{ID: "l1", To: "id-1", Type: annotation.FollowsFrom, Created: at}, {ID: "l\"2", To: "x", Type: annotation.FollowsFrom, Created: at.Add(time.Second)}},
			Forecast: annotation.Forecast{By: "before the “2028” election", Probability: annotation.Percent(0), Outcome: annotation.CannotTell, OutcomeDate: "2029-01-01", OutcomeNote: "see\nhttps://example.org"}},
		{ID: "forecast only", Tag: annotation.Prediction, Start: 3, End: 9, Exact: "linked", Created: at, Modified: at, Forecast: annotation.Forecast{Probability: annotation.Percent(88)}},
	} {
		rec := format.Record(a)
		if strings.ContainsAny(rec, "\n\r") {
			t.Errorf("record %s holds a raw line break", rec)
		}
		got, err := format.DecodeRecord([]byte(rec))
		if err != nil {
			t.Fatalf("DecodeRecord(%s): %v", rec, err)
		}
		if !got.Equal(&a) {
			t.Errorf("round trip of %s:\n got %+v\nwant %+v", rec, got, a)
		}
	}
}

func TestRecordRejects(t *testing.T) {
	for _, rec := range []string{
		``,
		`[`,
		`{}`,
		`null`,
		`["id","claim",0,4,1,1,"Text","","",""`,
		`["id","claim",0,4,1,1,"Text","","",""] `,
		`["id","claim",0,4,1,1,"Text","","",""]x`,
		`["id","claim",0,4,1,1,"Text","","",""`,
		`["id","claim",0,4,1,1,"Text","",""]`,
		`["id","claim",0,4,1,1,"Text","","","",""]`,
		`["id","claim","0",4,1,1,"Text","","",""]`,
		`["id","claim",0.5,4,1,1,"Text","","",""]`,
		`["id","claim",-2,4,1,1,"Text","","",""]`,
		`["id","claim",0,99999999999,1,1,"Text","","",""]`,
		`["id","claim",0,4,1,1,"Te` + "\n" + `xt","","",""]`,
		`["id","claim",0,4,1,1,"T\q","","",""]`,
		`["id",1,0,4,1,1,"Text","","",""]`,
		`[ "id","claim",0,4,1,1,"Text","","",""]`,
		`["id","claim",0,4,1,1,"Text","","","",{"colour":1}]`,
		`["id","claim",0,4,1,1,"Text","","","",{"links":[["l","x","supports"]]}]`,
		`["id","claim",0,4,1,1,"Text","","","",{"links":[["l","x","supports",1,2]]}]`,
		`["id","claim",0,4,1,1,"Text","","","",{"probability":"88"}]`,
		`["id","claim",0,4,1,1,"Text","","","",{}`,
	} {
		if a, err := format.DecodeRecord([]byte(rec)); err == nil {
			t.Errorf("DecodeRecord(%q) = %+v, want an error", rec, a)
		}
	}
}

func FuzzDecodeRecord(f *testing.F) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f.Add(format.Record(annotation.Annotation{ID: "x", Tag: annotation.Claim, Start: 1, End: 3, Exact: "ab", Note: "n\"", Created: at, Modified: at}))
	f.Add(`["id","claim",0,4,1,1,"T\u00e9","","",""]`)
	f.Add(`["id","prediction",0,4,1,1,"Text","","","",{"links":[["l","x","follows-from",1]],"probability":88,"by":"2027"}]`)
	f.Fuzz(func(t *testing.T, rec string) {
		a, err := format.DecodeRecord([]byte(rec))
		if err != nil {
			return
		}
		// What decodes encodes to a record that decodes the same.
		again, err := format.DecodeRecord([]byte(format.Record(a)))
		if err != nil || !again.Equal(&a) {
			t.Fatalf("%q decoded to %+v, which does not round-trip (%+v, %v)", rec, a, again, err)
		}
	})
}
