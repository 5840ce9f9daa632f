package synth

import (
	"math"
)

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
