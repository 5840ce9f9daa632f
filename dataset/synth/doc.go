// Package synth generates realistic, seeded B2B SaaS account data: an
// account table with known segments, churn and upsell labels drawn from
// known logistic models, and a usage event log consistent with it. It is the
// test bed of Segmenta: clustering can be scored against the hidden
// personas, and churn models against the true model that drew the labels.
//
// # Determinism and scale
//
// Account i is drawn from its own PCG stream, seeded from (Config.Seed, i)
// through SplitMix64, so a data set of N accounts is a prefix of any larger
// one, shards can be generated independently, and the bytes depend on the
// Config only, whatever GOMAXPROCS. WriteAccountsCSV and WriteEventsCSV
// format fixed chunks of accounts in parallel and write them in order, in
// memory that does not grow with N (benchmarks/cmd/synthmem measures the
// peak RSS). Generate and GenerateEvents build the same
// values in memory, for tests and demos up to about a million accounts.
//
// # Account columns
//
// account_id ("A0000001", ...) is the ID. Then, in order:
//
//	industry               categorical: fintech, healthcare, manufacturing, retail, software, education, media, logistics
//	country                categorical, skewed: US 40%, GB, DE, FR, IN, CA, NL, AU, BR, ES, SE, JP, SG, IE
//	employees              log-normal by persona
//	revenue_band           categorical: <1M, 1-10M, 10-50M, 50-250M, 250M+ (employees x revenue per employee)
//	plan                   categorical: starter, growth, business, enterprise
//	contract               categorical: annual, monthly
//	seats_purchased        >= 1, <= employees
//	seats_used             >= 1; above seats_purchased for a few accounts at capacity (overage)
//	mrr_start              monthly recurring revenue at the snapshot (seats x list price, plan minimum)
//	mrr_end                OUTCOME: MRR a period later; 0 if churned, higher if upsold
//	tenure_months          >= 1
//	logins_per_week        average logins per active seat and week
//	feature_adoption       share of features used, 0..1
//	support_tickets        tickets in the last 90 days
//	csat                   average satisfaction score, 1..5 (one decimal)
//	nps                    the contact's answer to the NPS question, 0..10 (not a -100..100 score)
//	email_open_rate        0..1
//	web_visits             website visits in the last 30 days
//	days_since_last_login  whole days between the last login's date and End
//	sales_stage            categorical: none, discovery, proposal, negotiation
//	churned                OUTCOME: 1 if the account churned, else 0
//	upsold                 OUTCOME: 1 if the account expanded, else 0 (never with churned)
//	contact_name           PERSONAL DATA (fake): "Maria Schmidt"
//	contact_email          PERSONAL DATA (fake): "maria.schmidt42@example.com"
//
// With Config.IncludeTruth, three hidden columns follow: true_segment (the
// persona index, into SegmentNames), true_churn_prob and true_upsell_prob.
// OutcomeColumns, PersonalColumns and TruthColumns list the columns no model
// may use as features.
//
// Config.Month from 2 gives later monthly snapshots of the same accounts:
// each month a seeded share Config.MoveRate of them moves to another
// persona and takes values drawn from it, the others keep theirs; with the
// truth, true_previous_segment (the persona of the month before) follows.
// Months 0 and 1 are the first month, byte for byte as before.
//
// With Config.Clean false (the default), values go missing as in real CRM
// exports (csat 30%: many accounts never answer surveys; nps 40%;
// web_visits 3%; employees 2%; industry 2%; country 1%) and about 1 account
// in 1000 has employees, and another mrr_start, recorded 100 times too large.
// No column of the true models is ever missing or corrupted.
//
// # Personas
//
// Six hidden personas (SegmentNames) with shares 12/18/18/10/15/27%:
// large fintech power users, stalled SMB trials, mid-market healthcare
// steady, enterprise manufacturing low adoption, fast-growing tech
// scale-ups, price-sensitive retail SMBs. Each sets the centre of every
// attribute (on a log or logit scale); accounts scatter around it with a
// shared "health" factor that moves utilisation, logins, adoption and
// recency together. Config.Separation divides all that noise: 1 (default)
// overlaps like real customers (k-means on standardised log1p columns gets
// an adjusted Rand index near 0.75), 3 separates the personas (ARI >= 0.9).
//
// # True models
//
// The labels are Bernoulli draws from logistic models of observable,
// pre-outcome columns only (the persona acts only through them), so a
// logistic regression on the right features can match the truth. With
// util = seats_used/seats_purchased and [x] = 1 if x holds, else 0:
//
//	churn log-odds = -0.15 - 1.6*util - 0.7*log1p(logins_per_week) - 1.6*feature_adoption
//	                 + 0.45*log1p(support_tickets) + 0.9*days_since_last_login/30
//	                 + 0.8*[contract == monthly] - 0.35*log1p(tenure_months)
//
//	upsell log-odds (given no churn) = -5.1 + 2.4*util + 0.3*log1p(logins_per_week)
//	                 + 1.0*feature_adoption + 1.0*email_open_rate
//	                 + 0.7*[sales_stage == discovery] + 1.4*[sales_stage == proposal]
//	                 + 2.1*[sales_stage == negotiation] - 0.8*[plan == enterprise]
//
// P(churned) = sigmoid(churn log-odds); churned accounts are never upsold,
// so P(upsold) = (1 - P(churned)) * sigmoid(upsell log-odds). ChurnModel and
// UpsellModel return these coefficients, and LogitModel.Prob evaluates them
// on a table. At the defaults the churn rate is about 12.5% and the upsell
// rate about 17%. The AUC of the true model is what no model of the account
// columns can beat in expectation: compute it as the ROC AUC of
// Truth.ChurnProb (or true_churn_prob) against churned; it is about 0.86 for
// churn and 0.84 for upsell (P(upsold)).
//
// # Event log
//
// WriteEventsCSV and GenerateEvents give each account's events over the
// period (Start..End): account_id, timestamp (RFC 3339, UTC), event_type
// (login, feature_use, api_call, seat_added, support_ticket, invoice_paid),
// quantity and amount (invoices only), sorted by account then time. Usage
// (login, feature_use, api_call; Config.EventsPerAccount per account on
// average) runs at a rate proportional to logins_per_week from the account's
// start until its last login, which falls exactly days_since_last_login
// before End; churners' usage decays exponentially towards the end, so event
// trends carry a leading signal beyond the account columns, as in real life.
// There are exactly support_tickets tickets in the last 90 days, and invoices
// follow the contract (monthly: mrr_start; annual: 12 x mrr_start). The
// event log does not depend on Config.Clean.
//
// # Multi-table export
//
// WriteTables (the CLI's synth -tables DIR) writes the same accounts as a
// real CRM, billing and product-analytics export: several tables whose
// aggregation as of a cutoff gives back the account columns above, and
// whose rows after the cutoff give back the hidden outcomes. The timeline
// (TablesConfig.Period) is: history from HistoryStart (Cutoff minus
// HistoryMonths, default 18 months), the cutoff (default 2025-07-01), the
// horizon of HorizonDays = 90 days after it, and TailDays = 7 more days;
// nothing is dated at or after DataEnd. Dates are YYYY-MM-DD, timestamps
// RFC 3339 UTC; an interval [start, end) holds start and not end.
//
//	accounts.csv       account_id, name (fake company), industry, country, employees, revenue_band,
//	                   signup_date, contact_name and contact_email (PERSONAL DATA, fake)
//	subscriptions.csv  subscription_id, account_id, plan, billing (annual, monthly), seats, mrr,
//	                   start_date, end_date (empty: open), change (new, renewal, upgrade, downgrade):
//	                   one row per state; annual contracts get a renewal row every 12 months (an
//	                   open annual row's end_date is its scheduled term end); a churn ends the
//	                   last row with no successor
//	usage_events.csv   event_id, subscription_id (the bridge: usage -> subscription -> account),
//	                   user_id, event_type (login, feature_use, api_call), timestamp
//	tickets.csv        ticket_id, account_id, opened_at, closed_at (empty: open at DataEnd),
//	                   priority (low, normal, high, urgent), satisfaction (1..5, empty: no answer)
//	invoices.csv       invoice_id, account_id, issued_at (each billing period's start: MRR monthly,
//	                   12 x MRR annual), amount, paid_at (empty: unpaid)
//	touchpoints.csv    account_id, channel, kind (email sent, open, click; webinar signup; web visit),
//	                   timestamp
//	opportunities.csv  opportunity_id, account_id, stage (discovery, proposal, negotiation,
//	                   closed_won, closed_lost), changed_at: one row per stage entered
//	churn_events.csv   account_id, churned_at, reason
//	truth.csv          account_id, segment, persona, churn_prob, churned, upsell_prob, upsold
//
// Each account row is that of Generate for Config{N, Seed, Separation,
// Start: Cutoff minus a year, End: the day before Cutoff}: at the cutoff,
// seats_purchased is the seats and mrr_start the MRR of the active
// subscription, contract its billing, tenure_months the months since the
// first subscription started (30.4375-day months), support_tickets the
// tickets opened in the 90 days before the cutoff, days_since_last_login
// the whole days from the last usage event (through the bridge) to the
// cutoff, sales_stage the last opportunity stage entered before the
// cutoff. Utilisation shows as distinct users / seats (exact only where
// the account's events outnumber its users), logins_per_week as the usage
// rate, feature_adoption as the share of feature_use, email_open_rate as
// opens per e-mail sent. Usage drifts with the account's hidden health
// (healthy accounts grow, others fade), never with its outcome, so the
// true model stays the best any model of the tables can do.
//
// truth.csv lists the accounts with a subscription active at the cutoff,
// and their hidden outcomes are visible in the horizon: churned = a churn
// event in [Cutoff, Cutoff+90d), or no subscription active at Cutoff+90d
// (about 15% of churns have no churn event); upsold = not churned and the
// MRR active at Cutoff+90d at least 1.1 times that at the cutoff, or an
// upgrade row starting in the horizon. Both equal churned and upsold of
// the account table; churn_prob and upsell_prob are true_churn_prob and
// true_upsell_prob, whose churn ROC AUC over truth.csv is about 0.88 (the
// survivors of the history are a little easier than the accounts of
// Generate). Accounts that churned earlier are former customers: in the
// tables, not in truth.csv.
//
// The history is lived the same way every 90 days back from the cutoff
// (as long as a full 90-day ticket window fits in the history): at each
// such decision point the true churn and upsell models, evaluated on what
// the tables show then (tickets in the 90 days before, days since the last
// usage, tenure, no sales stage), draw whether the account churns or
// expands within 90 days. So rolling snapshots at those dates are labelled
// by the same models (with lower churn rates where usage is dense: about 7%
// at the default EventsPerAccount, 12% at 20), and a model fitted on them
// can be evaluated out of time at the cutoff against the true AUC. Only
// accounts at least 30 days old at a decision point can churn or expand in
// the 90 days after it.
//
// TablesConfig.N counts every account, former customers included (about
// 70% are active at the cutoff); EventsPerAccount (default 100) sets the
// mean number of usage events per account, so N = 200,000 writes about 20
// million usage events and N = 1,000,000 about 100 million. The writers
// generate chunks of accounts in parallel and write them in order, in
// memory that does not grow with N; the bytes depend on the TablesConfig
// only. TablesConfig.Messy adds, in about 1 account in 500 each: a
// duplicated usage row (same event_id), usage of an unknown subscription,
// a ticket of an unknown account, a subscription row overlapping the
// first one (early, before any 90-day window of the history), a usage row
// after DataEnd; and the missing values and recording errors of the
// firmographics (Config.Clean false). No flaw changes an outcome or a truth
// value.
package synth
