package scoring

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"sort"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/drift"
	"github.com/segmenta/segmenta/report"
)

// Summary is what summary.json holds: the job's counts and the KPIs of
// each segment.
type Summary struct {
	Counts   Counts           `json:"counts"`
	Segments []SegmentSummary `json:"segments"`
	// Drift is the drift table of the scored rows (segmenta score -drift
	// x.json's), absent with Config.SkipDrift, for a model without a drift
	// reference, or when no row was scored.
	Drift *drift.Report `json:"drift,omitempty"`
}

// SegmentSummary are the KPIs of one segment: accounts, risk bands, and
// the report.KPIs that scores give (mean churn and upsell probabilities,
// revenue at risk; the others are null).
type SegmentSummary struct {
	Segment  int              `json:"segment"`
	Name     string           `json:"name"`
	Accounts int64            `json:"accounts"`
	Bands    map[string]int64 `json:"risk_bands"`
	KPIs     report.KPIs      `json:"kpis"`
	Sums     report.ScoreSums `json:"sums"`
}

// summaryFn checks the combined counts and writes summary.json.
type summaryFn struct {
	ModelPath string
	Out       string
	// MaxRejectRate is Config.MaxRejectRate.
	MaxRejectRate float64
	// Drift, PSIWarn, PSIAlert and SkipDrift are Config's.
	Drift             string
	PSIWarn, PSIAlert float64
	SkipDrift         bool
}

func (fn *summaryFn) ProcessElement(ctx context.Context, c Counts, kpis func(*int, *report.ScoreSums) bool, drifts func(*DriftCounts) bool) error {
	if err := c.check(); err != nil {
		return err
	}
	if r := fn.MaxRejectRate; r > 0 && r < 1 && c.Scored+c.Rejected > 0 {
		if rate := float64(c.Rejected) / float64(c.Scored+c.Rejected); rate > r {
			return fmt.Errorf("%w: %d of %d rows rejected (%.2f%% > %.2f%%)", ErrRejectRate, c.Rejected, c.Scored+c.Rejected, 100*rate, 100*r)
		}
	}
	m, err := loadModel(ctx, fn.ModelPath)
	if err != nil {
		return err
	}
	names := m.SegmentNames()
	s := Summary{Counts: c}
	var seg int
	var sums report.ScoreSums
	for kpis(&seg, &sums) {
		ss := SegmentSummary{Segment: seg, Accounts: sums.Accounts, KPIs: sums.KPIs(), Sums: sums,
			Bands: map[string]int64{"high": sums.High, "medium": sums.Medium, "low": sums.Low}}
		if seg >= 0 && seg < len(names) {
			ss.Name = names[seg]
		}
		s.Segments = append(s.Segments, ss)
	}
	sort.Slice(s.Segments, func(i, j int) bool { return s.Segments[i].Segment < s.Segments[j].Segment })
	if err := fn.drift(ctx, m, drifts, &s); err != nil {
		return err
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(ctx, path.Join(fn.Out, "summary.json"), append(b, '\n'))
}

// drift puts the drift table of the combined counts in s and writes it to
// fn.Drift when set (not when no row was scored, as segmenta score).
func (fn *summaryFn) drift(ctx context.Context, m *segmenta.Model, drifts func(*DriftCounts) bool, s *Summary) error {
	parts := m.ScoringParts()
	if fn.SkipDrift || parts.Drift == nil && fn.Drift == "" {
		return nil
	}
	var d DriftCounts
	drifts(&d) // the global combine gives one value
	rep, err := driftReport(&parts, d, drift.Thresholds{Warn: fn.PSIWarn, Alert: fn.PSIAlert})
	if err != nil {
		return fmt.Errorf("drift: %w", err)
	}
	s.Drift = rep
	if rep == nil || fn.Drift == "" {
		return nil
	}
	return writeDrift(ctx, fn.Drift, rep)
}
