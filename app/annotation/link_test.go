package annotation_test

import (
	"strings"
	"testing"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

func TestFitsEveryPair(t *testing.T) {
	// The rules, pair by pair: from, relation, to.
	fits := map[string]bool{
		"evidence supports claim": true, "evidence undermines claim": true,
		"evidence supports prediction": true, "evidence undermines prediction": true,
		"claim supports claim": true, "claim undermines claim": true,
		"prediction follows-from claim": true, "prediction follows-from evidence": true,
	}
	for _, from := range annotation.Tags {
		for _, r := range annotation.Relations {
			for _, to := range annotation.Tags {
				key := string(from) + " " + string(r) + " " + string(to)
				if err := annotation.Fits(from, r, to); (err == nil) != fits[key] {
					t.Errorf("%s: Fits says %v", key, err)
				}
			}
		}
	}
	if got := annotation.RelationsFitting(annotation.Evidence, annotation.Claim); len(got) != 2 {
		t.Errorf("evidence to a claim may be %v", got)
	}
}

func TestCheckLinks(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	base := func() []annotation.Annotation {
		return []annotation.Annotation{{ID: "c", Tag: annotation.Claim}, {ID: "e", Tag: annotation.Evidence}, {ID: "p", Tag: annotation.Prediction}}
	}
	link := func(id, to string, r annotation.Relation) annotation.Link {
		return annotation.Link{ID: id, To: to, Type: r, Created: now}
	}
	ok := base()
	ok[1].Links = []annotation.Link{link("l1", "c", annotation.Supports), link("l2", "p", annotation.Undermines)}
	ok[2].Links = []annotation.Link{link("l3", "c", annotation.FollowsFrom)}
	if err := annotation.CheckLinks(ok); err != nil {
		t.Errorf("good links refused: %v", err)
	}
	for name, tc := range map[string]struct {
		at    int
		links []annotation.Link
		says  string
	}{
		"unknown id":   {1, []annotation.Link{link("l1", "x", annotation.Supports)}, "not an annotation of this text"},
		"repeated":     {1, []annotation.Link{link("l1", "c", annotation.Supports), link("l2", "c", annotation.Undermines)}, "repeats a link"},
		"same link id": {1, []annotation.Link{link("l1", "c", annotation.Supports), link("l1", "p", annotation.Supports)}, "another link's"},
		"misfit":       {1, []annotation.Link{link("l1", "p", annotation.FollowsFrom)}, "only a prediction follows"},
	} {
		as := base()
		as[tc.at].Links = tc.links
		if err := annotation.CheckLinks(as); err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: %v, want it to say %q", name, err, tc.says)
		}
	}
}

func TestValidateForecastAndLinks(t *testing.T) {
	d := mustDoc(t, "Trade will very likely grow.")
	a := annotation.New(d, annotation.Prediction, 0, 5, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	good := a
	good.Forecast = annotation.Forecast{By: "2027-06", Probability: annotation.Percent(88), Outcome: annotation.CameTrue, OutcomeDate: "2027-05-01", OutcomeNote: "https://example.org/report"}
	if err := good.Validate(d); err != nil {
		t.Errorf("a good forecast: %v", err)
	}
	for field, f := range map[string]func(*annotation.Annotation){
		"probability": func(a *annotation.Annotation) { a.Probability = annotation.Percent(101) },
		"outcome":     func(a *annotation.Annotation) { a.Outcome = "maybe" },
		"outcomeDate": func(a *annotation.Annotation) { a.OutcomeDate = "May 2027" },
		"by":          func(a *annotation.Annotation) { a.Tag = annotation.Claim },
		"links.to": func(a *annotation.Annotation) {
			a.Links = []annotation.Link{{ID: "l", To: a.ID, Type: annotation.FollowsFrom, Created: a.Created}}
		},
		"links.type": func(a *annotation.Annotation) {
			a.Links = []annotation.Link{{ID: "l", To: "x", Type: "causes", Created: a.Created}}
		},
	} {
		b := good
		f(&b)
		err := b.Validate(d)
		if fe, ok := err.(*annotation.FieldError); !ok || fe.Field != field {
			t.Errorf("%s: %v", field, err)
		}
	}
}

func TestGroupByClaim(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	as := []annotation.Annotation{
		{ID: "e0", Tag: annotation.Evidence}, {ID: "c1", Tag: annotation.Claim}, {ID: "p2", Tag: annotation.Prediction}, {ID: "e3", Tag: annotation.Evidence},
		{ID: "c4", Tag: annotation.Claim}, {ID: "e5", Tag: annotation.Evidence}, {ID: "p6", Tag: annotation.Prediction},
	}
	l := func(to string, r annotation.Relation) []annotation.Link {
		return []annotation.Link{{ID: "l" + to, To: to, Type: r, Created: now}}
	}
	as[0].Links = l("c4", annotation.Supports)
	as[2].Links = l("c1", annotation.FollowsFrom)
	as[3].Links = append(l("c1", annotation.Undermines), annotation.Link{ID: "x", To: "c4", Type: annotation.Supports, Created: now}) // under c1 only
	as[6].Links = l("e5", annotation.FollowsFrom)                                                                                     // on evidence, not a claim
	var got []string
	for _, g := range annotation.GroupByClaim(as) {
		s := g.ID
		if g.Under != "" {
			s = "  " + s + " " + string(g.Under)
		}
		if g.Apart {
			s = "-- " + s
		}
		got = append(got, s)
	}
	want := []string{"c1", "  p2 follows-from", "  e3 undermines", "c4", "  e0 supports", "-- e5", "p6"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("grouped:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
