package synth

import (
	"math"
	"time"
)

// streamTables is the random stream of everything the export adds to an
// account's draws (timelines, past decisions, flaws).
const streamTables uint64 = 0x7461626c65735f5f // "tables__"

// Categorical levels of the export, in draw order.
var (
	billings     = [...]string{"annual", "monthly"} // indexed like contracts
	changeKinds  = [...]string{"new", "renewal", "upgrade", "downgrade"}
	priorities   = [...]string{"low", "normal", "high", "urgent"}
	touchKinds   = [...][2]string{{"email", "sent"}, {"email", "open"}, {"email", "click"}, {"webinar", "signup"}, {"web", "visit"}}
	churnReasons = [...]string{"low usage", "price", "competitor", "budget cuts", "missing features", "support experience"}
	oppStages    = [...]string{"none", "discovery", "proposal", "negotiation", "closed_won", "closed_lost"} // 0..3 as salesStages
	nameFirst    = [...]string{"Blue", "North", "Bright", "Silver", "Red", "Iron", "Green", "Clear", "Swift", "Oak", "Summit", "Harbor", "Cedar", "Polar"}
	nameSecond   = [...]string{"Labs", "Systems", "Works", "Logistics", "Health", "Foods", "Capital", "Media", "Retail", "Analytics", "Industries", "Partners"}
)

const (
	chNew = iota
	chRenewal
	chUpgrade
	chDowngrade
)

const (
	tpSent = iota
	tpOpen
	tpClick
	tpWebinar
	tpVisit
)

const (
	stageWon  = 4
	stageLost = 5
)

// Rates of the export's behaviour.
const (
	// usageScaleTables calibrates usage intensity so that the mean number
	// of usage events per account is close to EventsPerAccount.
	usageScaleTables = 0.3
	// trendPerYear is the log change of usage per year and unit of health:
	// healthy accounts grow, unhealthy ones fade.
	trendPerYear = 0.4
	// downgradeRate is the chance that an account neither churning nor
	// expanding reduces its subscription within a horizon.
	downgradeRate  = 0.05
	churnLoggedP   = 0.85 // share of churns with a churn_events row
	surveyAnswered = 0.6  // share of tickets with a satisfaction score
	unpaidRate     = 0.02
	visitShare     = 0.03 // identified web visits per visit of web_visits
	webinarRate    = 0.15 // sign-ups per 30 days
	messyRate      = 0.002
)

// Row types of one account's export.
type (
	subRow struct {
		start, end  int64 // end 0: open
		seats, mrr  float64
		change, seq int
	}
	usageRow struct {
		t    int64
		typ  int
		user int
	}
	ticketRow struct {
		opened, closed int64 // closed 0: still open at the data's end
		prio, sat      int   // sat 0: no answer
	}
	invoiceRow struct {
		issued, paid int64 // paid 0: unpaid
		amount       float64
	}
	touchRow struct {
		t    int64
		kind int
	}
	oppRow struct {
		t     int64
		stage int
	}
	change struct {
		t          int64
		kind       int
		factor     float64 // past changes: seats and MRR after / before
		seats, mrr float64 // after the change
	}
)

// tabAccount is one account's whole export; its slices are reused from one
// account to the next.
type tabAccount struct {
	a            account
	name1, name2 int
	signup       int64
	active       bool  // a subscription is active at the cutoff
	churnAt      int64 // 0: never churned
	reason       int
	logged       bool // the churn has a churn_events row
	subs         []subRow
	usage        []usageRow
	tickets      []ticketRow
	invoices     []invoiceRow
	touches      []touchRow
	opps         []oppRow
	changes      []change
	spans        [][2]int64 // usage intervals
	// Flaws (Messy).
	dupEvent, orphanEvent, orphanTicket, overlap, lateEvent bool
}

// tablesGen generates accounts one at a time on one goroutine.
type tablesGen struct {
	ts  tablesSettings
	gen *generator
	x   tabAccount
}

func newTablesGen(ts tablesSettings) *tablesGen {
	return &tablesGen{ts: ts, gen: newGenerator(ts.acct)}
}

// account generates account i into tg.x. The account's columns and hidden
// outcomes at the cutoff are those of Generate (same stream); everything
// else comes from the account's tables stream, in a fixed order.
func (tg *tablesGen) account(i int) *tabAccount {
	ts, gen, x := &tg.ts, tg.gen, &tg.x
	gen.account(i, &x.a)
	a := &x.a
	g := gen.g
	g.seed(ts.acct.seed, streamTables, i)
	x.name1 = int(g.float() * float64(len(nameFirst)))
	x.name2 = int(g.float() * float64(len(nameSecond)))
	x.active, x.churnAt, x.reason, x.logged = true, 0, 0, false
	x.subs, x.usage, x.tickets, x.invoices = x.subs[:0], x.usage[:0], x.tickets[:0], x.invoices[:0]
	x.touches, x.opps, x.changes, x.spans = x.touches[:0], x.opps[:0], x.changes[:0], x.spans[:0]

	// The last usage before the cutoff falls days_since_last_login whole
	// days before it, as in the event log of WriteEventsCSV.
	last := ts.cutoff - secondsPerDay - int64(a.daysSince)*secondsPerDay + 8*3600 + int64(g.float()*10*3600)
	x.signup = min(ts.cutoff-int64(math.Round(a.tenure*secondsPerMonth/secondsPerDay))*secondsPerDay, floorDay(last))
	decisions := tg.decisions()

	tg.usage(last, decisions)
	tg.ticketsOf()
	tg.decide(decisions)
	tg.subscriptions()
	tg.invoicesOf()
	tg.touchpoints()
	tg.opportunity()
	tg.flaws()
	return x
}

// decisions returns the past decision points the account lived through
// (at least a month old at each), latest first.
func (tg *tablesGen) decisions() []int64 {
	ds := tg.ts.decision
	n := 0
	for n < len(ds) && ds[n] >= tg.x.signup+30*secondsPerDay {
		n++
	}
	return ds[:n]
}

// flaws draws the deliberate flaws of Messy exports.
func (tg *tablesGen) flaws() {
	x, g := &tg.x, tg.gen.g
	var u [5]float64
	for k := range u {
		u[k] = g.float()
	}
	x.dupEvent, x.orphanEvent, x.orphanTicket, x.overlap, x.lateEvent = false, false, false, false, false
	if !tg.ts.messy {
		return
	}
	x.dupEvent = u[0] < messyRate && len(x.usage) > 0
	x.orphanEvent = u[1] < messyRate
	x.orphanTicket = u[2] < messyRate
	// The overlapping row lies before the history's first decision window,
	// so that no snapshot label depends on it.
	x.overlap = u[3] < messyRate && x.subs[0].start+25*secondsPerDay < tg.ts.cutoff-2*HorizonDays*secondsPerDay
	x.lateEvent = u[4] < messyRate && x.churnAt == 0
}

// floorDay truncates Unix time t to its UTC midnight.
func floorDay(t int64) int64 {
	d := t / secondsPerDay
	if t < 0 && t%secondsPerDay != 0 {
		d--
	}
	return d * secondsPerDay
}

// addMonths adds n calendar months to Unix midnight t (time.AddDate rules).
func addMonths(t int64, n int) int64 {
	return time.Unix(t, 0).UTC().AddDate(0, n, 0).Unix()
}

// monthsBetween is the number of calendar months from t0 to t1 by year and
// month (day ignored).
func monthsBetween(t0, t1 int64) int {
	y0, m0, _ := time.Unix(t0, 0).UTC().Date()
	y1, m1, _ := time.Unix(t1, 0).UTC().Date()
	return (y1-y0)*12 + int(m1-m0)
}
