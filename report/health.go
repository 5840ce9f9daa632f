package report

import (
	"fmt"
	"math"
)

// Orders of the risky-accounts list (ProfileConfig.RankBy).
const (
	// RankLoss ranks by expected loss, P(churn) * ARR: what a team saves
	// by acting first on the accounts that would cost the most.
	RankLoss = "loss"
	// RankProb ranks by churn probability alone.
	RankProb = "prob"
)

// Health bands of accounts (AccountRow.Band, Report.Bands).
const (
	BandRed    = "red"    // act now
	BandYellow = "yellow" // watch
	BandGreen  = "green"  // healthy
)

// Default health thresholds when neither a capacity nor a profit curve is
// given: the default risk bands of the model (segmenta.DefaultHighRisk and
// DefaultMediumRisk) on the health scale.
const (
	defaultRedBelow    = 50.0
	defaultYellowBelow = 80.0
)

// HealthScore is the 0-100 health of an account whose calibrated churn
// probability is p: 100 * (1 - p), so 73 reads "a 73% chance to stay".
// It is deliberately not blended with the upsell probability: a blend
// would let an account likely to expand and likely to churn look healthy,
// and the score would no longer be a probability people can check against
// what happened; the upsell probability is reported beside it.
func HealthScore(p float64) float64 { return 100 * (1 - p) }

// Band is one health band with its accounts, revenue and action.
type Band struct {
	Name string `json:"name"`
	// Rule says in words which accounts the band holds.
	Rule     string `json:"rule"`
	Accounts int    `json:"accounts"`
	ARR      Metric `json:"arr"`
	// RevenueAtRisk is sum(P(churn) * ARR) over the band's accounts.
	RevenueAtRisk Metric `json:"revenue_at_risk"`
	MeanHealth    Metric `json:"mean_health"`
	// Action is the playbook's action for the band ("" when none).
	Action string `json:"action,omitempty"`
}

// ROI is what acting on the red accounts of a group is expected to
// return under ProfileConfig.Cost and SaveRate: SavedARR = sum(P(churn) *
// SaveRate * ARR), Cost = Acted * ProfileConfig.Cost, Net = SavedARR -
// Cost. Unavailable without a cost and save rate.
type ROI struct {
	Acted    int    `json:"acted"`
	SavedARR Metric `json:"saved_arr"`
	Cost     Metric `json:"cost"`
	Net      Metric `json:"net"`
}

// checkBands validates the band settings of a config with defaults.
func (c ProfileConfig) checkBands() error {
	switch {
	case c.RankBy != RankLoss && c.RankBy != RankProb:
		return inputErr("RankBy", -1, ErrValue, "%q: want %q or %q", c.RankBy, RankLoss, RankProb)
	case c.Capacity < 0:
		return inputErr("Capacity", -1, ErrValue, "%d < 0", c.Capacity)
	case !(c.Cost >= 0) || math.IsInf(c.Cost, 0):
		return inputErr("Cost", -1, ErrValue, "%v: want a finite cost >= 0", c.Cost)
	case !(c.SaveRate >= 0 && c.SaveRate <= 1):
		return inputErr("SaveRate", -1, ErrValue, "%v not in [0, 1]", c.SaveRate)
	case (c.Cost > 0) != (c.SaveRate > 0):
		return inputErr("SaveRate", -1, ErrValue, "Cost and SaveRate go together (cost %v, save rate %v)", c.Cost, c.SaveRate)
	}
	return nil
}

// profit reports whether the bands and ROI come from a profit curve.
func (c ProfileConfig) profit() bool { return c.Cost > 0 && c.SaveRate > 0 }

// expectedLoss fills p.loss: P(churn) * ARR per row; 0 when the ARR is
// unknown (such accounts are counted in a warning), P(churn) alone when
// the table has no revenue column at all.
func (p *profiler) expectedLoss() {
	prob := p.cfg.ChurnProb
	p.loss = make([]float64, p.n)
	unknown := 0
	for i := range p.loss {
		switch {
		case !p.hasARR:
			p.loss[i] = prob[i]
		case math.IsNaN(p.arr[i]):
			unknown++
		default:
			p.loss[i] = prob[i] * p.arr[i]
		}
	}
	if unknown > 0 {
		p.warn("%d accounts have no ARR: their expected loss counts as 0 in the ranking and bands", unknown)
	}
}

// rankOrder returns the k rows most at risk under by (RankLoss or
// RankProb; ties by the other, then by row: a total order, so lists are
// stable).
func (p *profiler) rankOrder(k int, by string) []int {
	prob := p.cfg.ChurnProb
	first, second := p.loss, prob
	if by == RankProb {
		first, second = prob, p.loss
	}
	return topK(p.n, k, func(i, j int) bool {
		if first[i] != first[j] {
			return first[i] > first[j]
		}
		if second[i] != second[j] {
			return second[i] > second[j]
		}
		return i < j
	})
}

// bands fills p.band per row and rep.Bands, and the rule used.
func (p *profiler) bands(rep *Report) {
	prob := p.cfg.ChurnProb
	p.band = make([]string, p.n)
	var rules [3]string
	switch {
	case p.cfg.Capacity > 0:
		rules = [3]string{
			fmt.Sprintf("the %d accounts with the largest expected loss (team capacity)", p.cfg.Capacity),
			fmt.Sprintf("the next %d by expected loss", p.cfg.YellowCapacity),
			"the others",
		}
		for i := range p.band {
			p.band[i] = BandGreen
		}
		// Capacity is about whom to call: always by expected loss.
		for r, i := range p.rankOrder(min(p.n, p.cfg.Capacity+p.cfg.YellowCapacity), RankLoss) {
			p.band[i] = BandYellow
			if r < p.cfg.Capacity {
				p.band[i] = BandRed
			}
		}
	case p.cfg.profit() && p.hasARR:
		c, s := p.cfg.Cost, p.cfg.SaveRate
		rules = [3]string{
			fmt.Sprintf("acting pays: P(churn) x save rate %g x ARR > cost %g", s, c),
			fmt.Sprintf("would pay at half the cost: P(churn) x %g x ARR > %g", s, c/2),
			"acting does not pay",
		}
		for i := range p.band {
			gain := 0.0
			if !math.IsNaN(p.arr[i]) {
				gain = prob[i] * s * p.arr[i]
			}
			p.band[i] = bandOf(gain > c, gain > c/2)
		}
	default:
		if p.cfg.profit() {
			p.unavailable = append(p.unavailable, "profit-curve bands: no ARR or MRR column (health thresholds used)")
		}
		rules = [3]string{
			fmt.Sprintf("health below %g (P(churn) above %g)", defaultRedBelow, 1-defaultRedBelow/100),
			fmt.Sprintf("health %g to %g", defaultRedBelow, defaultYellowBelow),
			fmt.Sprintf("health %g or more", defaultYellowBelow),
		}
		for i := range p.band {
			h := HealthScore(prob[i])
			p.band[i] = bandOf(h < defaultRedBelow, h < defaultYellowBelow)
		}
	}
	rep.Bands = p.bandRows(rules)
}

func bandOf(red, yellow bool) string {
	switch {
	case red:
		return BandRed
	case yellow:
		return BandYellow
	}
	return BandGreen
}

// bandRows sums the accounts of each band.
func (p *profiler) bandRows(rules [3]string) []Band {
	names := []string{BandRed, BandYellow, BandGreen}
	var arr, risk, health [3]float64
	var n, nARR [3]int
	for i, b := range p.band {
		k := bandIndex(b)
		n[k]++
		health[k] += HealthScore(p.cfg.ChurnProb[i])
		if !math.IsNaN(p.arr[i]) {
			arr[k] += p.arr[i]
			risk[k] += p.cfg.ChurnProb[i] * p.arr[i]
			nARR[k]++
		}
	}
	out := make([]Band, 3)
	for k := range out {
		out[k] = Band{Name: names[k], Rule: rules[k], Accounts: n[k],
			ARR: metric(arr[k], nARR[k]), RevenueAtRisk: metric(risk[k], nARR[k]), MeanHealth: ratio(health[k], float64(n[k]), n[k])}
	}
	return out
}

func bandIndex(b string) int {
	switch b {
	case BandRed:
		return 0
	case BandYellow:
		return 1
	}
	return 2
}

// segmentHealth fills each segment's mean health, band counts and ROI.
func (p *profiler) segmentHealth(rep *Report) {
	k := len(rep.Segments)
	health := make([]float64, k)
	saved := make([]float64, k)
	for i := range p.n {
		j := p.seg[i]
		s := &rep.Segments[j]
		health[j] += HealthScore(p.cfg.ChurnProb[i])
		switch p.band[i] {
		case BandRed:
			s.Red++
			if !math.IsNaN(p.arr[i]) {
				saved[j] += p.cfg.ChurnProb[i] * p.cfg.SaveRate * p.arr[i]
			}
		case BandYellow:
			s.Yellow++
		default:
			s.Green++
		}
	}
	for j := range rep.Segments {
		s := &rep.Segments[j]
		s.Health = ratio(health[j], float64(s.Size), s.Size)
		s.ROI = ROI{Acted: s.Red}
		if p.cfg.profit() && p.hasARR {
			cost := float64(s.Red) * p.cfg.Cost
			// No red account is a valid ROI of 0, not a missing one.
			s.ROI.SavedARR = Metric{Value: saved[j], N: s.Red, Valid: true}
			s.ROI.Cost = Metric{Value: cost, N: s.Red, Valid: true}
			s.ROI.Net = Metric{Value: saved[j] - cost, N: s.Red, Valid: true}
		}
	}
	if !(p.cfg.profit() && p.hasARR) {
		p.unavailable = append(p.unavailable, "ROI per segment: no intervention cost and save rate given (Cost, SaveRate; -cost, -save-rate)")
	}
}
