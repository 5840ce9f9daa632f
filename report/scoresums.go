package report

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/exactsum"
)

// ScoreSums are the sums behind the KPIs of a group of accounts that come
// from their scores: the mean churn and upsell probabilities and the
// revenue at risk (see KPIs), and the risk-band counts. Sums of parts add
// up (Merge), so a job too large for one table keeps one ScoreSums per
// worker and segment and merges them (the beam module's combiner does);
// Profile adds the same sums row by row. The sums are exact
// (exactsum.Acc) and rounded once, when the KPIs are asked for, so they
// are equal bit for bit whatever the order in which accounts were added
// and parts merged.
//
// A ScoreSums is a plain value (no pointers): copying it copies the sums.
// It encodes exactly in JSON and in binary (MarshalBinary), for a
// distributed runner's accumulator coder.
type ScoreSums struct {
	// Accounts counts the accounts added.
	Accounts int64
	// Churn and Upsell sum the known probabilities, NChurn and NUpsell
	// count them.
	Churn, Upsell   exactsum.Acc
	NChurn, NUpsell int64
	// Risk sums churn probability * ARR (12 * mrr_start) over the NRisk
	// accounts with both known.
	Risk  exactsum.Acc
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
		s.Churn.Add(churn)
		s.NChurn++
		if !math.IsNaN(arr) {
			s.Risk.Add(churn * arr)
			s.NRisk++
		}
	}
	if !math.IsNaN(upsell) {
		s.Upsell.Add(upsell)
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
	s.Churn.Merge(&o.Churn)
	s.NChurn += o.NChurn
	s.Upsell.Merge(&o.Upsell)
	s.NUpsell += o.NUpsell
	s.Risk.Merge(&o.Risk)
	s.NRisk += o.NRisk
	s.High += o.High
	s.Medium += o.Medium
	s.Low += o.Low
}

// KPIs returns the KPIs the sums give: MeanChurnProb and MeanUpsellProb
// (the exact sum over the count, rounded once: exactsum.Acc.Mean) and
// RevenueAtRisk (the exact sum, rounded once); the others are not
// available.
func (s *ScoreSums) KPIs() KPIs {
	var k KPIs
	s.fill(&k)
	return k
}

func (s *ScoreSums) fill(k *KPIs) {
	k.MeanChurnProb = mean(&s.Churn, s.NChurn)
	k.MeanUpsellProb = mean(&s.Upsell, s.NUpsell)
	k.RevenueAtRisk = metric(s.Risk.Sum(), int(s.NRisk))
}

// mean is the Metric of the mean of n values summed in a, unavailable
// when n is 0.
func mean(a *exactsum.Acc, n int64) Metric {
	if n == 0 {
		return Metric{}
	}
	return metric(a.Mean(n), int(n))
}

// MarshalBinary encodes the sums exactly (the counts as varints, the sums
// as exactsum.Acc.AppendBinary), for a distributed runner's coder.
func (s *ScoreSums) MarshalBinary() ([]byte, error) {
	b := []byte{scoreSumsVersion}
	for _, n := range []int64{s.Accounts, s.NChurn, s.NUpsell, s.NRisk, s.High, s.Medium, s.Low} {
		b = binary.AppendVarint(b, n)
	}
	for _, a := range []*exactsum.Acc{&s.Churn, &s.Upsell, &s.Risk} {
		var err error
		if b, err = a.AppendBinary(b); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// scoreSumsVersion is the first byte of ScoreSums.MarshalBinary.
const scoreSumsVersion = 1

// UnmarshalBinary sets s to the sums MarshalBinary encoded.
func (s *ScoreSums) UnmarshalBinary(b []byte) error {
	*s = ScoreSums{}
	if len(b) == 0 || b[0] != scoreSumsVersion {
		return fmt.Errorf("report: ScoreSums: %w: unknown version", exactsum.ErrEncoding)
	}
	b = b[1:]
	for _, n := range []*int64{&s.Accounts, &s.NChurn, &s.NUpsell, &s.NRisk, &s.High, &s.Medium, &s.Low} {
		v, w := binary.Varint(b)
		if w <= 0 {
			return fmt.Errorf("report: ScoreSums: %w: truncated counts", exactsum.ErrEncoding)
		}
		*n, b = v, b[w:]
	}
	for _, a := range []*exactsum.Acc{&s.Churn, &s.Upsell, &s.Risk} {
		var err error
		if b, err = a.DecodeFrom(b); err != nil {
			return fmt.Errorf("report: ScoreSums: %w", err)
		}
	}
	if len(b) != 0 {
		return fmt.Errorf("report: ScoreSums: %w: %d bytes left over", exactsum.ErrEncoding, len(b))
	}
	return nil
}
