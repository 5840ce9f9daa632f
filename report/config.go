package report

import (
	"math"
	"time"

	"github.com/segmenta/segmenta/features"
)

// ProfileConfig names the columns Profile reads and carries the optional
// per-account model outputs. Its zero value is ready to use: every empty
// column name selects the default below, which matches the names written by
// the synthetic generator (dataset/synth). A column that is absent from the
// table simply skips the figures that need it (they are reported as not
// available); set a name to "-" to ignore a column that is present.
type ProfileConfig struct {
	// Title heads the rendered report. Default "Segment report".
	Title string

	// Roles map roles to the table's column names (see Roles); a role
	// given here replaces the field below it sets, and must name a column
	// of the table (Profile fails with a *RoleError otherwise).
	Roles Roles

	// ID, when set, names the column holding the account IDs shown in the
	// report: the table's ID column (Table.IDName) or another column.
	// Default: the table's IDs.
	ID string

	// MRRStart is the monthly recurring revenue at the start of the period
	// (numeric). ARR = 12 * MRRStart unless ARR is set. Default "mrr_start".
	MRRStart string
	// ARR, when set, names an annual recurring revenue column (numeric)
	// used instead of 12 * MRRStart for ARR, revenue at risk, expected
	// loss and ROI. Default: none.
	ARR string
	// MRREnd is the MRR at the end of the period (numeric), used for net and
	// gross revenue retention. Default "mrr_end".
	MRREnd string
	// Churned and Upsold are outcome flags: numeric (non-zero = true) or
	// categorical (1/0, true/false, yes/no, t/f, y/n; case-insensitive).
	// Defaults "churned" and "upsold".
	Churned, Upsold string
	// CSAT is a survey score (numeric); unanswered surveys are missing
	// values. Default "csat".
	CSAT string
	// NPS is the answer to the net promoter question, 0..10 (numeric;
	// missing when unanswered). It gives the net promoter score (KPIs.NPS)
	// and the mean answer; answers outside 0..10 or not whole are left out
	// and counted in Report.Warnings. Default "nps".
	NPS string
	// SignupDate names the column of the date an account signed up (a
	// date column, or text as 2006-01-02 or RFC 3339), for the cohorts.
	// Default "signup_date".
	SignupDate string
	// Tenure is how long each account has been a customer at the start of
	// the period (numeric, in TenureUnit), for the lifetimes (Kaplan-Meier
	// per segment: a churned account has the event at its tenure, an
	// active one is censored there) and, with AsOf, the signup months of
	// the cohorts. Default "tenure_months".
	Tenure string
	// TenureUnit is the unit of Tenure: TenureMonths (default) or
	// TenureDays (converted at 365.25/12 days a month).
	TenureUnit string
	// AsOf is the date of the snapshot the tenures are counted to. When
	// the table has no signup date but a tenure, the signup month of each
	// account is derived as AsOf minus its tenure (see Report.Cohorts);
	// the zero time means no derivation (the cohorts are then not
	// available).
	AsOf time.Time
	// DiscountRate is the yearly rate at which the customer lifetime
	// value of the lifetimes discounts future revenue (0.1: 10% a year).
	// Default 0: no discounting.
	DiscountRate float64
	// Employees (numeric) gives the median employee count of a segment,
	// and its size band (SMB, Mid-market, Enterprise) when it is among the
	// traits that name the segment. Default "employees".
	Employees string
	// Industry, Country and Plan are categorical firmographics. Defaults
	// "industry", "country", "plan".
	Industry, Country, Plan string
	// Logins and Adoption are usage columns (numeric), named "~9
	// logins/week" and "high adoption" or "low adoption" when they are
	// among the traits that name a segment. Defaults "logins_per_week" and
	// "feature_adoption".
	Logins, Adoption string

	// Exclude lists further columns not to use as distinguishing traits
	// (MRREnd, Churned and Upsold are outcomes and are never used as traits;
	// the ID column is never a column of the table).
	Exclude []string

	// Protected lists columns to audit for fairness besides those the
	// privacy guard recognises as protected attributes or proxies
	// (privacy.Guard.Protected): see Report.Fairness. Columns the guard
	// flags (personal data, protected attributes) are never traits.
	Protected []string

	// SegmentNames, when non-nil, overrides generated names:
	// SegmentNames[label] names segment label when it is non-empty.
	SegmentNames []string
	// ChurnProb and UpsellProb, when non-nil, hold one predicted
	// probability per row, in [0, 1]. They give the mean predicted
	// probabilities and the expected revenue at risk.
	ChurnProb, UpsellProb []float64

	// RiskyAccounts, when non-nil, is copied into the report as given (empty
	// SegmentName and zero ARR are filled in from the table when the ID is
	// found, with the expected loss, health and band). When nil and
	// ChurnProb is set, Profile lists the TopRisky accounts first by RankBy
	// (expected loss, churn probability * ARR, or churn probability when
	// there is no revenue column), with heuristic reasons: the account's
	// values furthest from the population mean in the direction that
	// correlates with higher churn probability (ProfileScores gives the
	// model's reasons instead).
	RiskyAccounts []AccountRow
	// TopRisky is the length of the automatic risky-accounts list. Default
	// 20; negative disables the list.
	TopRisky int

	// RankBy orders the risky-accounts list: RankLoss (default: expected
	// loss, churn probability * ARR, largest first) or RankProb (churn
	// probability).
	RankBy string

	// Bands: see HealthBands. Capacity, when positive, makes the Capacity
	// accounts with the largest expected loss red and the next
	// YellowCapacity (default Capacity) yellow. Otherwise, when Cost and
	// SaveRate are positive, an account is red when acting on it pays
	// (P(churn) * SaveRate * ARR > Cost) and yellow when it would pay at
	// half the cost. Otherwise red is health below 50 (P(churn) above 0.5)
	// and yellow health below 80 (P(churn) above 0.2).
	Capacity, YellowCapacity int
	// Cost is the cost of one intervention (a call, a discount), in the
	// currency of ARR; SaveRate the share of the churners an intervention
	// keeps, in [0, 1]. Together they give the ROI of acting on the red
	// accounts of each segment (Segment.ROI).
	Cost, SaveRate float64

	// Playbook, when set, maps segments and bands to recommended actions,
	// shown per segment, per band and per risky account.
	Playbook *Playbook

	// MaxTraits caps the numeric and the categorical traits kept per
	// segment. Default 5.
	MaxTraits int
	// MinEffect is the smallest |standardised difference| (in population
	// standard deviations) for a numeric trait to be kept. Default 0.25.
	MinEffect float64
	// MinLift is the smallest lift (segment share / population share) for a
	// categorical level to count as over-represented. Default 1.25.
	MinLift float64
	// MinLevelShare is the smallest share of the segment a level must hold
	// to be reported as a trait. Default 0.10.
	MinLevelShare float64
	// reasons, when set by ProfileScores, are the model's reasons per row,
	// shown in the risky-accounts list instead of heuristic ones.
	reasons [][]string
	// compact, set by ProfileSegments, leaves out what a model file should
	// not hold: the cohorts and the lifetime curves.
	compact bool

	// MaxLevels: categorical columns with more distinct levels (free text,
	// e-mail addresses) are not used as traits. Default 50.
	MaxLevels int

	// Kinds says what the values of each column mean (codes, yes/no flags,
	// skewed amounts: features.Spec.ValueKinds of the model's spec), so
	// that traits and names read them as the model does: a code is a
	// level ("mostly Channel 2"), never a quantity. Nil takes the kinds of
	// the spec features.InferSpec infers from the table.
	Kinds map[string]features.ValueKind
}

// withDefaults returns a copy with every zero field set to its default and
// the Roles applied.
func (c ProfileConfig) withDefaults() (ProfileConfig, error) {
	if err := c.Roles.apply(&c); err != nil {
		return c, err
	}
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&c.Title, "Segment report")
	def(&c.RankBy, RankLoss)
	def(&c.MRRStart, "mrr_start")
	def(&c.MRREnd, "mrr_end")
	def(&c.Churned, "churned")
	def(&c.Upsold, "upsold")
	def(&c.CSAT, "csat")
	def(&c.NPS, "nps")
	def(&c.Employees, "employees")
	def(&c.Industry, "industry")
	def(&c.Country, "country")
	def(&c.Plan, "plan")
	def(&c.Logins, "logins_per_week")
	def(&c.Adoption, "feature_adoption")
	def(&c.SignupDate, "signup_date")
	def(&c.Tenure, "tenure_months")
	def(&c.TenureUnit, TenureMonths)
	if c.TopRisky == 0 {
		c.TopRisky = 20
	}
	if c.MaxTraits <= 0 {
		c.MaxTraits = 5
	}
	if c.MinEffect <= 0 {
		c.MinEffect = 0.25
	}
	if c.MinLift <= 0 {
		c.MinLift = 1.25
	}
	if c.MinLevelShare <= 0 {
		c.MinLevelShare = 0.10
	}
	if c.MaxLevels <= 0 {
		c.MaxLevels = 50
	}
	if c.YellowCapacity <= 0 {
		c.YellowCapacity = c.Capacity
	}
	if err := c.checkLifecycle(); err != nil {
		return c, err
	}
	return c, c.checkBands()
}

// Units of ProfileConfig.TenureUnit.
const (
	TenureMonths = "months"
	TenureDays   = "days"
)

// daysPerMonth converts a tenure in days to months (as R's survival
// examples count a month: 365.25/12 days).
const daysPerMonth = 365.25 / 12

func (c ProfileConfig) checkLifecycle() error {
	switch {
	case c.TenureUnit != TenureMonths && c.TenureUnit != TenureDays:
		return inputErr("TenureUnit", -1, ErrValue, "%q: want %q or %q", c.TenureUnit, TenureMonths, TenureDays)
	case !(c.DiscountRate >= 0) || math.IsInf(c.DiscountRate, 0):
		return inputErr("DiscountRate", -1, ErrValue, "%v: want a finite yearly rate >= 0", c.DiscountRate)
	}
	return nil
}
