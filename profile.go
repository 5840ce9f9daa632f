package segmenta

import (
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/report"
)

// ProfileScores profiles scored accounts (report.ProfileScores): segment
// KPIs, traits and names of t with the segments, probabilities and reasons
// of scores, one per row of t in table order as Model.Score returns them.
func ProfileScores(t *dataset.Table, scores []Score, cfg report.ProfileConfig) (*report.Report, error) {
	return report.ProfileScores(t, scores, cfg)
}
