package ui

import (
	"sort"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Chromium goes over every range of every highlight each time any of
// them changes: with 10,000 annotations, each retag or selection cost
// about 100 ms of the browser's own time. So on a long text only the
// annotations near the screen are in the highlights, and the window moves
// as the reader scrolls. A text with few annotations has them all in.

// paintAll is how many annotations are all painted; with more, only those
// near the screen are.
const paintAll = 2000

// paintWindow is the part of the text whose annotations are painted: all
// of it, or the code points from start to end.
type paintWindow struct {
	all        bool
	start, end int
	set        bool // start and end have been worked out
}

func (w paintWindow) holds(r *paintedRange) bool {
	return w.all || r.selected || r.end > w.start && r.start < w.end
}

// setWindow decides, for n annotations, whether all are painted, and
// works out the window when there is none yet or painting all stops. It
// reports whether the painted ranges must be gone over again (sync), as
// painting all of them starts or stops.
func (p *painter) setWindow(n int) bool {
	all := n <= paintAll
	changed := all != p.win.all && len(p.painted) > 0
	p.win.all = all
	if !all && (!p.win.set || changed) {
		p.win.start, p.win.end, p.win.set = p.nearScreen()
	}
	return changed
}

// nearScreen is the window around the blocks on the screen: as many
// blocks again before and after, and at least 20. It fails only when the
// text is not there.
func (p *painter) nearScreen() (start, end int, ok bool) {
	if p.doc == nil || p.blocks == nil || len(p.doc.Blocks) == 0 {
		return 0, 0, false
	}
	blocks := p.blocks
	n := min(blocks.Length(), len(p.doc.Blocks))
	height := app.Window().Get("innerHeight").Float()
	rect := func(i int) app.Value { return blocks.Index(i).Call("getBoundingClientRect") }
	// Blocks lie one under the other, so the first below the top and the
	// first past the bottom are found by halving.
	lo := sort.Search(n, func(i int) bool { return rect(i).Get("bottom").Float() > 0 })
	hi := sort.Search(n, func(i int) bool { return rect(i).Get("top").Float() > height })
	if lo >= hi {
		// Not laid out yet, or scrolled past the text: the text's start.
		lo, hi = 0, min(n, 1)
	}
	margin := max(hi-lo, 20)
	lo, hi = max(lo-margin, 0), min(hi+margin, n)
	return p.doc.Blocks[lo].Start, p.doc.Blocks[hi-1].End, true
}

// follow moves the window to the screen, if it is not there.
func (p *painter) follow() {
	if p.doc == nil || p.win.all {
		return
	}
	start, end, ok := p.nearScreen()
	if !ok || p.win.set && start == p.win.start && end == p.win.end {
		return
	}
	p.win.start, p.win.end, p.win.set = start, end, true
	p.sync()
}

// sync shows and hides the painted ranges to match the window.
func (p *painter) sync() {
	var fresh []*paintedRange
	for _, r := range p.order {
		switch want := p.win.holds(r); {
		case want && !r.shown && r.rng == nil && r.batch == nil:
			fresh = append(fresh, r)
		case want && !r.shown:
			p.show(r)
		case !want && r.shown:
			p.hide(r)
		}
	}
	p.showMany(fresh)
}

// watchScroll moves the painted window as the page scrolls, once for each
// burst of scroll events that the UI goroutine had no time to see apart.
// It returns what stops it.
func (p *painter) watchScroll(ctx app.Context) (release func()) {
	pending := false
	win := app.Window()
	fn := app.FuncOf(func(app.Value, []app.Value) any {
		if pending || p.win.all {
			return nil
		}
		pending = true
		ctx.Dispatcher().Dispatch(app.Dispatch{Mode: app.Next, Source: ctx.Src(), Function: func(app.Context) {
			pending = false
			p.follow()
		}})
		return nil
	})
	win.Call("addEventListener", "scroll", fn, map[string]any{"passive": true})
	return func() {
		win.Call("removeEventListener", "scroll", fn)
		fn.Release()
	}
}
