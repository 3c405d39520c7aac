// Package session is the reader's work on one text: its annotations, the
// ones selected, the filter of the list, the history of changes to undo
// and redo, and the message the reader sees. Every change is a method
// that holds the limits and the read-only state, records itself for undo,
// sets the message, and returns what storage must write. It knows nothing
// of the browser: the UI shows it and passes the reader's gestures on.
package session

import (
	"fmt"
	"slices"
	"time"

	"github.com/claimmark/claimmark/app/annotation"
	"github.com/claimmark/claimmark/app/document"
)

// Change is what a change did, as storage writes it: the annotations to
// put, and the ids of those to delete.
type Change struct {
	Put    []annotation.Annotation
	Delete []string
}

// Empty reports whether c writes nothing.
func (c Change) Empty() bool { return len(c.Put) == 0 && len(c.Delete) == 0 }

// MaxHistory is how many changes can be undone.
const MaxHistory = 200

// NoteBurst is how long a pause between keys ends a burst of typing: a
// note typed without such a pause is undone in one step.
const NoteBurst = 2 * time.Second

// Session is the work on one text.
type Session struct {
	doc      *document.Document
	anns     []annotation.Annotation // in document order
	selected []string
	filter   annotation.Tag
	grouped  bool   // the list is grouped by claim
	readOnly string // why nothing may change, or ""
	pending  *pendingRetag
	msg      Message
	undo     []step
	redo     []step
	now      func() time.Time
	// What each annotation sorts by, so that its place in anns is found
	// by halving. A change updates the ids it touched: a map of every
	// place had to be made again after each annotation added or deleted,
	// 2.4 ms with 10,000.
	keys    map[string]sortKey
	edits   int // changes to the annotations made so far
	marks   int // those of them that moved what the text shows
	list    []annotation.Grouped
	listFor listKey
}

// step is one change as undo sees it: each annotation it touched, as it
// was before and after (nil where there was none).
type step struct {
	label string // what Undo and Redo say they would do, such as "delete of “…”"
	edits []edit
	burst string    // for a burst of typing: what is typed into, such as "note <id>"
	at    time.Time // when it was made, or last added to
}

// sortKey is where an annotation sorts, with its id.
type sortKey struct {
	start, end int
	created    time.Time
}

func keyOf(a *annotation.Annotation) sortKey { return sortKey{a.Start, a.End, a.Created} }

type edit struct {
	id            string
	before, after *annotation.Annotation
}

// New starts a session on d with its saved annotations. now gives the
// time of each change.
func New(d *document.Document, anns []annotation.Annotation, now func() time.Time) *Session {
	as := slices.Clone(anns)
	annotation.Sort(as)
	return &Session{doc: d, anns: as, now: now}
}

// Edits counts the changes made to the annotations, from this tab or
// another: a view drawn from them alone draws again when it moves.
func (s *Session) Edits() int { return s.edits }

// Marks counts the changes that moved what the text shows of the
// annotations: which passages are annotated, where, with which tag, and
// how they are linked. A change to a note alone leaves it, so the
// highlights stay as painted, and the annotations keep their places in
// Annotations.
func (s *Session) Marks() int { return s.marks }

// Doc is the text.
func (s *Session) Doc() *document.Document { return s.doc }

// Annotations are the text's annotations in document order; the caller
// must not change them.
func (s *Session) Annotations() []annotation.Annotation { return s.anns }

// Find returns the annotation with the id, if there is one.
func (s *Session) Find(id string) (annotation.Annotation, bool) {
	if i := s.index(id); i >= 0 {
		return s.anns[i], true
	}
	return annotation.Annotation{}, false
}

func (s *Session) index(id string) int {
	if s.keys == nil {
		s.keys = make(map[string]sortKey, len(s.anns))
		for i := range s.anns {
			s.keys[s.anns[i].ID] = keyOf(&s.anns[i])
		}
	}
	k, ok := s.keys[id]
	if !ok {
		return -1
	}
	if i, ok := annotation.Search(s.anns, &annotation.Annotation{ID: id, Start: k.start, End: k.end, Created: k.created}); ok {
		return i
	}
	return -1
}

// SetReadOnly makes every change refused with reason, or allows them
// again with "".
func (s *Session) SetReadOnly(reason string) { s.readOnly = reason }

// ReadOnly says why nothing may change, or "".
func (s *Session) ReadOnly() string { return s.readOnly }

// refused says so, and sets the message, when no change may be made.
func (s *Session) refused() bool {
	if s.readOnly != "" {
		s.Fail(s.readOnly)
		return true
	}
	return false
}

// Tag is what a tag key or button does: it tags the span when there is
// one, or else retags the selected annotations; with neither, it only
// says what to do.
func (s *Session) Tag(t annotation.Tag, start, end int, hasSpan bool) Change {
	switch {
	case hasSpan:
		return s.Add(t, start, end)
	case len(s.selected) > 0:
		return s.Retag(s.selected, t)
	}
	s.Say("Select a passage first, then tag it.")
	return Change{}
}

// Add tags the code points start to end as a new annotation, which
// becomes the one selected.
func (s *Session) Add(t annotation.Tag, start, end int) Change {
	if s.refused() {
		return Change{}
	}
	if start < 0 || end > s.doc.Len() || start >= end || !t.Valid() {
		s.Fail(fmt.Sprintf("Nothing was tagged: %d to %d is not a passage of this text.", start, end))
		return Change{}
	}
	if annotation.CheckCount(len(s.anns)+1) != nil {
		s.Fail(fmt.Sprintf("This text has %d annotations, as many as claimmark keeps per text. Delete some, or export them and start a new set.", len(s.anns)))
		return Change{}
	}
	a := annotation.New(s.doc, t, start, end, s.now())
	c := s.apply(step{label: "tag of " + quote(a)}, []edit{{id: a.ID, after: &a}})
	s.selected = []string{a.ID}
	s.Say(t.Label() + " added.")
	return c
}

// Retag gives the annotations with the ids tag t. When their links would
// no longer fit, it asks first: the message offers RetagAnyway, and
// ConfirmRetag then retags and removes those links, as one step. A
// prediction retagged loses its due date, probability and outcome.
func (s *Session) Retag(ids []string, t annotation.Tag) Change {
	if s.refused() || !t.Valid() {
		return Change{}
	}
	var todo []string
	for _, id := range ids {
		if i := s.index(id); i >= 0 && s.anns[i].Tag != t {
			todo = append(todo, id)
		}
	}
	if len(todo) == 0 {
		s.Say("Already tagged as " + t.Label() + ".")
		return Change{}
	}
	if n := s.misfits(todo, t); n > 0 {
		s.pending = &pendingRetag{ids: todo, tag: t}
		what := quote(s.anns[s.index(todo[0])])
		if len(todo) > 1 {
			what = countText(len(todo), "annotation")
		}
		s.Fail(fmt.Sprintf("%s as %s would not fit %s. Retag it and remove them, or keep it as it is.", what, t.Label(), countText(n, "of its links")), RetagAnyway)
		return Change{}
	}
	return s.retag(todo, t)
}

// pendingRetag is a retag that waits for the reader to accept losing
// links.
type pendingRetag struct {
	ids []string
	tag annotation.Tag
}

// ConfirmRetag makes the retag that Retag asked about, removing the links
// that no longer fit.
func (s *Session) ConfirmRetag() Change {
	p := s.pending
	s.pending = nil
	if p == nil || s.refused() {
		return Change{}
	}
	return s.retag(p.ids, p.tag)
}

func (s *Session) retag(ids []string, t annotation.Tag) Change {
	now := annotation.Timestamp(s.now())
	drop := map[string]map[string]bool{} // from id → ids of its links to drop
	s.eachMisfit(ids, t, func(from annotation.Annotation, l annotation.Link) {
		if drop[from.ID] == nil {
			drop[from.ID] = map[string]bool{}
		}
		drop[from.ID][l.ID] = true
	})
	var edits []edit
	forecasts := 0
	for _, id := range ids {
		i := s.index(id)
		if i < 0 || s.anns[i].Tag == t {
			continue
		}
		a := s.anns[i]
		a.Tag, a.Modified = t, now
		if !a.Forecast.IsZero() {
			a.Forecast = annotation.Forecast{}
			forecasts++
		}
		if d := drop[id]; d != nil {
			a.Links = slices.DeleteFunc(slices.Clone(a.Links), func(l annotation.Link) bool { return d[l.ID] })
			delete(drop, id)
		}
		edits = append(edits, edit{id: id, before: ptr(s.anns[i]), after: &a})
	}
	if len(edits) == 0 {
		return Change{}
	}
	retagged := len(edits)
	edits = append(edits, s.unlinkEdits(nil, func(from annotation.Annotation, l annotation.Link) bool { return drop[from.ID][l.ID] })...)
	label := fmt.Sprintf("retag of %d annotations", retagged)
	text := fmt.Sprintf("Tagged %d annotations as %s.", retagged, t.Label())
	if retagged == 1 {
		label = "retag of " + quote(*edits[0].before)
		text = fmt.Sprintf("Tagged %s as %s.", quote(*edits[0].after), t.Label())
	}
	removed := 0
	for _, e := range edits {
		removed += len(e.before.Links) - len(e.after.Links)
	}
	c := s.apply(step{label: label}, edits)
	if removed > 0 {
		text += fmt.Sprintf(" Removed %s that no longer fit.", countText(removed, "link"))
	}
	if forecasts > 0 {
		text += " A prediction's due date, probability and outcome went with its tag."
	}
	s.Say(text, Undo)
	return c
}

// SetNote sets an annotation's note. Typing makes one call a key; a burst
// of them is one step to undo. A note past the limit is cut to it.
func (s *Session) SetNote(id, note string) Change {
	i := s.index(id)
	if i < 0 || s.refused() {
		return Change{}
	}
	cut := annotation.CheckNote(note) != nil
	if cut {
		note = string([]rune(note)[:annotation.MaxNoteLen])
	}
	if s.anns[i].Note == note {
		return Change{}
	}
	a := s.anns[i]
	a.Note, a.Modified = note, annotation.Timestamp(s.now())
	c := s.typed("note "+id, "note on "+quote(a), i, a)
	if cut {
		s.Fail(fmt.Sprintf("A note holds up to %d characters; the rest was not kept.", annotation.MaxNoteLen))
	}
	return c
}

// typed sets the annotation at i to a, as a step of its own or as part
// of the burst of typing into the same field.
func (s *Session) typed(burst, label string, i int, a annotation.Annotation) Change {
	if n := len(s.undo); burst != "" && n > 0 && s.undo[n-1].burst == burst && s.now().Sub(s.undo[n-1].at) < NoteBurst && len(s.redo) == 0 {
		// The same burst: the step's after moves on.
		last := &s.undo[n-1]
		last.edits[0].after, last.at = &a, s.now()
		s.anns[i] = a
		s.edits++
		return Change{Put: []annotation.Annotation{a}}
	}
	return s.apply(step{label: label, burst: burst}, []edit{{id: a.ID, before: ptr(s.anns[i]), after: &a}})
}

// Delete removes the annotations with the ids; the message offers Undo.
func (s *Session) Delete(ids []string) Change {
	if s.refused() {
		return Change{}
	}
	var edits []edit
	for _, id := range ids {
		if i := s.index(id); i >= 0 {
			edits = append(edits, edit{id: id, before: ptr(s.anns[i])})
		}
	}
	if len(edits) == 0 {
		return Change{}
	}
	label := countText(len(edits), "annotation")
	if len(edits) == 1 {
		label = quote(*edits[0].before)
	}
	gone := map[string]bool{}
	links := 0
	for _, e := range edits {
		gone[e.id] = true
		links += len(e.before.Links)
	}
	unlinked := s.unlinkEdits(gone, nil)
	for _, e := range unlinked {
		links += len(e.before.Links) - len(e.after.Links)
	}
	c := s.apply(step{label: "delete of " + label}, append(edits, unlinked...))
	text := "Deleted " + label
	if links > 0 {
		text += " and " + countText(links, "link")
	}
	if len(edits) > 1 || links > 0 {
		text += "."
	}
	s.msg = Message{Text: text, Actions: []Action{Undo}}
	return c
}

// Attach gives an unplaced annotation the span start to end as its place.
func (s *Session) Attach(id string, start, end int) Change {
	i := s.index(id)
	if i < 0 || s.refused() {
		return Change{}
	}
	if start < 0 || end > s.doc.Len() || start >= end {
		s.Fail("Select the passage to attach it to first.")
		return Change{}
	}
	old := s.anns[i]
	a := old.MovedTo(s.doc, start, end)
	a.Modified = annotation.Timestamp(s.now())
	c := s.apply(step{label: "attach of " + quote(old)}, []edit{{id: id, before: ptr(old), after: &a}})
	s.selected = []string{id}
	s.Say("Attached.")
	return c
}

// Import merges placed into the annotations by id (the later edit wins),
// or, with replace, puts them in place of all of them: one step, all or
// nothing.
func (s *Session) Import(placed []annotation.Annotation, replace bool, from string) (Change, error) {
	if s.refused() {
		return Change{}, fmt.Errorf("%s", s.readOnly)
	}
	next := annotation.Merge(s.anns, placed)
	if replace {
		next = slices.Clone(placed)
		annotation.Sort(next)
	}
	if err := annotation.CheckCount(len(next)); err != nil {
		s.Fail("Import refused: the text would have " + err.Error() + ". Nothing was changed.")
		return Change{}, err
	}
	verb := "Merged"
	if replace {
		verb = "Replaced the annotations with"
	}
	dropped := annotation.PruneLinks(next)
	c := s.become(next, "import of "+from)
	text := fmt.Sprintf("%s %s from %s.", verb, countText(len(placed), "annotation"), from)
	if dropped > 0 {
		text += fmt.Sprintf(" %s no longer fit the tags kept and %s left out.", countText(dropped, "link"), map[bool]string{true: "was", false: "were"}[dropped == 1])
	}
	s.Say(text)
	return c, nil
}

// Restore puts the annotations of a snapshot, or of another tab, in place
// of the current ones, as one step.
func (s *Session) Restore(as []annotation.Annotation, label string) Change {
	if s.refused() {
		return Change{}
	}
	return s.become(as, label)
}

// become makes as the annotations, as one step of what differs.
func (s *Session) become(as []annotation.Annotation, label string) Change {
	byID := make(map[string]*annotation.Annotation, len(as))
	for i := range as {
		byID[as[i].ID] = &as[i]
	}
	now := annotation.Timestamp(s.now())
	// The edits point into anns and as at first; the step's own copies
	// are then made in one slice, of just the size it needs to keep: one
	// allocation each took a good part of restoring 20,000.
	var edits []edit
	copies := 0
	for i := range s.anns {
		old := &s.anns[i]
		switch a, ok := byID[old.ID]; {
		case !ok:
			edits, copies = append(edits, edit{id: old.ID, before: old}), copies+1
		case !a.Equal(old):
			edits, copies = append(edits, edit{id: old.ID, before: old, after: a}), copies+2
		}
		delete(byID, old.ID)
	}
	for i := range as {
		if a, ok := byID[as[i].ID]; ok {
			edits, copies = append(edits, edit{id: a.ID, after: a}), copies+1
		}
	}
	kept := make([]annotation.Annotation, 0, copies)
	keep := func(a *annotation.Annotation) *annotation.Annotation {
		if a == nil {
			return nil
		}
		kept = append(kept, *a)
		return &kept[len(kept)-1]
	}
	for i := range edits {
		e := &edits[i]
		e.before, e.after = keep(e.before), keep(e.after)
		if e.before != nil && e.after != nil {
			e.after.Modified = later(e.after.Modified, now)
		}
	}
	if len(edits) == 0 {
		return Change{}
	}
	s.selected = nil
	return s.apply(step{label: label}, edits)
}

// Remote takes in the annotations as another tab left them. It is no step
// of this tab's: undo leaves what another tab changed as it is.
func (s *Session) Remote(as []annotation.Annotation) {
	s.anns = slices.Clone(as)
	annotation.Sort(s.anns)
	s.keys = nil
	s.edits++
	s.marks++
	s.selected = slices.DeleteFunc(s.selected, func(id string) bool { return s.index(id) < 0 })
}

// apply makes the edits, pushes them as a step, and clears what could be
// redone.
func (s *Session) apply(st step, edits []edit) Change {
	st.edits, st.at = edits, s.now()
	c := s.write(edits, false)
	s.undo = append(s.undo, st)
	if len(s.undo) > MaxHistory {
		s.undo = slices.Delete(s.undo, 0, len(s.undo)-MaxHistory)
	}
	s.redo = nil
	return c
}

// write sets each edit's after (or, back, its before) in place, and says
// what storage must write.
func (s *Session) write(edits []edit, back bool) Change {
	c := Change{Put: make([]annotation.Annotation, 0, len(edits))}
	// Each place is found before any is written: anns is out of order
	// until all are.
	places := make([]int, len(edits))
	for j, e := range edits {
		places[j] = s.index(e.id)
	}
	// A change of more annotations than there are makes the keys anew,
	// the map made once at its size rather than grown.
	bulk := len(edits) > len(s.anns)
	var gone []int // places to delete once all is written, so that places hold meanwhile
	moved := false // what the text shows changed
	added := 0     // appended, to be put in their places
	s.anns = slices.Grow(s.anns, len(edits))
	for j, e := range edits {
		to := e.after
		if back {
			to = e.before
		}
		i := places[j]
		switch {
		case to == nil && i >= 0:
			moved = true
			gone = append(gone, i)
			if !bulk {
				delete(s.keys, e.id)
			}
			c.Delete = append(c.Delete, e.id)
		case to != nil && i >= 0:
			was := &s.anns[i]
			moved = moved || !showsSame(was, to)
			s.anns[i] = *to
			if !bulk {
				s.keys[to.ID] = keyOf(to)
			}
			c.Put = append(c.Put, *to)
		case to != nil:
			moved = true
			added++
			if !bulk {
				s.keys[to.ID] = keyOf(to)
			}
			s.anns = append(s.anns, *to)
			c.Put = append(c.Put, *to)
		}
	}
	if len(gone) > 0 {
		slices.Sort(gone)
		kept := s.anns[:gone[0]]
		for i := gone[0]; i < len(s.anns); i++ {
			if _, drop := slices.BinarySearch(gone, i); !drop {
				kept = append(kept, s.anns[i])
			}
		}
		clear(s.anns[len(kept):])
		s.anns = kept
	}
	// Deletion keeps the order, so the added are still the last.
	annotation.SortAdded(s.anns, added)
	if bulk {
		s.keys = nil
	}
	s.edits++
	if moved {
		s.marks++
	}
	return c
}

// Undo takes back the last change. An annotation that another tab has
// changed since is left as that tab made it.
func (s *Session) Undo() Change { return s.travel(&s.undo, &s.redo, true) }

// Redo makes again the change last undone.
func (s *Session) Redo() Change { return s.travel(&s.redo, &s.undo, false) }

// travel takes the last step of from, undoes (back) or redoes it, and
// leaves it on to.
func (s *Session) travel(from, to *[]step, back bool) Change {
	word := map[bool]string{true: "undo", false: "redo"}[back]
	if len(*from) == 0 {
		s.Say("Nothing to " + word + ".")
		return Change{}
	}
	if s.refused() {
		return Change{}
	}
	st := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	c, kept := s.rewind(&st, back)
	*to = append(*to, st)
	// What came back or changed is selected, to be seen and worked on.
	s.selected = nil
	for _, a := range c.Put {
		s.selected = append(s.selected, a.ID)
	}
	s.Say(withKept(map[bool]string{true: "Undid", false: "Redid"}[back]+" the "+st.label+".", kept))
	return c
}

// rewind sets each edit of st back to its before, or on to its after. An
// annotation no longer as st left it (another tab changed it since) is
// kept as it is, and counted. What is written is stamped now, so that
// storage takes it over the rows it replaces; the step keeps what was
// written, for the next undo or redo to compare with.
func (s *Session) rewind(st *step, back bool) (Change, int) {
	now := annotation.Timestamp(s.now())
	var todo []edit
	kept := 0
	for i := range st.edits {
		e := &st.edits[i]
		from, to := &e.after, &e.before
		if !back {
			from, to = &e.before, &e.after
		}
		cur, ok := s.Find(e.id)
		if ok != (*from != nil) || ok && !sameContent(cur, **from) {
			kept++
			continue
		}
		if *to != nil {
			a := **to
			a.Modified = later(a.Modified, now)
			*to = &a
		}
		todo = append(todo, edit{id: e.id, after: *to})
	}
	return s.write(todo, false), kept
}

// showsSame reports whether the text shows a and b alike: the same
// passage, tag and links.
func showsSame(a, b *annotation.Annotation) bool {
	return a.Start == b.Start && a.End == b.End && a.Tag == b.Tag &&
		slices.EqualFunc(a.Links, b.Links, func(x, y annotation.Link) bool { return x.ID == y.ID && x.To == y.To && x.Type == y.Type })
}

// sameContent compares all but the modification time, which an undo or
// redo moves on.
func sameContent(a, b annotation.Annotation) bool {
	a.Modified = b.Modified
	return a.Equal(&b)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func ptr(a annotation.Annotation) *annotation.Annotation { return &a }

func withKept(text string, kept int) string {
	if kept == 0 {
		return text
	}
	return fmt.Sprintf("%s %s changed in another tab since %s kept as that tab left %s.", text,
		countText(kept, "annotation"), map[bool]string{true: "was", false: "were"}[kept == 1], map[bool]string{true: "it", false: "them"}[kept == 1])
}

// UndoLabel names what Undo would do, such as "Undo delete of “China
// is…”", or is "" when there is nothing to undo; RedoLabel likewise.
func (s *Session) UndoLabel() string {
	if len(s.undo) == 0 {
		return ""
	}
	return "Undo " + s.undo[len(s.undo)-1].label
}

func (s *Session) RedoLabel() string {
	if len(s.redo) == 0 {
		return ""
	}
	return "Redo " + s.redo[len(s.redo)-1].label
}

// quote is an annotation's quote as a message names it: shortened at
// word boundaries.
func quote(a annotation.Annotation) string { return "“" + annotation.Shorten(a.Exact, 24) + "”" }

func countText(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
