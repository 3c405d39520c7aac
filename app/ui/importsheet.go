package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Actions the import sheet sends to the reader.
const (
	actionImportMerge    = "claimmark/import-merge"
	actionImportReplace  = "claimmark/import-replace"
	actionImportOpenText = "claimmark/import-open-text"
	actionImportCancel   = "claimmark/import-cancel"
)

// importSheet shows an import in progress, or the preview of what it
// would do, before anything changes.
type importSheet struct {
	app.Compo
	Import importSummary
}

// skippedList shows what an import leaves out, by reason, with quotes.
func skippedList(groups []skippedGroup) app.UI {
	total := 0
	for _, g := range groups {
		total += g.Count
	}
	return app.Div().Class("skipped").Body(
		app.H3().Text(fmt.Sprintf("Left out: %s, which claimmark cannot take", countText(total, "item"))),
		app.Ul().Body(app.Range(groups).Slice(func(i int) app.UI {
			g := groups[i]
			more := ""
			if n := g.Count - len(g.Quotes); n > 0 {
				more = fmt.Sprintf("… and %d more", n)
			}
			return app.Li().DataSet("reason", g.Reason).Body(
				app.Text(fmt.Sprintf("%s: %d", g.Reason, g.Count)),
				app.Ul().Body(app.Range(g.Quotes).Slice(func(j int) app.UI { return app.Li().Text(g.Quotes[j]) })),
				app.If(more != "", app.P().Text(more)),
			)
		})),
	)
}

// shapeName starts a file's shape with a capital: "A Hypothesis export".
func shapeName(shape string) string {
	if shape == "" {
		return "The file"
	}
	return strings.ToUpper(shape[:1]) + shape[1:]
}

func (s *importSheet) Render() app.UI {
	p := s.Import
	if p.Placing != "" {
		return app.Section().Class("import").Aria("label", "Import").Body(app.P().Attr("role", "status").Text(p.Placing))
	}
	button := func(action, label string) app.UI {
		return app.Button().OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(action) }).Text(label)
	}
	return app.Section().Class("import").Aria("label", "Import preview").Body(
		app.H2().Text("Import "+p.File),
		app.P().Text(fmt.Sprintf("%s: %s for “%s”, made on %s.", shapeName(p.Shape), countText(p.Annotations, "annotation"), p.Title, p.Relation)),
		app.Ul().Body(
			app.Li().DataSet("count", "new").Text(fmt.Sprintf("%d new", p.New)),
			app.Li().DataSet("count", "duplicate").Text(fmt.Sprintf("%d already here (same id and content)", p.Duplicate)),
			app.Li().DataSet("count", "conflict").Text(fmt.Sprintf("%d conflicting (same id, other content: the later edit wins on merge)", p.Conflict)),
			app.Li().DataSet("count", "placed").Text(fmt.Sprintf("%d placed: %d by position, %d by quote, %d by approximate quote",
				p.Annotations-p.Lost, p.ByPosition, p.ByQuote, p.ByFuzzy)),
			app.Li().DataSet("count", "unplaced").Text(fmt.Sprintf("%d unplaced: not found in this text; kept under Unplaced", p.Lost)),
		),
		app.If(len(p.Skipped) > 0, skippedList(p.Skipped)),
		app.Div().Class("actions").Body(
			button(actionImportMerge, "Merge"),
			button(actionImportReplace, "Replace"),
			app.If(p.CanOpenText, button(actionImportOpenText, "Open its text instead")),
			button(actionImportCancel, "Cancel"),
		),
	)
}
