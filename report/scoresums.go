package report

import (
	"math"

	"github.com/segmenta/segmenta/batch"
)

// ScoreSums are the sums behind the KPIs of a group of accounts that come
// from their scores: the mean churn and upsell probabilities and the
// revenue at risk (see KPIs), and the risk-band counts. Sums of parts add
// up (Merge), so a job too large for one table keeps one ScoreSums per
// worker and segment and merges them (the beam module's combiner does);
// Profile adds the same sums row by row. Floating-point sums merged in
// another order may differ in the last bits.
type ScoreSums struct {
	// Accounts counts the accounts added.
	Accounts int64
	// Churn and Upsell sum the known probabilities, NChurn and NUpsell
	// count them.
	Churn, Upsell   float64
	NChurn, NUpsell int64
	// Risk sums churn probability * ARR (12 * mrr_start) over the NRisk
	// accounts with both known.
	Risk  float64
	NRisk int64
	// High, Medium and Low count the accounts per risk band
	// (batch.Score.RiskBand).
	High, Medium, Low int64
}

// Add adds one account: its churn and upsell probabilities and its ARR,
// NaN when unknown, and its risk band ("" when none).
func (s *ScoreSums) Add(churn, upsell, arr float64, band string) {
	s.Accounts++
	if !math.IsNaN(churn) {
		s.Churn += churn
		s.NChurn++
		if !math.IsNaN(arr) {
			s.Risk += churn * arr
			s.NRisk++
		}
	}
	if !math.IsNaN(upsell) {
		s.Upsell += upsell
		s.NUpsell++
	}
	switch band {
	case batch.RiskHigh:
		s.High++
	case batch.RiskMedium:
		s.Medium++
	case batch.RiskLow:
		s.Low++
	}
}

// AddScore adds a scored account whose mrr_start is mrrStart (NaN when
// unknown), as Profile does.
func (s *ScoreSums) AddScore(sc *batch.Score, mrrStart float64) {
	s.Add(sc.Churn, sc.Upsell, 12*mrrStart, sc.RiskBand)
}

// Merge adds the sums of o.
func (s *ScoreSums) Merge(o *ScoreSums) {
	s.Accounts += o.Accounts
	s.Churn += o.Churn
	s.NChurn += o.NChurn
	s.Upsell += o.Upsell
	s.NUpsell += o.NUpsell
	s.Risk += o.Risk
	s.NRisk += o.NRisk
	s.High += o.High
	s.Medium += o.Medium
	s.Low += o.Low
}

// KPIs returns the KPIs the sums give: MeanChurnProb, MeanUpsellProb and
// RevenueAtRisk; the others are not available.
func (s *ScoreSums) KPIs() KPIs {
	var k KPIs
	s.fill(&k)
	return k
}

func (s *ScoreSums) fill(k *KPIs) {
	k.MeanChurnProb = ratio(s.Churn, float64(s.NChurn), int(s.NChurn))
	k.MeanUpsellProb = ratio(s.Upsell, float64(s.NUpsell), int(s.NUpsell))
	k.RevenueAtRisk = metric(s.Risk, int(s.NRisk))
}
