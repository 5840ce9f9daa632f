package synth

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/segmenta/segmenta/dataset"
)

// Term is one feature of a LogitModel and its coefficient. Name is the
// feature written as an expression over account columns, in one of four
// forms: "col" (the value), "log1p(col)" (log(1+value)), "col/col2" or
// "col/30" (a ratio), "col==level" (1 if the categorical value equals level,
// else 0).
type Term struct {
	Name string
	Coef float64
}

// LogitModel is a logistic model: P(y=1) = 1/(1+exp(-(Intercept + sum of
// Coef*feature))). The generator draws the labels from it.
type LogitModel struct {
	Intercept float64
	Terms     []Term
}

// Coefficients of the true churn model (see ChurnModel).
const (
	churnIntercept   = -0.15
	churnUtil        = -1.6
	churnLogins      = -0.7
	churnAdoption    = -1.6
	churnTickets     = 0.45
	churnDays30      = 0.9
	churnMonthly     = 0.8
	churnTenure      = -0.35
	upsellIntercept  = -5.1
	upsellUtil       = 2.4
	upsellLogins     = 0.3
	upsellAdoption   = 1.0
	upsellOpenRate   = 1.0
	upsellDiscovery  = 0.7
	upsellProposal   = 1.4
	upsellNegotiate  = 2.1
	upsellEnterprise = -0.8
)

// ChurnModel returns the true churn model: the log-odds that an account
// churns (churned = 1) given its observable, pre-outcome columns. It is
// linear in features a standard pipeline produces (log1p, ratio, one-hot),
// and uses only columns that are never missing nor corrupted, so a fitted
// logistic regression can match it.
func ChurnModel() LogitModel {
	return LogitModel{Intercept: churnIntercept, Terms: []Term{
		{"seats_used/seats_purchased", churnUtil},
		{"log1p(logins_per_week)", churnLogins},
		{"feature_adoption", churnAdoption},
		{"log1p(support_tickets)", churnTickets},
		{"days_since_last_login/30", churnDays30},
		{"contract==monthly", churnMonthly},
		{"log1p(tenure_months)", churnTenure},
	}}
}

// UpsellModel returns the true upsell model: the log-odds that an account
// which does not churn expands (upsold = 1). Churned accounts are never
// upsold, so the marginal upsell probability is
// (1 - P(churn)) * sigmoid(UpsellModel log-odds); that product is what
// Truth.UpsellProb and true_upsell_prob hold.
func UpsellModel() LogitModel {
	return LogitModel{Intercept: upsellIntercept, Terms: []Term{
		{"seats_used/seats_purchased", upsellUtil},
		{"log1p(logins_per_week)", upsellLogins},
		{"feature_adoption", upsellAdoption},
		{"email_open_rate", upsellOpenRate},
		{"sales_stage==discovery", upsellDiscovery},
		{"sales_stage==proposal", upsellProposal},
		{"sales_stage==negotiation", upsellNegotiate},
		{"plan==enterprise", upsellEnterprise},
	}}
}

// churnLogOdds and upsellLogOdds are the fast paths of the generator; a
// test checks they agree with ChurnModel and UpsellModel evaluated on the
// table.
func churnLogOdds(a *account) float64 {
	x := float64(churnIntercept)
	x += churnUtil * (a.seatsUsed / a.seatsPurchased)
	x += churnLogins * math.Log1p(a.logins)
	x += churnAdoption * a.adoption
	x += churnTickets * math.Log1p(a.tickets)
	x += churnDays30 * (a.daysSince / 30)
	if a.contract == 1 {
		x += churnMonthly
	}
	x += churnTenure * math.Log1p(a.tenure)
	return x
}

func upsellLogOdds(a *account) float64 {
	x := float64(upsellIntercept)
	x += upsellUtil * (a.seatsUsed / a.seatsPurchased)
	x += upsellLogins * math.Log1p(a.logins)
	x += upsellAdoption * a.adoption
	x += upsellOpenRate * a.openRate
	switch a.stage {
	case 1:
		x += upsellDiscovery
	case 2:
		x += upsellProposal
	case 3:
		x += upsellNegotiate
	}
	if a.plan == 3 {
		x += upsellEnterprise
	}
	return x
}

// ErrTerm reports a term LogOdds cannot evaluate on a table.
var ErrTerm = errors.New("synth: cannot evaluate model term")

// LogOdds evaluates the model on every row of t (an account table such as
// Generate returns or a CSV of WriteAccountsCSV read back). It fails if a
// column a term needs is absent, of the wrong kind or missing in a row.
func (m LogitModel) LogOdds(t *dataset.Table) ([]float64, error) {
	out := make([]float64, t.Len())
	for i := range out {
		out[i] = m.Intercept
	}
	for _, term := range m.Terms {
		if err := addTerm(out, t, term); err != nil {
			return nil, fmt.Errorf("term %q: %w", term.Name, err)
		}
	}
	return out, nil
}

// Prob evaluates the model probabilities on every row of t.
func (m LogitModel) Prob(t *dataset.Table) ([]float64, error) {
	x, err := m.LogOdds(t)
	if err != nil {
		return nil, err
	}
	for i, v := range x {
		x[i] = sigmoid(v)
	}
	return x, nil
}

func addTerm(out []float64, t *dataset.Table, term Term) error {
	name := term.Name
	if col, level, ok := strings.Cut(name, "=="); ok {
		c, err := t.Categorical(col)
		if err != nil {
			return err
		}
		for i, s := range c.Str {
			if c.IsMissing(i) {
				return &dataset.ColumnError{Column: col, Row: i, Err: ErrTerm}
			}
			if s == level {
				out[i] += term.Coef
			}
		}
		return nil
	}
	f := func(v float64) float64 { return v }
	if inner, ok := strings.CutPrefix(name, "log1p("); ok && strings.HasSuffix(inner, ")") {
		name = strings.TrimSuffix(inner, ")")
		f = math.Log1p
	}
	num, den, ratio := strings.Cut(name, "/")
	a, err := numeric(t, num)
	if err != nil {
		return err
	}
	var b *dataset.Column
	div := 1.0
	if ratio {
		if _, err := fmt.Sscanf(den, "%g", &div); err != nil {
			if b, err = numeric(t, den); err != nil {
				return err
			}
		}
	}
	for i, v := range a.Num {
		d := div
		if b != nil {
			d = b.Num[i]
		}
		out[i] += term.Coef * f(v/d)
	}
	return nil
}

// numeric returns a numeric column without missing values.
func numeric(t *dataset.Table, name string) (*dataset.Column, error) {
	c, err := t.Numeric(name)
	if err != nil {
		return nil, err
	}
	for i := range c.Num {
		if c.IsMissing(i) {
			return nil, &dataset.ColumnError{Column: name, Row: i, Err: fmt.Errorf("%w: missing value", ErrTerm)}
		}
	}
	return c, nil
}
