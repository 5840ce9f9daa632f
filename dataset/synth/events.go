package synth

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// Event types, in the order used to break ties between events of the same
// second.
var eventTypes = [...]string{"login", "feature_use", "api_call", "seat_added", "support_ticket", "invoice_paid"}

const (
	evLogin = iota
	evFeature
	evAPI
	evSeat
	evTicket
	evInvoice
)

const (
	secondsPerDay   = 86400
	secondsPerMonth = 30.4375 * secondsPerDay
	secondsPerYear  = 365.25 * secondsPerDay
	// usageScale calibrates usage intensity so that the mean number of
	// usage events per account is close to EventsPerAccount at the default
	// period and separation.
	usageScale = 0.226
	// churnDecay is the exponential decay of a churner's activity over its
	// active span (activity at the end is exp(-churnDecay) of the start).
	churnDecay = 2.5
)

// event is one row of the event log of an account.
type event struct {
	t        int64 // Unix seconds
	typ      int
	qty, amt float64
}

// events appends the event log of account a, sorted by time, to evs. The
// draws come from the account's own event stream, so the accounts are the
// same whether or not events are generated.
//
// Consistency with the account row: usage (login, feature_use, api_call)
// runs from the later of Start and the account's start (tenure_months
// before the snapshot) to the last login, which falls on the date End minus
// days_since_last_login; its rate is proportional to logins_per_week, the
// share of feature_use to feature_adoption, and for churners it decays
// exponentially. support_ticket events number support_tickets and lie in the
// last 90 days; invoice_paid follows the contract (monthly: mrr_start each
// month; annual: 12 x mrr_start each year from the account's start).
func (gen *generator) events(a *account, evs []event) []event {
	g, s := gen.g, gen.s
	g.seed(s.seed, streamEvents, a.index)
	period0 := s.start.Unix()
	snap := s.snapshot.Unix()
	acctStart := snap - int64(a.tenure*secondsPerMonth)
	endDay := snap - secondsPerDay
	last := endDay - int64(a.daysSince)*secondsPerDay + 8*3600 + int64(g.float()*10*3600)
	from := max(period0, min(acctStart, last-3600))

	// Usage: K events before the last login, then the last login itself.
	span := float64(last - from)
	lambda := s.events * usageScale * a.logins * span / float64(snap-period0)
	k := int(g.poisson(lambda))
	wLogin, wFeat, wAPI := usageWeights(a)
	wSum := wLogin + wFeat + wAPI
	decay := 0.0
	if a.churned {
		decay = churnDecay
	}
	for range k {
		u := g.float()
		if decay > 0 {
			u = -math.Log(1-u*(1-math.Exp(-decay))) / decay
		}
		e := event{t: from + int64(u*span)}
		switch c := g.float() * wSum; {
		case c < wLogin:
			e.typ, e.qty = evLogin, 1
		case c < wLogin+wFeat:
			e.typ, e.qty = evFeature, 1+g.poisson(3*a.adoption)
		default:
			e.typ, e.qty = evAPI, math.Round(math.Exp(4+g.norm(1)))
		}
		evs = append(evs, e)
	}
	evs = append(evs, event{t: last, typ: evLogin, qty: 1})

	// Seats added over the usage span, more often for accounts at capacity.
	util := a.seatsUsed / a.seatsPurchased
	nSeat := int(g.poisson(0.2 + 3*math.Max(0, util-0.8)))
	for range nSeat {
		t := from + int64(g.float()*span)
		evs = append(evs, event{t: t, typ: evSeat, qty: 1 + g.poisson(0.05*a.seatsPurchased)})
	}

	// Support tickets in the last 90 days of the account's life.
	tFrom := max(period0, acctStart, snap-90*secondsPerDay)
	for range int(a.tickets) {
		t := tFrom + int64(g.float()*float64(snap-tFrom))
		evs = append(evs, event{t: t, typ: evTicket, qty: 1})
	}

	// Invoices on the contract's schedule.
	step, amount := float64(secondsPerMonth), a.mrrTrue
	if a.contract == 0 {
		step, amount = secondsPerYear, round(12*a.mrrTrue, 2)
	}
	first := 0.0
	if acctStart < period0 {
		first = math.Ceil(float64(period0-acctStart) / step)
	}
	for j := first; ; j++ {
		t := acctStart + int64(j*step)
		if t >= snap {
			break
		}
		evs = append(evs, event{t: t, typ: evInvoice, qty: 1, amt: amount})
	}
	slices.SortFunc(evs, func(x, y event) int {
		if c := cmp.Compare(x.t, y.t); c != 0 {
			return c
		}
		if c := cmp.Compare(x.typ, y.typ); c != 0 {
			return c
		}
		if c := cmp.Compare(x.qty, y.qty); c != 0 {
			return c
		}
		return cmp.Compare(x.amt, y.amt)
	})
	return evs
}

// usageWeights returns the relative rates of login, feature_use and
// api_call events of account a: feature use follows feature_adoption, and
// the API is used much more by the personas of power users and scale-ups.
func usageWeights(a *account) (login, feature, api float64) {
	login, feature, api = 1, 0.3+1.5*a.adoption, 0.15
	if a.segment == 0 || a.segment == 4 {
		api = 0.8
	}
	return login, feature, api
}

// appendTimestamp writes Unix time t as RFC 3339 in UTC
// ("2025-03-04T09:15:00Z"), using the days-to-civil conversion of Howard
// Hinnant ("chrono-Compatible Low-Level Date Algorithms", 2013), which is
// several times faster than time.Time.AppendFormat.
func appendTimestamp(b []byte, t int64) []byte {
	days := t / secondsPerDay
	sec := t - days*secondsPerDay
	if sec < 0 {
		sec += secondsPerDay
		days--
	}
	z := days + 719468
	era := z / 146097
	if z < 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	b = append4(b, int(y))
	b = append(b, '-')
	b = append2(b, int(m))
	b = append(b, '-')
	b = append2(b, int(d))
	b = append(b, 'T')
	b = append2(b, int(sec/3600))
	b = append(b, ':')
	b = append2(b, int(sec/60%60))
	b = append(b, ':')
	b = append2(b, int(sec%60))
	return append(b, 'Z')
}

func append2(b []byte, v int) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }

func append4(b []byte, v int) []byte {
	return append(b, byte('0'+v/1000%10), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}

// WriteEventsCSV streams the usage event log of the accounts of cfg as CSV
// (EventColumns: account_id, timestamp in RFC 3339 UTC, event_type,
// quantity, amount), sorted by account then time. Memory stays flat
// whatever cfg.N.
func WriteEventsCSV(w io.Writer, cfg Config) error {
	s, err := cfg.settings()
	if err != nil {
		return err
	}
	header := appendHeader(nil, EventColumns())
	err = writeChunked(w, s, chunkEvents, header, func(gen *generator, lo, hi int, buf []byte) []byte {
		var a account
		var evs []event
		var id []byte
		for i := lo; i < hi; i++ {
			gen.account(i, &a)
			evs = gen.events(&a, evs[:0])
			id = appendID(id[:0], i)
			for _, e := range evs {
				buf = append(buf, id...)
				buf = append(buf, ',')
				buf = appendTimestamp(buf, e.t)
				buf = append(buf, ',')
				buf = append(buf, eventTypes[e.typ]...)
				buf = append(buf, ',')
				buf = appendNum(buf, e.qty)
				buf = append(buf, ',')
				buf = appendNum(buf, e.amt)
				buf = append(buf, '\n')
			}
		}
		return buf
	})
	if err != nil {
		return fmt.Errorf("synth: writing events: %w", err)
	}
	return nil
}

// GenerateEvents returns the event log of WriteEventsCSV as a Table without
// IDs (account_id is an ordinary categorical column, as an account has many
// events), timestamp a Date column.
func GenerateEvents(cfg Config) (*dataset.Table, error) {
	s, err := cfg.settings()
	if err != nil {
		return nil, err
	}
	gen := newGenerator(s)
	var (
		a      account
		evs    []event
		ids    []string
		times  []time.Time
		types  []string
		qty    []float64
		amount []float64
	)
	for i := range s.n {
		gen.account(i, &a)
		evs = gen.events(&a, evs[:0])
		id := accountID(i)
		for _, e := range evs {
			ids = append(ids, id)
			times = append(times, time.Unix(e.t, 0).UTC())
			types = append(types, eventTypes[e.typ])
			qty = append(qty, e.qty)
			amount = append(amount, e.amt)
		}
	}
	t := dataset.NewTable("", nil)
	for _, err := range []error{
		t.AddCategorical("account_id", ids, nil),
		t.AddDate("timestamp", times, nil),
		t.AddCategorical("event_type", types, nil),
		t.AddNumeric("quantity", qty, nil),
		t.AddNumeric("amount", amount, nil),
	} {
		if err != nil {
			return nil, fmt.Errorf("synth: %w", err)
		}
	}
	return t, nil
}
