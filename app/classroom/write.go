package classroom

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"

	"github.com/claimmark/claimmark/app/agreement"
	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/format"
)

// Figure formats a coefficient or a score to two places, or says it is
// undefined.
func Figure(v float64, defined bool) string {
	if !defined || math.IsNaN(v) {
		return "undefined"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func score(v float64) string { return Figure(v, !math.IsNaN(v)) }

// header is the table's first row.
func (r *Report) header() []string {
	h := []string{"student"}
	for _, t := range annotation.Tags {
		h = append(h, t.Label())
	}
	if r.Key != nil {
		h = append(h, "matched", "precision", "recall", "F1")
	}
	if annotation.CountLinks(r.Key) > 0 {
		h = append(h, "links matched", "link precision", "link recall", "link F1")
	}
	return h
}

func (r *Report) row(row agreement.Row) []string {
	out := []string{row.Name}
	for _, t := range annotation.Tags {
		out = append(out, strconv.Itoa(row.Counts[t]))
	}
	for _, s := range []*agreement.Scores{row.Scores, row.Links} {
		if s != nil {
			out = append(out, fmt.Sprintf("%d/%d", s.Matched, s.Key), score(s.Precision), score(s.Recall), score(s.F1))
		}
	}
	return out
}

// WriteText writes the report as the command line prints it.
func (r *Report) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "%s: %d submissions", Printable(r.Handout.Title), len(r.Rows))
	if r.Key != nil {
		fmt.Fprintf(w, ", a key of %d passages", len(r.Key))
		if n := annotation.CountLinks(r.Key); n > 0 {
			fmt.Fprintf(w, " and %d links", n)
		}
	}
	fmt.Fprintln(w)
	for _, x := range r.Rejected {
		fmt.Fprintf(w, "rejected %s: %s\n", Printable(x.Name), Printable(x.Reason))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	for _, cells := range append([][]string{r.header()}, r.rows()...) {
		for _, c := range cells {
			fmt.Fprint(tw, Printable(c), "\t")
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nagreement among the students: Krippendorff's alpha (nominal, over the %d words of the text)\n", r.Units)
	fmt.Fprintf(w, "  %-11s %s\n", "overall", Figure(r.Alpha[agreement.None].Value, r.Alpha[agreement.None].Defined))
	for _, t := range annotation.Tags {
		fmt.Fprintf(w, "  %-11s %s\n", t.Label(), Figure(r.Alpha[t].Value, r.Alpha[t].Defined))
	}
	if len(r.Pairs) > 0 {
		fmt.Fprintln(w, "\nagreement of each pair: Cohen's kappa")
		for _, p := range r.Pairs {
			fmt.Fprintf(w, "  %s / %s  %s\n", Printable(p.A), Printable(p.B), Figure(p.Kappa.Value, p.Kappa.Defined))
		}
	}
	return nil
}

func (r *Report) rows() [][]string {
	var out [][]string
	for _, row := range r.Rows {
		out = append(out, r.row(row))
	}
	return out
}

// WriteCSV writes the table, one row per student.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := format.NewCSVWriter(w)
	cw.Write(r.header())
	for _, row := range r.rows() {
		cw.Write(row)
	}
	return cw.Flush()
}

type jsonFigure struct {
	Value   *float64 `json:"value"`
	Defined bool     `json:"defined"`
}

func jf(v float64, defined bool) jsonFigure {
	if !defined || math.IsNaN(v) {
		return jsonFigure{}
	}
	return jsonFigure{&v, true}
}

type linkScores struct {
	Matched   int        `json:"matched"`
	Key       int        `json:"key"`
	Precision jsonFigure `json:"precision"`
	Recall    jsonFigure `json:"recall"`
	F1        jsonFigure `json:"f1"`
}

// WriteJSON writes the whole report as JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	type student struct {
		Name      string         `json:"name"`
		Counts    map[string]int `json:"counts"`
		Matched   *int           `json:"matched,omitempty"`
		Precision *jsonFigure    `json:"precision,omitempty"`
		Recall    *jsonFigure    `json:"recall,omitempty"`
		F1        *jsonFigure    `json:"f1,omitempty"`
		Links     *linkScores    `json:"links,omitempty"`
	}
	type pair struct {
		A     string     `json:"a"`
		B     string     `json:"b"`
		Kappa jsonFigure `json:"kappa"`
	}
	out := struct {
		Handout  string                `json:"handout"`
		ID       string                `json:"id"`
		Key      *int                  `json:"key,omitempty"`
		Words    int                   `json:"words"`
		Students []student             `json:"students"`
		Alpha    map[string]jsonFigure `json:"alpha"`
		Pairs    []pair                `json:"pairs"`
		Rejected []map[string]string   `json:"rejected"`
	}{Handout: r.Handout.Title, ID: r.Handout.ID(), Words: r.Units, Alpha: map[string]jsonFigure{}, Pairs: []pair{}, Rejected: []map[string]string{}, Students: []student{}}
	if r.Key != nil {
		n := len(r.Key)
		out.Key = &n
	}
	for _, row := range r.Rows {
		s := student{Name: row.Name, Counts: map[string]int{}}
		for _, t := range annotation.Tags {
			s.Counts[string(t)] = row.Counts[t]
		}
		if sc := row.Scores; sc != nil {
			p, rc, f := jf(sc.Precision, true), jf(sc.Recall, true), jf(sc.F1, true)
			s.Matched, s.Precision, s.Recall, s.F1 = &sc.Matched, &p, &rc, &f
		}
		if l := row.Links; l != nil {
			s.Links = &linkScores{l.Matched, l.Key, jf(l.Precision, true), jf(l.Recall, true), jf(l.F1, true)}
		}
		out.Students = append(out.Students, s)
	}
	out.Alpha["overall"] = jf(r.Alpha[agreement.None].Value, r.Alpha[agreement.None].Defined)
	for _, t := range annotation.Tags {
		out.Alpha[string(t)] = jf(r.Alpha[t].Value, r.Alpha[t].Defined)
	}
	for _, p := range r.Pairs {
		out.Pairs = append(out.Pairs, pair{p.A, p.B, jf(p.Kappa.Value, p.Kappa.Defined)})
	}
	for _, x := range r.Rejected {
		out.Rejected = append(out.Rejected, map[string]string{"file": x.Name, "reason": x.Reason})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
