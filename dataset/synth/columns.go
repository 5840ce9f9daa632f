package synth

// Column names of the account table, in CSV order.
const (
	colAccountID = "account_id"
)

var accountColumns = [...]string{
	"industry", "country", "employees", "revenue_band", "plan", "contract",
	"seats_purchased", "seats_used", "mrr_start", "mrr_end", "tenure_months",
	"logins_per_week", "feature_adoption", "support_tickets", "csat", "nps",
	"email_open_rate", "web_visits", "days_since_last_login", "sales_stage",
	"churned", "upsold", "contact_name", "contact_email",
}

var truthColumns = [...]string{"true_segment", "true_churn_prob", "true_upsell_prob"}

// AccountColumns returns the header of the account CSV: account_id first,
// then the columns of the Table in order; with includeTruth, the truth
// columns last.
func AccountColumns(includeTruth bool) []string {
	out := append([]string{colAccountID}, accountColumns[:]...)
	if includeTruth {
		out = append(out, truthColumns[:]...)
	}
	return out
}

// OutcomeColumns returns the columns that record what happened after the
// snapshot (mrr_end, churned, upsold). They must never be used as features
// of the churn or upsell models.
func OutcomeColumns() []string { return []string{"mrr_end", "churned", "upsold"} }

// PersonalColumns returns the columns holding personal data (fake, but
// shaped like the real thing) that a privacy guard must refuse as features.
func PersonalColumns() []string { return []string{"contact_name", "contact_email"} }

// TruthColumns returns the hidden truth columns added by
// Config.IncludeTruth.
func TruthColumns() []string { return append([]string(nil), truthColumns[:]...) }

// EventColumns returns the header of the event log CSV.
func EventColumns() []string {
	return []string{"account_id", "timestamp", "event_type", "quantity", "amount"}
}

// monthColumns returns the header of the account CSV of s: AccountColumns,
// and true_previous_segment with the truth from Month 2.
func monthColumns(s settings) []string {
	out := AccountColumns(s.includeTruth)
	if s.includeTruth && s.month >= 2 {
		out = append(out, "true_previous_segment")
	}
	return out
}
