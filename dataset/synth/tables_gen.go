package synth

import (
	"cmp"
	"math"
	"slices"
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

// usage draws the usage events: a Poisson process whose rate follows
// logins_per_week and drifts with the account's health, silent in a dark
// spell before each past decision point (drawn like days_since_last_login)
// and after the last usage before the cutoff; it resumes after the cutoff
// and is cut at a churn later.
func (tg *tablesGen) usage(last int64, decisions []int64) {
	ts, x, g := &tg.ts, &tg.x, tg.gen.g
	a := &x.a
	p := &tg.gen.cat.personas[a.segment]
	ns := ts.acct.noise
	from := max(ts.history, x.signup)
	hi := last
	for _, d := range decisions { // latest first: spans are built backwards
		spell := math.Min(60, math.Floor(math.Exp(p.logDays-0.4*a.health+g.norm(0.6*ns))))
		lo := d - int64(spell)*secondsPerDay
		if lo < hi {
			if d < hi {
				x.spans = append(x.spans, [2]int64{d, hi})
			}
			hi = lo
		}
	}
	if from < hi {
		x.spans = append(x.spans, [2]int64{from, hi})
	}
	slices.Reverse(x.spans)
	x.spans = append(x.spans, [2]int64{ts.cutoff, ts.dataEnd})

	var total float64
	for _, s := range x.spans {
		total += float64(s[1] - s[0])
	}
	trend := trendPerYear * a.health / secondsPerYear
	mmax := math.Exp(max(trend*float64(from-ts.cutoff), trend*float64(ts.dataEnd-ts.cutoff)))
	rate := ts.events * usageScaleTables * a.logins / float64(ts.dataEnd-ts.history)
	wLogin, wFeat, wAPI := 1.0, 0.3+1.5*a.adoption, 0.15
	if a.segment == 0 || a.segment == 4 {
		wAPI = 0.8
	}
	wSum := wLogin + wFeat + wAPI
	users := max(1, a.seatsUsed)
	k := int(g.poisson(rate * mmax * total))
	for range k {
		t := at(x.spans, g.float()*total)
		if g.float()*mmax >= math.Exp(trend*float64(t-ts.cutoff)) {
			continue
		}
		typ := evAPI
		switch c := g.float() * wSum; {
		case c < wLogin:
			typ = evLogin
		case c < wLogin+wFeat:
			typ = evFeature
		}
		x.usage = append(x.usage, usageRow{t: t, typ: typ, user: int(g.float() * users)})
	}
	x.usage = append(x.usage, usageRow{t: last, typ: evLogin, user: int(g.float() * users)})
	slices.SortFunc(x.usage, func(u, v usageRow) int {
		return cmp.Or(cmp.Compare(u.t, v.t), cmp.Compare(u.typ, v.typ), cmp.Compare(u.user, v.user))
	})
}

// at maps offset u of the concatenated spans to its instant.
func at(spans [][2]int64, u float64) int64 {
	for _, s := range spans {
		if l := float64(s[1] - s[0]); u < l {
			return s[0] + int64(u)
		} else {
			u -= l
		}
	}
	return spans[len(spans)-1][1] - 1
}

// ticketsOf draws the support tickets: exactly support_tickets in the 90
// days before the cutoff (as the account table says), and a Poisson number
// at the account's rate in every other 90-day window.
func (tg *tablesGen) ticketsOf() {
	ts, x, g := &tg.ts, &tg.x, tg.gen.g
	a := &x.a
	from := max(ts.history, x.signup)
	window := int64(HorizonDays * secondsPerDay)
	put := func(lo, hi int64, n int) {
		for range n {
			tg.ticket(lo + int64(g.float()*float64(hi-lo)))
		}
	}
	// The windows before the cutoff, latest first, then the rest of the
	// history and the horizon.
	lo := max(from, ts.cutoff-window)
	put(lo, ts.cutoff, int(a.tickets))
	for _, d := range ts.decision {
		if lo <= from {
			break
		}
		hi := lo
		lo = max(from, d-window)
		put(lo, hi, int(g.poisson(a.ticketRate*float64(hi-lo)/float64(window))))
	}
	if lo > from {
		put(from, lo, int(g.poisson(a.ticketRate*float64(lo-from)/float64(window))))
	}
	put(ts.cutoff, ts.dataEnd, int(g.poisson(a.ticketRate*float64(ts.dataEnd-ts.cutoff)/float64(window))))
	slices.SortFunc(x.tickets, func(u, v ticketRow) int { return cmp.Compare(u.opened, v.opened) })
}

func (tg *tablesGen) ticket(t int64) {
	x, g := &tg.x, tg.gen.g
	prio := g.choose(priorityCum[:])
	hours := math.Exp(g.norm(1)) * [...]float64{72, 36, 12, 4}[prio]
	closed := t + int64(hours*3600)
	if closed >= tg.ts.dataEnd {
		closed = 0
	}
	sat := 0
	if g.float() < surveyAnswered {
		sat = int(clamp(math.Round(x.a.csat+g.norm(0.7)), 1, 5))
	}
	x.tickets = append(x.tickets, ticketRow{opened: t, closed: closed, prio: prio, sat: sat})
}

var priorityCum = [...]float64{0.35, 0.80, 0.95, 1}

// decide draws the churn and expansion of every horizon the account lived
// through: at each past decision point from the true models evaluated on
// the state the tables show then (tickets in the 90 days before, whole days
// since the last usage, tenure; no sales stage), and at the cutoff the
// outcomes of the account table.
func (tg *tablesGen) decide(decisions []int64) {
	ts, x, g := &tg.ts, &tg.x, tg.gen.g
	a := &x.a
	for j := len(decisions) - 1; j >= 0; j-- {
		d := decisions[j]
		st := *a
		st.tickets = float64(tg.ticketsIn(d-HorizonDays*secondsPerDay, d))
		st.daysSince = tg.daysSinceUsage(d)
		st.tenure = float64(d-x.signup) / secondsPerMonth
		st.stage = 0
		pChurn, pUp := sigmoid(churnLogOdds(&st)), sigmoid(upsellLogOdds(&st))
		uc, uu, ud, when, f := g.float(), g.float(), g.float(), g.float(), 0.1+0.25*g.exp()
		switch {
		case uc < pChurn:
			tg.churn(d+int64(1+when*(HorizonDays-1))*secondsPerDay, d)
			return
		case uu < pUp:
			x.changes = append(x.changes, change{t: d + int64(1+when*(HorizonDays-1))*secondsPerDay, kind: chUpgrade, factor: 1 + f})
		case ud < downgradeRate:
			x.changes = append(x.changes, change{t: d + int64(1+when*(HorizonDays-1))*secondsPerDay, kind: chDowngrade, factor: max(0.5, 1-f/2)})
		}
	}
	when := g.float()
	switch {
	case a.churned:
		tg.churn(ts.cutoff+int64(1+when*(HorizonDays-1))*secondsPerDay, ts.cutoff)
	case a.upsold:
		x.changes = append(x.changes, change{t: ts.cutoff + int64(1+when*(HorizonDays-1))*secondsPerDay, kind: chUpgrade})
	case a.mrrEnd < 0.98*a.mrrTrue:
		x.changes = append(x.changes, change{t: ts.cutoff + int64(1+when*(HorizonDays-1))*secondsPerDay, kind: chDowngrade})
	}
}

// churn ends the account at t: usage stops at the decision point d (the
// account went dark), tickets at t.
func (tg *tablesGen) churn(t, d int64) {
	x, g := &tg.x, tg.gen.g
	x.churnAt = t
	x.active = t >= tg.ts.cutoff
	x.logged = g.float() < churnLoggedP
	x.reason = g.choose(reasonCum[:])
	if x.a.daysSince > 30 && g.float() < 0.5 {
		x.reason = 0
	}
	n := len(x.usage)
	for n > 0 && x.usage[n-1].t >= d {
		n--
	}
	x.usage = x.usage[:n]
	n = len(x.tickets)
	for n > 0 && x.tickets[n-1].opened >= t {
		n--
	}
	x.tickets = x.tickets[:n]
	for k := range x.tickets {
		if x.tickets[k].closed > t {
			x.tickets[k].closed = t
		}
	}
}

var reasonCum = [...]float64{0.25, 0.45, 0.6, 0.75, 0.9, 1}

func (tg *tablesGen) ticketsIn(lo, hi int64) int {
	n := 0
	for _, t := range tg.x.tickets {
		if t.opened >= lo && t.opened < hi {
			n++
		}
	}
	return n
}

// daysSinceUsage is the whole days from the last usage before t to t, or
// from the start of the history or the account if there is none.
func (tg *tablesGen) daysSinceUsage(t int64) float64 {
	x := &tg.x
	k, _ := slices.BinarySearchFunc(x.usage, t, func(u usageRow, t int64) int { return cmp.Compare(u.t, t) })
	last := max(tg.ts.history, x.signup)
	if k > 0 {
		last = x.usage[k-1].t
	}
	return float64((t - last) / secondsPerDay)
}

// subscriptions builds the subscription rows from the account's state at
// the cutoff back through its past changes, splitting annual contracts at
// every renewal.
func (tg *tablesGen) subscriptions() {
	x := &tg.x
	seats, mrr := tg.states()
	annual := x.a.contract == 0
	end := tg.ts.dataEnd
	if x.churnAt != 0 {
		end = x.churnAt
	}
	start, kind, ci, term := x.signup, chNew, 0, 1
	for {
		next, nextKind := end, -1
		if annual {
			if r := addMonths(x.signup, 12*term); r < next {
				next, nextKind = r, chRenewal
			}
		}
		if ci < len(x.changes) && x.changes[ci].t <= next { // a change on a renewal day replaces the renewal
			next, nextKind = x.changes[ci].t, x.changes[ci].kind
		}
		row := subRow{start: start, end: next, seats: seats, mrr: mrr, change: kind, seq: len(x.subs) + 1}
		if nextKind < 0 && x.churnAt == 0 { // active at the data's end
			row.end = 0
			if annual {
				row.end = addMonths(x.signup, 12*term)
			}
		}
		x.subs = append(x.subs, row)
		if nextKind < 0 {
			return
		}
		if nextKind == chRenewal {
			term++
		} else {
			seats, mrr = x.changes[ci].seats, x.changes[ci].mrr
			ci++
			for annual && addMonths(x.signup, 12*term) <= next {
				term++
			}
		}
		start, kind = next, nextKind
	}
}

// states sets the seats and MRR after every change and returns those at
// signup. The state at the cutoff is the account table's (seats_purchased,
// mrr_start before recording errors); past changes are undone from it, and
// the change of the horizon reaches mrr_end.
func (tg *tablesGen) states() (seats, mrr float64) {
	x := &tg.x
	a := &x.a
	seats, mrr = a.seatsPurchased, a.mrrTrue
	for k := len(x.changes) - 1; k >= 0; k-- {
		c := &x.changes[k]
		if c.t >= tg.ts.cutoff {
			r := a.mrrEnd / a.mrrTrue
			c.seats, c.mrr = max(1, math.Round(a.seatsPurchased*r)), a.mrrEnd
			if c.kind == chUpgrade {
				c.seats = max(a.seatsPurchased+1, math.Ceil(a.seatsPurchased*r))
			}
			continue
		}
		c.seats, c.mrr = seats, mrr
		seats = max(1, math.Round(seats/c.factor))
		mrr = round(mrr/c.factor, 2)
	}
	return seats, mrr
}

// invoicesOf issues an invoice at the start of every billing period inside
// the history: monthly the MRR, annual twelve times the MRR, paid a few
// days later (a few never).
func (tg *tablesGen) invoicesOf() {
	ts, x, g := &tg.ts, &tg.x, tg.gen.g
	step := 12
	if x.a.contract == 1 {
		step = 1
	}
	// First period start at or after the history start.
	k := 0
	if x.signup < ts.history {
		k = max(0, monthsBetween(x.signup, ts.history)/step*step-step)
	}
	r := 0
	for ; ; k += step {
		t := addMonths(x.signup, k)
		if t >= ts.dataEnd || (x.churnAt != 0 && t >= x.churnAt) {
			return
		}
		if t < ts.history {
			continue
		}
		for r+1 < len(x.subs) && x.subs[r+1].start <= t {
			r++
		}
		amount := x.subs[r].mrr * float64(step)
		paid := t + int64(math.Exp(1.5+g.norm(0.7))*secondsPerDay)
		if g.float() < unpaidRate || paid >= ts.dataEnd {
			paid = 0
		}
		x.invoices = append(x.invoices, invoiceRow{issued: t, paid: paid, amount: round(amount, 2)})
	}
}

// touchpoints draws marketing contacts over the account's life: a
// newsletter every 30 days, opened at email_open_rate and clicked in a
// third of opens, identified web visits in proportion to web_visits, and
// webinar sign-ups (more with an open sales opportunity).
func (tg *tablesGen) touchpoints() {
	ts, x, g := &tg.ts, &tg.x, tg.gen.g
	a := &x.a
	from := max(ts.history, x.signup)
	end := ts.dataEnd
	if x.churnAt != 0 {
		end = x.churnAt
	}
	month := int64(30 * secondsPerDay)
	for t := from + int64(g.float()*float64(month)); t < end; t += month {
		x.touches = append(x.touches, touchRow{t: t, kind: tpSent})
		if g.float() < a.openRate {
			o := t + int64(g.exp()*6*3600)
			if o < end {
				x.touches = append(x.touches, touchRow{t: o, kind: tpOpen})
				if g.float() < 1.0/3 && o+600 < end {
					x.touches = append(x.touches, touchRow{t: o + 600, kind: tpClick})
				}
			}
		}
	}
	span := float64(end - from)
	for range int(g.poisson(visitShare * a.webVisits * span / float64(month))) {
		x.touches = append(x.touches, touchRow{t: from + int64(g.float()*span), kind: tpVisit})
	}
	wr := webinarRate
	if a.stage > 0 {
		wr *= 2
	}
	for range int(g.poisson(wr * span / float64(month))) {
		x.touches = append(x.touches, touchRow{t: from + int64(g.float()*span), kind: tpWebinar})
	}
	slices.SortFunc(x.touches, func(u, v touchRow) int { return cmp.Or(cmp.Compare(u.t, v.t), cmp.Compare(u.kind, v.kind)) })
}

// opportunity writes the stage history of the account's sales opportunity:
// an account with a sales_stage entered discovery (and then each stage up
// to its own) in the 90 days before the cutoff, and closes won at its
// expansion or lost at its churn (or, half of the time, some day in the
// horizon). An expansion without an open opportunity is a won one opened
// that day.
func (tg *tablesGen) opportunity() {
	ts, x, g := &tg.ts, &tg.x, tg.gen.g
	a := &x.a
	if !x.active || x.churnAt != 0 && x.churnAt < ts.cutoff {
		return
	}
	t := ts.cutoff - int64((10+g.float()*80)*secondsPerDay)
	for s := 1; s <= a.stage; s++ {
		x.opps = append(x.opps, oppRow{t: t, stage: s})
		t += int64(g.float() * float64(ts.cutoff-t))
	}
	lost := ts.cutoff + int64(g.float()*HorizonDays*secondsPerDay)
	lostToo := g.float() < 0.5
	switch {
	case a.upsold:
		up := x.changes[len(x.changes)-1].t
		x.opps = append(x.opps, oppRow{t: up, stage: stageWon})
	case a.churned && a.stage > 0:
		x.opps = append(x.opps, oppRow{t: x.churnAt, stage: stageLost})
	case a.stage > 0 && lostToo:
		x.opps = append(x.opps, oppRow{t: lost, stage: stageLost})
	}
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
