package batch

// Risk bands of Score.RiskBand.
const (
	RiskHigh   = "high"
	RiskMedium = "medium"
	RiskLow    = "low"
)

// MaxReasons is the number of reasons a Score gives per account.
const MaxReasons = 3

// Score is the result of scoring one account.
type Score struct {
	ID string
	// Segment is the macro segment (0..NumSegments-1), SegmentName its
	// persona name, MicroSegment the k-means micro segment.
	Segment      int
	SegmentName  string
	MicroSegment int
	// Churn and Upsell are calibrated probabilities; NaN when the model has
	// no such sub-model (its label was absent at Fit).
	Churn, Upsell float64
	// RiskBand is RiskHigh when Churn >= the high threshold
	// (Parts.HighRisk; segmenta.Config.HighRisk, default 0.5), RiskMedium
	// when Churn >= the medium threshold (default 0.2), RiskLow otherwise;
	// empty without a churn model.
	RiskBand string
	// Reasons are the (up to MaxReasons) input columns that raise this
	// account's churn log-odds most above those of a typical training
	// account, most important first, one per column (the sum of the
	// column's terms: its one-hot levels, buckets, missing indicator,
	// shape and half of each interaction it takes part in): "logins_per_week
	// low", "plan=basic", "csat missing", "signup_date earlier". Only
	// columns that raise the risk are listed; a value is "high" or "low"
	// against the training mean, and no numeric value is written.
	Reasons []string
	// UpsellReasons are the same for the upsell log-odds.
	UpsellReasons []string
}

// Report counts what scoring had to patch.
type Report struct {
	// Rows is the number of rows scored.
	Rows int
	// Unseen counts, per categorical column, values never seen at Fit
	// (scored as the column's "other" bucket).
	Unseen map[string]int
}
