package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// listPage is how many more rows of the list each page shows. go-app
// matches rows by their place, so a passage tagged near the top renders
// every row shown after it again: 200 rows made that 34 ms.
const listPage = 50

// listJump is how far down the list a selection may lie for the rows
// shown to grow to it; past that, the rows shown move to it instead, so
// that the rows shown stay few. (go-app queues a dispatch for each row it
// mounts, and more than its queue holds, 4,096, in one update stops the
// app.)
const listJump = 200

// annotationList is the panel beside the text: the filters with their
// counts, the annotations as filtered, and those that lost their place.
// Which rows it shows is its own state: a long list is shown a page at a
// time, as rendering thousands of rows would stall the page.
type annotationList struct {
	app.Compo
	W     *workspace
	State listState

	from, limit int    // the rows shown: limit of them, from this one
	doc         string // the text they are for
	theme       string // the colour theme chosen on this device
}

func (l *annotationList) OnMount(ctx app.Context) { l.theme = savedTheme() }

func (l *annotationList) Render() app.UI {
	w := l.W
	var unplaced []annotation.Annotation
	as := w.sess.Annotations()
	for i := range as {
		if !as[i].Placed() {
			unplaced = append(unplaced, as[i])
		}
	}
	// Not a map of counts: hashing 10,000 tags was a good part of a render.
	claims, evidence, predictions := annotation.CountTags(as)
	counts := map[annotation.Tag]int{annotation.Claim: claims, annotation.Evidence: evidence, annotation.Prediction: predictions}
	shown := w.sess.List()
	l.reveal(shown)
	from := min(l.from, len(shown))
	rows := shown[from:min(len(shown), from+l.limit)]
	selected := make(map[string]bool, len(w.sess.Selected()))
	for _, id := range w.sess.Selected() {
		selected[id] = true
	}
	reminder := exportReminder(w.storage.info.Changes)
	return app.Aside().Class("panel").Body(
		app.Div().Class("panel-head").Body(
			app.H2().Text("Annotations"),
			// On the heading's line, so that the list starts no lower.
			app.Button().ID("group-by-claim").Aria("pressed", strconv.FormatBool(w.sess.Grouped())).
				OnClick(func(ctx app.Context, e app.Event) { w.sess.SetGrouped(!w.sess.Grouped()) }).Text("By claim"),
		),
		app.Div().Class("filters").Attr("role", "group").Aria("label", "Show").Body(
			l.filterButton("", "All", len(w.sess.Annotations())-len(unplaced)),
			app.Range(annotation.Tags).Slice(func(i int) app.UI {
				t := annotation.Tags[i]
				return l.filterButton(t, t.Label(), counts[t])
			}),
		),
		// Hidden rather than left out, so that the list after them keeps
		// its place among the children, and the focus of its note fields.
		app.P().Class("hint").Hidden(len(w.sess.Annotations()) > 0).Text("Select a passage, then press Claim, Evidence or Prediction (or c, e, p)."),
		app.P().Class("hint", "privacy").Text("Your texts and annotations stay on this device, in this browser; export them to keep a copy."),
		themeButton(l.theme, func(theme string) {
			l.theme = theme
			if err := setTheme(theme); err != nil {
				w.fail("The colours could not be kept on this device: " + err.Error())
				w.refresh()
			}
		}),
		app.P().Class("hint", "reminder").Hidden(reminder == "").Text(reminder),
		app.If(from > 0,
			app.Button().Class("earlier").OnClick(func(ctx app.Context, e app.Event) {
				step := min(l.from, listPage)
				l.from, l.limit = l.from-step, l.limit+step
			}).Text(fmt.Sprintf("Show earlier (%d not shown)", from)),
		),
		app.Ol().Aria("label", "Annotations").Class("items").Body(
			app.Range(rows).Slice(func(i int) app.UI {
				g := rows[i]
				row := &annotationRow{W: w, Annotation: *g.Annotation, Under: g.Under, Apart: g.Apart, Selected: selected[g.ID], Editor: !w.narrow}
				if row.Selected {
					row.Links = w.link.lines(rows[i].ID) // so that the row renders again when they change
				}
				return row
			}),
		),
		app.If(from+len(rows) < len(shown),
			app.Button().Class("more").OnClick(func(ctx app.Context, e app.Event) {
				l.limit = len(rows) + listPage
			}).Text(fmt.Sprintf("Show more (%d not shown)", len(shown)-from-len(rows))),
		),
		app.If(len(unplaced) > 0, &unplacedList{W: w, Annotations: unplaced, HasSelection: l.State.HasSelection}),
	)
}

// listState is all of the shared state that the list shows: it renders
// again when this changes, not with each render of the page, as going
// over its rows took most of the time of a key typed in a note.
type listState struct {
	Doc          string
	Edits        int // of the session's annotations
	Filter       annotation.Tag
	Grouped      bool
	Selected     string // the ids, in order
	Narrow       bool
	Changes      int // since the last export, for the reminder
	HasSelection bool
}

func listStateOf(w *workspace) listState {
	s := listState{Edits: w.sess.Edits(), Filter: w.sess.Filter(), Grouped: w.sess.Grouped(),
		Selected: strings.Join(w.sess.Selected(), " "), Narrow: w.narrow, Changes: w.storage.info.Changes, HasSelection: w.hasSelection}
	if w.doc != nil {
		s.Doc = w.doc.SHA256
	}
	return s
}

// reveal sets which rows are shown: a page, or more if the reader asked,
// and always the selected annotations' rows, by showing more rows down to
// them, or, far down, a page around them. A newly opened text starts again
// from its first page.
func (l *annotationList) reveal(shown []annotation.Grouped) {
	if doc := l.W.doc; doc != nil && doc.SHA256 != l.doc {
		l.doc, l.from, l.limit = doc.SHA256, 0, 0
	}
	l.limit = max(l.limit, listPage)
	for _, id := range l.W.sess.Selected() {
		i := slices.IndexFunc(shown, func(a annotation.Grouped) bool { return a.ID == id })
		switch {
		case i < 0 || i >= l.from && i < l.from+l.limit:
		case i >= l.from && i < l.from+l.limit+listJump:
			l.limit = i - l.from + listPage
		default:
			l.from, l.limit = max(i-listPage/2, 0), listPage
		}
	}
}

func (l *annotationList) filterButton(t annotation.Tag, label string, n int) app.UI {
	return app.Button().
		Class("filter").
		DataSet("filter", string(t)).
		Aria("pressed", strconv.FormatBool(l.W.sess.Filter() == t)).
		OnClick(func(ctx app.Context, e app.Event) { l.W.sess.SetFilter(t) }, t).
		Body(
			app.Span().Text(label+" "),
			app.Span().Class("count").Text(strconv.Itoa(n)),
		)
}

// remindAfter is how many unexported changes earn a reminder to export.
const remindAfter = 20

// exportReminder is the gentle nudge shown when many changes are not in
// any export.
func exportReminder(changes int) string {
	if changes < remindAfter {
		return ""
	}
	return fmt.Sprintf("%d changes since this text was last exported. Export a copy now and then: browsers may clear a site's data, Safari after some days without a visit unless the app is installed.", changes)
}
