package store

import (
	"time"

	"github.com/claimmark/claimmark/app/annotation"
)

// Prediction is one prediction of a stored text.
type Prediction struct {
	Doc        Info
	Annotation annotation.Annotation
}

// Predictions reads the predictions of every text in db, each text's in
// document order. A text that cannot be read is skipped and counted, so
// that one bad text does not hide the others'.
func Predictions(db DB, now time.Time) (ps []Prediction, unread int, err error) {
	infos, err := db.Documents()
	if err != nil {
		return nil, 0, err
	}
	for _, info := range infos {
		d, _, err := ReadDocument(db, info.SHA256)
		if err != nil {
			unread++
			continue
		}
		l, err := Load(db, d, now)
		if err != nil {
			unread++
			continue
		}
		for _, a := range l.Annotations {
			if a.Tag == annotation.Prediction {
				ps = append(ps, Prediction{Doc: info, Annotation: a})
			}
		}
	}
	return ps, unread, nil
}
