package synth

import (
	"cmp"
	"slices"
)

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
	if !x.active { // a former customer
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
