package report

import (
	"fmt"
	"math"
	"slices"

	"github.com/segmenta/segmenta/exactsum"
)

// AllSegments is the Segment of a row that covers every account.
const AllSegments = -1

// BridgeRow is the MRR bridge of one group of accounts from the start to
// the end snapshot:
//
//	Start + Expansion - Contraction - Churn = End
//
// over the accounts that paid at the start (MRR at start > 0). Each figure
// is the correctly rounded value of the exact sum of its terms (see
// Bridge), so the identity holds exactly before that last rounding and to
// a few ulps of Start after it.
type BridgeRow struct {
	// Segment is the label, or AllSegments.
	Segment int `json:"segment"`
	// Accounts paid at the start; Expanded, Contracted and Churned count
	// the accounts behind each movement.
	Accounts   int `json:"accounts"`
	Expanded   int `json:"expanded"`
	Contracted int `json:"contracted"`
	Churned    int `json:"churned"`
	// Start is the MRR at start; Expansion sums the increases of the
	// accounts that grew, Contraction the decreases of those that shrank
	// but stayed, Churn the start MRR of those that left; End is the MRR
	// at the end of the same accounts.
	Start       float64 `json:"start"`
	Expansion   float64 `json:"expansion"`
	Contraction float64 `json:"contraction"`
	Churn       float64 `json:"churn"`
	End         float64 `json:"end"`
	// NRR is End/Start, GRR (Start - Contraction - Churn)/Start; not
	// available when Start is 0.
	NRR Metric `json:"nrr"`
	GRR Metric `json:"grr"`
	// New is the MRR at the end of accounts that paid nothing at the start
	// (new or won back), NewAccounts their number: outside the bridge, as
	// net revenue retention leaves them out.
	New         float64 `json:"new"`
	NewAccounts int     `json:"new_accounts"`
}

// MRRBridge is the result of Bridge.
type MRRBridge struct {
	Overall BridgeRow `json:"overall"`
	// Segments are ordered by label; empty when Bridge had no labels.
	Segments []BridgeRow `json:"segments,omitempty"`
	// Missing counts the accounts left out because an MRR was missing
	// (NaN); Conflicts those flagged churned with MRR at the end > 0,
	// counted as churned with their end MRR left out.
	Missing   int `json:"missing"`
	Conflicts int `json:"conflicts"`
	// Warnings say in words what Missing and Conflicts count.
	Warnings []string `json:"warnings,omitempty"`
}

// Bridge splits the change of MRR from mrrStart to mrrEnd into expansion,
// contraction and churn, overall and per segment label (labels may be nil).
// An account churned when churned[i] is set (churned may be nil) or its MRR
// at the end is 0. MRR must be >= 0 and not infinite; NaN is missing.
//
// Sums are exact (exactsum.Acc: an exact fixed-point sum, each figure rounded once),
// so they do not depend on the order of the accounts, and the identity
// Start + Expansion - Contraction - Churn = End is exact in the sums'
// real values.
func Bridge(labels []int, mrrStart, mrrEnd []float64, churned []bool) (*MRRBridge, error) {
	n := len(mrrStart)
	if err := checkBridge(labels, mrrStart, mrrEnd, churned); err != nil {
		return nil, err
	}
	out := &MRRBridge{}
	all := newBridgeAcc(AllSegments)
	bySeg := map[int]*bridgeAcc{}
	for i := range n {
		s, e := mrrStart[i], mrrEnd[i]
		flagged := churned != nil && churned[i]
		if math.IsNaN(s) || math.IsNaN(e) && !flagged {
			out.Missing++
			continue
		}
		if flagged && e > 0 {
			out.Conflicts++
		}
		accs := []*bridgeAcc{all}
		if labels != nil {
			a := bySeg[labels[i]]
			if a == nil {
				a = newBridgeAcc(labels[i])
				bySeg[labels[i]] = a
			}
			accs = append(accs, a)
		}
		for _, a := range accs {
			a.add(s, e, flagged)
		}
	}
	out.Overall = all.row()
	keys := make([]int, 0, len(bySeg))
	for k := range bySeg {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		out.Segments = append(out.Segments, bySeg[k].row())
	}
	if out.Missing > 0 {
		out.Warnings = append(out.Warnings, fmt.Sprintf("MRR bridge: %d accounts left out, MRR at start or end missing", out.Missing))
	}
	if out.Conflicts > 0 {
		out.Warnings = append(out.Warnings, fmt.Sprintf("MRR bridge: %d accounts flagged churned still have MRR at the end; counted as churned, their end MRR left out", out.Conflicts))
	}
	return out, nil
}

func checkBridge(labels []int, mrrStart, mrrEnd []float64, churned []bool) error {
	n := len(mrrStart)
	switch {
	case n == 0:
		return inputErr("mrr_start", -1, ErrEmpty, "")
	case len(mrrEnd) != n:
		return inputErr("mrr_end", -1, ErrLength, "%d values for %d accounts", len(mrrEnd), n)
	case churned != nil && len(churned) != n:
		return inputErr("churned", -1, ErrLength, "%d values for %d accounts", len(churned), n)
	}
	if err := checkSegments(labels, n); err != nil {
		return err
	}
	for _, c := range []struct {
		name string
		v    []float64
	}{{"mrr_start", mrrStart}, {"mrr_end", mrrEnd}} {
		if err := checkMoney(c.name, c.v); err != nil {
			return err
		}
	}
	return nil
}

// checkSegments checks that labels (nil allowed) are n non-negative labels.
func checkSegments(labels []int, n int) error {
	if labels == nil {
		return nil
	}
	if len(labels) != n {
		return inputErr("labels", -1, ErrLength, "%d labels for %d accounts", len(labels), n)
	}
	for i, l := range labels {
		if l < 0 {
			return inputErr("labels", i, ErrNegativeLabel, "%d", l)
		}
	}
	return nil
}

// checkMoney refuses negative and infinite amounts; NaN is missing.
func checkMoney(field string, v []float64) error {
	for i, x := range v {
		if x < 0 || math.IsInf(x, 0) {
			return inputErr(field, i, ErrValue, "%v: want an amount >= 0 (NaN for missing)", x)
		}
	}
	return nil
}

// bridgeAcc accumulates one BridgeRow exactly. Each movement adds both of
// its terms (end and -start), never their rounded difference.
type bridgeAcc struct {
	row0                                       BridgeRow
	start, exp, contr, churn, end, kept, fresh exactsum.Acc
}

func newBridgeAcc(seg int) *bridgeAcc { return &bridgeAcc{row0: BridgeRow{Segment: seg}} }

func (a *bridgeAcc) add(s, e float64, flagged bool) {
	r := &a.row0
	if s == 0 {
		if e > 0 && !flagged {
			r.NewAccounts++
			a.fresh.Add(e)
		}
		return
	}
	r.Accounts++
	a.start.Add(s)
	switch {
	case flagged || e == 0:
		r.Churned++
		a.churn.Add(s)
		return
	case e > s:
		r.Expanded++
		a.exp.Add(e)
		a.exp.Add(-s)
		a.kept.Add(s)
	case e < s:
		r.Contracted++
		a.contr.Add(s)
		a.contr.Add(-e)
		a.kept.Add(e)
	default:
		a.kept.Add(s)
	}
	a.end.Add(e)
}

func (a *bridgeAcc) row() BridgeRow {
	r := a.row0
	r.Start, r.Expansion, r.Contraction = a.start.Sum(), a.exp.Sum(), a.contr.Sum()
	r.Churn, r.End, r.New = a.churn.Sum(), a.end.Sum(), a.fresh.Sum()
	r.NRR = ratio(r.End, r.Start, r.Accounts)
	r.GRR = ratio(a.kept.Sum(), r.Start, r.Accounts)
	return r
}
