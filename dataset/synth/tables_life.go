package synth

import (
	"cmp"
	"math"
	"slices"
)

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
		spell := math.Min(60, gapDays(g, p, a.health, ns))
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
	wLogin, wFeat, wAPI := usageWeights(a)
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
