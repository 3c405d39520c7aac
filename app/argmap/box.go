package argmap

import (
	"math"
)

// Box is a rectangle of the map, from (X0, Y0) to (X1, Y1).
type Box struct{ X0, Y0, X1, Y1 float64 }

// Clip returns the part of the edge that lies in b, from the conclusion's
// end to the premise's, and whether any does: a browser dashes the whole
// of a line before it clips it, and a dashed line 100,000 units long
// stalls its painting. to tells whether the conclusion's end, where the
// arrow is, lies in b.
func (e Edge) Clip(b Box) (x1, y1, x2, y2 float64, to, ok bool) {
	// Liang–Barsky: the line is (X1, Y1) + t·(dx, dy) for t in [0, 1].
	dx, dy := e.X2-e.X1, e.Y2-e.Y1
	t0, t1 := 0.0, 1.0
	for _, side := range [4][2]float64{{-dx, e.X1 - b.X0}, {dx, b.X1 - e.X1}, {-dy, e.Y1 - b.Y0}, {dy, b.Y1 - e.Y1}} {
		p, q := side[0], side[1]
		switch {
		case p == 0 && q < 0:
			return 0, 0, 0, 0, false, false // parallel to that side, and outside
		case p < 0:
			t0 = max(t0, q/p)
		case p > 0:
			t1 = min(t1, q/p)
		}
	}
	if t0 > t1 {
		return 0, 0, 0, 0, false, false
	}
	return e.X1 + t0*dx, e.Y1 + t0*dy, e.X1 + t1*dx, e.Y1 + t1*dy, t0 == 0, true
}

// Everything is a box that holds any map: drawn in it, the map is drawn
// whole, to download or print.
var Everything = Box{X0: math.Inf(-1), Y0: math.Inf(-1), X1: math.Inf(1), Y1: math.Inf(1)}

// Overlaps reports whether the box from (x0, y0) to (x1, y1) meets b.
func (b Box) Overlaps(x0, y0, x1, y1 float64) bool {
	return x1 >= b.X0 && x0 <= b.X1 && y1 >= b.Y0 && y0 <= b.Y1
}
