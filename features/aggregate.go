package features

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// defaultWindows are the look-back windows, in days, of an Aggregation
// without Windows.
var defaultWindows = []int{30, 90, 365}

// Aggregation turns an event log (one row per order line, payment, login...)
// into one row per account as of a cutoff instant, without look-ahead: only
// events strictly before Cutoff are used, so adding later events changes
// nothing.
//
// The output table (IDs sorted as strings) has, per account with at least
// one event before the cutoff:
//
//	recency_days        cutoff minus the last event, in fractional days
//	tenure_days         cutoff minus the first event, in fractional days
//	frequency           distinct invoices (with Invoice) or events (without)
//	monetary            sum of amounts (only with Amount or Quantity+Price)
//	active_days         distinct UTC calendar days with an event
//	frequency_<w>d, monetary_<w>d, active_days_<w>d
//	                    the same within each window: events with
//	                    cutoff - w days <= time < cutoff
//	trend_frequency, trend_monetary
//	                    (a-b)/(|a|+|b|) for a = the last TrendDays and b = the
//	                    TrendDays before; 0 when a = b = 0; in [-1, 1]
//
// An invoice counts in a window when its latest line does. Amounts are
// summed as they come, so returns and cancellations (negative quantities)
// reduce monetary. Events without ID or time are skipped and counted in the
// AggregationReport; a missing amount counts as an event of amount 0.
//
// Apply makes one pass over the events with one accumulator per account
// (memory O(accounts + distinct invoices and days per account)).
type Aggregation struct {
	// ID is the account column: categorical, or numeric (rendered without
	// a trailing ".0": 17850.0 becomes "17850"), or the table's own ID
	// column (Table.IDName).
	ID string
	// Time is the event time column (kind date).
	Time string
	// Amount is a numeric amount column. Alternatively Quantity and Price
	// name two numeric columns whose product is the amount (for order
	// lines). Leave all empty for logs without amounts (no monetary
	// columns then).
	Amount   string
	Quantity string
	Price    string
	// Invoice optionally names an order/invoice column: frequency then
	// counts distinct invoices instead of events.
	Invoice string
	// Cutoff is the "as of" instant. Required.
	Cutoff time.Time
	// Windows are look-back windows in days; nil means 30, 90 and 365.
	Windows []int
	// TrendDays is the length of the two periods the trend compares; zero
	// means 90.
	TrendDays int
}

// AggregationReport counts what Apply did with the events.
type AggregationReport struct {
	Events        int // rows of the event table
	Used          int // events before the cutoff with an ID and a time
	Future        int // events at or after the cutoff (ignored)
	MissingID     int // events without an account ID (skipped)
	MissingTime   int // events without a time (skipped)
	MissingAmount int // used events without an amount (counted as 0)
	// AccountsSeen counts distinct accounts over all events, after the
	// cutoff included; Accounts those with an event before the cutoff (the
	// output rows).
	AccountsSeen int
	Accounts     int
}

type account struct {
	minAge, maxAge time.Duration
	events         int
	monetary       float64
	winEvents      []int
	winMonetary    []float64
	trendA, trendB float64
	trendAN        int
	trendBN        int
	// Distinct invoices and UTC days, each with the age of its latest
	// event. The maps index the age slices; the last key is cached because
	// the lines of an invoice (and the events of a day) usually come
	// together, which saves most map lookups.
	invoices map[string]int32
	invAge   []time.Duration
	lastInv  string
	lastInvK int32
	days     map[int64]int32
	dayAge   []time.Duration
	lastDay  int64
	lastDayK int32
}

// addDay records an event of UTC day d at the given age.
func (ac *account) addDay(d int64, age time.Duration) {
	k := ac.lastDayK
	if len(ac.dayAge) == 0 || d != ac.lastDay {
		var ok bool
		if k, ok = ac.days[d]; !ok {
			k = int32(len(ac.dayAge))
			ac.days[d] = k
			ac.dayAge = append(ac.dayAge, age)
		}
		ac.lastDay, ac.lastDayK = d, k
	}
	ac.dayAge[k] = min(ac.dayAge[k], age)
}

// add folds in an event before the cutoff: its age (cutoff minus time,
// positive), its amount and its UTC day. Sums run in event order.
func (ac *account) add(p *aggPlan, age time.Duration, amount float64, day int64) {
	if ac.events == 0 {
		ac.minAge, ac.maxAge = age, age
		ac.winEvents = make([]int, len(p.windows))
		ac.winMonetary = make([]float64, len(p.windows))
		ac.days = map[int64]int32{}
		if p.invoices {
			ac.invoices = map[string]int32{}
		}
	}
	ac.minAge = min(ac.minAge, age)
	ac.maxAge = max(ac.maxAge, age)
	ac.events++
	ac.monetary += amount
	for k, wd := range p.winDur {
		if age <= wd {
			ac.winEvents[k]++
			ac.winMonetary[k] += amount
		}
	}
	switch {
	case age <= p.trendDur:
		ac.trendA += amount
		ac.trendAN++
	case age <= 2*p.trendDur:
		ac.trendB += amount
		ac.trendBN++
	}
	ac.addDay(day, age)
}

// addInvoice records a line of invoice inv at the given age.
func (ac *account) addInvoice(inv string, age time.Duration) {
	k := ac.lastInvK
	if len(ac.invAge) == 0 || inv != ac.lastInv {
		var ok bool
		if k, ok = ac.invoices[inv]; !ok {
			k = int32(len(ac.invAge))
			ac.invoices[inv] = k
			ac.invAge = append(ac.invAge, age)
		}
		ac.lastInv, ac.lastInvK = inv, k
	}
	ac.invAge[k] = min(ac.invAge[k], age)
}

// Apply aggregates the events; see Aggregation.
func (a Aggregation) Apply(events *dataset.Table) (*dataset.Table, error) {
	t, _, err := a.ApplyReport(events)
	return t, err
}

func aggErr(format string, args ...any) error {
	return fmt.Errorf("features: aggregation: %w: %s", ErrAggregation, fmt.Sprintf(format, args...))
}

// ApplyReport aggregates like Apply and also reports counts.
func (a Aggregation) ApplyReport(events *dataset.Table) (*dataset.Table, *AggregationReport, error) {
	// Four steps: check the configuration, resolve every input column
	// before any work, fold each event before the cutoff into its
	// account's accumulator in one pass, write one row per account with
	// such an event.
	p, err := a.plan()
	if err != nil {
		return nil, nil, err
	}
	ev, err := a.columns(events)
	if err != nil {
		return nil, nil, fmt.Errorf("features: aggregation: %w", err)
	}
	accs, rep := p.accumulate(ev, events.Len())
	ids := accountIDs(accs, rep)
	if len(ids) == 0 {
		return nil, rep, fmt.Errorf("features: aggregation: %w: no event before the cutoff %s", dataset.ErrEmpty, a.Cutoff.Format(time.RFC3339))
	}
	out, err := p.table(a.ID, ids, accs)
	if err != nil {
		return nil, rep, fmt.Errorf("features: aggregation: %w", err)
	}
	return out, rep, nil
}

// aggPlan is a checked Aggregation: windows positive and distinct, the
// trend period positive, durations in whole days.
type aggPlan struct {
	cutoff   time.Time
	windows  []int
	winDur   []time.Duration // winDur[k] is windows[k] days
	trendDur time.Duration
	monetary bool // an amount column, or Quantity and Price, is given
	invoices bool // frequency counts distinct invoices
}

// plan checks the configuration and fills in the defaults.
func (a Aggregation) plan() (*aggPlan, error) {
	if a.ID == "" || a.Time == "" {
		return nil, aggErr("ID and Time are required")
	}
	if a.Cutoff.IsZero() {
		return nil, aggErr("Cutoff is required")
	}
	if a.Amount != "" && (a.Quantity != "" || a.Price != "") {
		return nil, aggErr("Amount and Quantity/Price are exclusive")
	}
	if (a.Quantity == "") != (a.Price == "") {
		return nil, aggErr("Quantity and Price go together")
	}
	windows := a.Windows
	if windows == nil {
		windows = defaultWindows
	}
	seenW := map[int]bool{}
	for _, w := range windows {
		if w <= 0 || seenW[w] {
			return nil, aggErr("windows must be positive and distinct, got %v", windows)
		}
		seenW[w] = true
	}
	trend := a.TrendDays
	if trend == 0 {
		trend = 90
	}
	if trend < 0 {
		return nil, aggErr("TrendDays must be positive")
	}
	const day = 24 * time.Hour
	p := &aggPlan{cutoff: a.Cutoff, windows: windows, winDur: make([]time.Duration, len(windows)),
		trendDur: time.Duration(trend) * day, monetary: a.Amount != "" || a.Quantity != "", invoices: a.Invoice != ""}
	for k, w := range windows {
		p.winDur[k] = time.Duration(w) * day
	}
	return p, nil
}

// eventColumns are the resolved input columns. id is categorical or
// numeric, time a date column; amt, or qty and price, are numeric or nil;
// inv is categorical, numeric or nil.
type eventColumns struct {
	id, time, amt, qty, price, inv *dataset.Column
}

// columns resolves the columns the plan reads, so that a missing or
// mistyped column fails before any work.
func (a Aggregation) columns(events *dataset.Table) (*eventColumns, error) {
	if events == nil {
		return nil, dataset.ErrEmpty
	}
	ev := &eventColumns{}
	var err error
	ev.id, err = events.Column(a.ID)
	if err != nil && a.ID == events.IDName && events.IDs != nil {
		// The account ID is the table's ID column.
		ev.id, err = &dataset.Column{Name: a.ID, Kind: dataset.Categorical, Str: events.IDs}, nil
	}
	if err == nil && ev.id.Kind == dataset.Date {
		err = kindErr(a.ID, ev.id.Kind, dataset.Categorical)
	}
	if err != nil {
		return nil, err
	}
	if ev.time, err = events.DateColumn(a.Time); err != nil {
		return nil, err
	}
	if a.Amount != "" {
		if ev.amt, err = events.Numeric(a.Amount); err != nil {
			return nil, err
		}
	} else if a.Quantity != "" {
		if ev.qty, err = events.Numeric(a.Quantity); err != nil {
			return nil, err
		}
		if ev.price, err = events.Numeric(a.Price); err != nil {
			return nil, err
		}
	}
	if a.Invoice != "" {
		if ev.inv, err = events.Column(a.Invoice); err != nil {
			return nil, err
		}
		if ev.inv.Kind == dataset.Date {
			return nil, kindErr(a.Invoice, ev.inv.Kind, dataset.Categorical)
		}
	}
	return ev, nil
}

// key renders row i of a categorical or numeric key column as text
// (numbers without a trailing ".0").
func key(c *dataset.Column, i int) string {
	if c.Kind == dataset.Numeric {
		return formatCode(c.Num[i])
	}
	return c.Str[i]
}

// amount is the amount of event i: the amount column, or quantity times
// price, or 0 without either; missing reports a missing input (counted as
// 0).
func (ev *eventColumns) amount(i int) (amount float64, missing bool) {
	switch {
	case ev.amt != nil:
		if ev.amt.IsMissing(i) {
			return 0, true
		}
		return ev.amt.Num[i], false
	case ev.qty != nil:
		if ev.qty.IsMissing(i) || ev.price.IsMissing(i) {
			return 0, true
		}
		return ev.qty.Num[i] * ev.price.Num[i], false
	}
	return 0, false
}

// accumulate makes the one pass over the events. Every account met gets
// an accumulator (those with events only at or after the cutoff keep
// events == 0); only events strictly before the cutoff reach one, which
// is the no-look-ahead guarantee. Events are added in row order, so sums
// are the same for the same table.
func (p *aggPlan) accumulate(ev *eventColumns, n int) (map[string]*account, *AggregationReport) {
	rep := &AggregationReport{Events: n}
	accs := map[string]*account{}
	// Events of one account usually come together: the last account is
	// kept to save most map lookups.
	var lastID string
	var lastAcc *account
	for i := 0; i < n; i++ {
		if ev.id.IsMissing(i) {
			rep.MissingID++
			continue
		}
		if ev.time.IsMissing(i) {
			rep.MissingTime++
			continue
		}
		id := key(ev.id, i)
		ac := lastAcc
		if ac == nil || id != lastID {
			ac = accs[id]
			if ac == nil {
				ac = &account{}
				accs[id] = ac
			}
			lastID, lastAcc = id, ac
		}
		tm := ev.time.Time[i]
		if !tm.Before(p.cutoff) {
			rep.Future++
			continue
		}
		rep.Used++
		amount, missing := ev.amount(i)
		if missing {
			rep.MissingAmount++
		}
		age := p.cutoff.Sub(tm)
		ac.add(p, age, amount, utcDay(tm))
		if ev.inv != nil && !ev.inv.IsMissing(i) {
			ac.addInvoice(key(ev.inv, i), age)
		}
	}
	rep.AccountsSeen = len(accs)
	return accs, rep
}

// utcDay numbers the UTC calendar day of t (floor of Unix seconds / 86400,
// also before 1970).
func utcDay(t time.Time) int64 {
	u := t.Unix()
	d := u / 86400
	if u < 0 && u%86400 != 0 {
		d--
	}
	return d
}

// accountIDs lists, sorted as strings, the accounts with at least one
// event before the cutoff (the output rows), and counts them in rep.
func accountIDs(accs map[string]*account, rep *AggregationReport) []string {
	ids := make([]string, 0, len(accs))
	for id, ac := range accs {
		if ac.events > 0 {
			ids = append(ids, id)
		}
	}
	rep.Accounts = len(ids)
	sort.Strings(ids)
	return ids
}

// table writes one row per account of ids, in that order, with the columns
// in the order Aggregation documents.
func (p *aggPlan) table(idName string, ids []string, accs map[string]*account) (*dataset.Table, error) {
	out := dataset.NewTable(idName, ids)
	var order []string
	cols := map[string][]float64{}
	col := func(name string) []float64 {
		v := make([]float64, len(ids))
		cols[name] = v
		order = append(order, name)
		return v
	}
	recency, tenure := col("recency_days"), col("tenure_days")
	freq := col("frequency")
	var mon []float64
	if p.monetary {
		mon = col("monetary")
	}
	active := col("active_days")
	wf := make([][]float64, len(p.windows))
	wm := make([][]float64, len(p.windows))
	wa := make([][]float64, len(p.windows))
	for k, w := range p.windows {
		s := strconv.Itoa(w) + "d"
		wf[k] = col("frequency_" + s)
		if p.monetary {
			wm[k] = col("monetary_" + s)
		}
		wa[k] = col("active_days_" + s)
	}
	tf := col("trend_frequency")
	var tmon []float64
	if p.monetary {
		tmon = col("trend_monetary")
	}
	for r, id := range ids {
		ac := accs[id]
		recency[r] = ac.minAge.Hours() / 24
		tenure[r] = ac.maxAge.Hours() / 24
		active[r] = float64(len(ac.dayAge))
		p.countWindows(ac.dayAge, wa, r)
		if p.invoices {
			freq[r] = float64(len(ac.invAge))
			p.countWindows(ac.invAge, wf, r)
			ta, tb := p.countTrend(ac.invAge)
			tf[r] = trendRatio(ta, tb)
		} else {
			freq[r] = float64(ac.events)
			for k := range p.windows {
				wf[k][r] = float64(ac.winEvents[k])
			}
			tf[r] = trendRatio(float64(ac.trendAN), float64(ac.trendBN))
		}
		if p.monetary {
			mon[r] = ac.monetary
			for k := range p.windows {
				wm[k][r] = ac.winMonetary[k]
			}
			tmon[r] = trendRatio(ac.trendA, ac.trendB)
		}
	}
	for _, name := range order {
		if err := out.AddNumeric(name, cols[name], nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// countWindows adds to dst[k][r] the ages (of distinct days or invoices,
// each at its latest event) that fall within window k.
func (p *aggPlan) countWindows(ages []time.Duration, dst [][]float64, r int) {
	for _, age := range ages {
		for k, wd := range p.winDur {
			if age <= wd {
				dst[k][r]++
			}
		}
	}
}

// countTrend counts the ages in the last trend period (a) and in the one
// before (b).
func (p *aggPlan) countTrend(ages []time.Duration) (a, b float64) {
	for _, age := range ages {
		switch {
		case age <= p.trendDur:
			a++
		case age <= 2*p.trendDur:
			b++
		}
	}
	return a, b
}

// trendRatio is (a-b)/(|a|+|b|), 0 when both are 0.
func trendRatio(a, b float64) float64 {
	d := abs(a) + abs(b)
	if d == 0 {
		return 0
	}
	return (a - b) / d
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
