package store

import (
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

// Snapshots are kept per document: the newest SnapshotsKept, and of those
// no more than SnapshotBytes of records in all, though always the newest.
const (
	SnapshotsKept = 5
	SnapshotBytes = 8 << 20
	// SnapshotEvery is how long edits go on before another snapshot.
	SnapshotEvery = 10 * time.Minute
)

// Prune returns the times of the snapshots to drop from ss, which is
// ordered newest first.
func Prune(ss []Snapshot) []time.Time {
	var drop []time.Time
	size := 0
	for i, s := range ss {
		size += len(s.Records)
		if i >= SnapshotsKept || (i > 0 && size > SnapshotBytes) {
			drop = append(drop, s.Taken)
		}
	}
	return drop
}

// SnapshotDue says whether annotations as they are now should be kept as
// a snapshot, given the newest one (nil for none): when they differ from
// it and it is at least SnapshotEvery old, or when force is set (before a
// restore or a replace, which change many at once).
func SnapshotDue(newest *Snapshot, as []annotation.Annotation, now time.Time, force bool) bool {
	switch {
	case newest == nil:
		return len(as) > 0
	case !force && now.Sub(newest.Taken) < SnapshotEvery:
		return false
	}
	return newest.Records != Records(as)
}
