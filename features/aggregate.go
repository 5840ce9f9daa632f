package features

import (
	"fmt"
	"math/bits"
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
// (memory O(accounts + distinct invoices per account), plus a bit per day
// of each account's history); an Aggregator takes the events in batches.
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

	// Accounts, when set, are the output rows, in this order, whether or
	// not they have events: an account without an event before the cutoff
	// gets counts, sums and trends 0, missing recency_days and
	// tenure_days (and other missing statistics, see ColumnStat), and
	// no_events 1, a column added only when Accounts is set. Events of
	// other accounts are skipped and counted as AggregationReport.Orphans.
	Accounts []string
	// Stats and Pivots add per-column statistics and per-level counts
	// (see ColumnStat and Pivot), after the columns above.
	Stats  []ColumnStat
	Pivots []Pivot
	// Prefix is prepended to every output column name (for example
	// "usage_" when several tables are aggregated side by side).
	Prefix string
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
	// Orphans counts the events (with an ID and a time) of accounts not
	// in Aggregation.Accounts (skipped).
	Orphans int
	// PivotLevels are the kept levels of each Pivot, by column.
	PivotLevels map[string][]string
}

type account struct {
	minAge, maxAge time.Duration
	events         int
	monetary       float64
	trendA, trendB float64
	trendAN        int
	trendBN        int
	winEvents      []int
	winMonetary    []float64
	// dayBits has bit i set when the account has an event on the UTC day
	// i days before the cutoff's; edge[k] is set when it has one on the
	// day window k starts in, at or after the window's start. A day
	// counts in window k when it is after that day, or is that day and
	// edge[k]: a bit per day instead of a map entry, so memory stays small
	// per account whatever its number of events.
	dayBits []uint64
	edge    []bool
	// orphan marks an ID outside Aggregation.Accounts; ext holds the
	// Stats and Pivots accumulators.
	orphan bool
	ext    *extAcc
	// small backs the slices above while they fit (see smallAcc).
	small smallAcc
	// Distinct invoices, each with the age of its latest line. The map
	// indexes the age slice; the last key is cached because the lines of
	// an invoice usually come together, which saves most map lookups.
	invoices map[string]int32
	invAge   []time.Duration
	lastInv  string
	lastInvK int32
}

// Sizes of smallAcc: windows, Stats and Pivots columns, levels per pivot,
// and words of day bits (64 days each).
const smallWin, smallStats, smallPivots, smallLevels, smallDays = 4, 1, 1, 8, 8

// smallAcc holds an account's per-window counts, its first Stats and
// Pivots accumulators and its first years of day bits inside the account
// itself, in the order an event updates them, so that an account is one
// block of memory: with many accounts each event's update misses the
// cache a few times instead of once per slice (ten, with windows, a
// statistic and a pivot). What does not fit is allocated apart, and a
// slice that outgrows it moves out (append).
type smallAcc struct {
	winEvents   [smallWin]int
	winMonetary [smallWin]float64
	edge        [smallWin]bool
	ext         extAcc
	cols        [smallStats]colAcc
	winSum      [smallStats * smallWin]float64
	levels      [smallPivots][]int
	counts      [smallPivots * smallLevels]int
	days        [smallDays]uint64
}

// initAccount sets up ac's slices at its first event, in ac.small when
// they fit.
func (g *Aggregator) initAccount(ac *account, ext *extCols) {
	n := len(g.windows)
	sm := &ac.small
	if n <= smallWin {
		ac.winEvents, ac.winMonetary, ac.edge = sm.winEvents[:n], sm.winMonetary[:n], sm.edge[:n]
	} else {
		ac.winEvents, ac.winMonetary, ac.edge = make([]int, n), make([]float64, n), make([]bool, n)
	}
	ac.dayBits = sm.days[:0]
	if g.a.Invoice != "" {
		ac.invoices = map[string]int32{}
	}
	if ext != nil {
		ac.ext = ext.initAcc(sm)
	}
}

// unixDay is the UTC day of t, counted from 1970-01-01.
func unixDay(t time.Time) int64 {
	u := t.Unix()
	d := u / 86400
	if u < 0 && u%86400 != 0 {
		d--
	}
	return d
}

// addDay records an event on UTC day d at the given age.
func (g *Aggregator) addDay(ac *account, d int64, age time.Duration) {
	i := g.cutoffDay - d // >= 0: the event is before the cutoff
	w := int(i >> 6)
	for len(ac.dayBits) <= w {
		ac.dayBits = append(ac.dayBits, 0)
	}
	ac.dayBits[w] |= 1 << (i & 63)
	for k, ed := range g.edgeDay {
		if d == ed && age <= g.winDur[k] {
			ac.edge[k] = true
		}
	}
}

// daysAfter counts the days with an event among the n days before the
// cutoff's (bits 0..n-1).
func daysAfter(bits []uint64, n int64) int {
	c := 0
	for w, b := range bits {
		lo := int64(w) << 6
		switch {
		case lo >= n:
			return c
		case lo+64 > n:
			b &= 1<<(n-lo) - 1
		}
		c += popcount(b)
	}
	return c
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
	g, err := a.NewAggregator()
	if err != nil {
		return nil, nil, err
	}
	if events == nil {
		return nil, nil, fmt.Errorf("features: aggregation: %w", dataset.ErrEmpty)
	}
	if err := g.Add(events); err != nil {
		return nil, nil, err
	}
	return g.Result()
}

// Aggregator is an Aggregation fed with the events in batches (the
// batches of a dataset.CSVReader, say), so that memory holds one
// accumulator per account (with its distinct invoices and days), never the
// events. Add batches in input order; Result gives what ApplyReport gives
// on the whole table.
type Aggregator struct {
	a        Aggregation
	windows  []int
	winDur   []time.Duration
	trendDur time.Duration
	known    map[string]bool
	rep      AggregationReport
	// accs holds every account met; those with events only at or after
	// the cutoff keep events == 0 and are left out of the output.
	accs    map[string]*account
	lastID  string
	lastAcc *account
	// byIndex[k] is the accumulator of Accounts[k] (nil until met), for
	// AddAccounts: the same accumulators as accs, found without a lookup.
	byIndex []*account
	inWin   []bool
	// cutoffDay is the UTC day of the cutoff; edgeDay[k] that of the
	// start of window k.
	cutoffDay int64
	edgeDay   []int64
	// statKinds are the kinds of the Stats columns, fixed by the first
	// batch; dicts number the levels of each Pivot.
	statKinds []dataset.Kind
	dicts     []*pivotDict
}

// NewAggregator checks the configuration and returns an empty Aggregator.
func (a Aggregation) NewAggregator() (*Aggregator, error) {
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
	g := &Aggregator{a: a, windows: windows, accs: map[string]*account{}}
	if a.Accounts != nil {
		g.known = make(map[string]bool, len(a.Accounts))
		for _, id := range a.Accounts {
			if g.known[id] {
				return nil, fmt.Errorf("features: aggregation: %w: %q in Accounts", dataset.ErrDuplicateID, id)
			}
			g.known[id] = true
		}
	}
	day := 24 * time.Hour
	g.winDur = make([]time.Duration, len(windows))
	for k, w := range windows {
		g.winDur[k] = time.Duration(w) * day
	}
	g.trendDur = time.Duration(trend) * day
	g.cutoffDay = unixDay(a.Cutoff)
	g.edgeDay = make([]int64, len(windows))
	for k, wd := range g.winDur {
		g.edgeDay[k] = unixDay(a.Cutoff.Add(-wd))
	}
	g.inWin = make([]bool, len(windows))
	g.dicts = newPivotDicts(len(a.Pivots))
	return g, nil
}

// batchCols are the columns of one batch an Aggregator reads.
type batchCols struct {
	id, time, amt, qty, price, inv *dataset.Column
	ext                            *extCols
}

// resolve finds the columns of a batch; the ID column only with needID.
func (a Aggregation) resolve(events *dataset.Table, nWin int, needID bool) (*batchCols, error) {
	var c batchCols
	var err error
	if needID {
		if err := a.resolveID(events, &c); err != nil {
			return nil, err
		}
	}
	if c.time, err = events.DateColumn(a.Time); err != nil {
		return nil, err
	}
	if a.Amount != "" {
		if c.amt, err = events.Numeric(a.Amount); err != nil {
			return nil, err
		}
	} else if a.Quantity != "" {
		if c.qty, err = events.Numeric(a.Quantity); err != nil {
			return nil, err
		}
		if c.price, err = events.Numeric(a.Price); err != nil {
			return nil, err
		}
	}
	if a.Invoice != "" {
		if c.inv, err = events.Column(a.Invoice); err != nil {
			return nil, err
		}
		if c.inv.Kind == dataset.Date {
			return nil, kindErr(a.Invoice, c.inv.Kind, dataset.Categorical)
		}
	}
	c.ext, err = a.resolveExt(events, nWin)
	return &c, err
}

// resolveID finds the account ID column of a batch.
func (a Aggregation) resolveID(events *dataset.Table, c *batchCols) error {
	var err error
	c.id, err = events.Column(a.ID)
	if err != nil && a.ID == events.IDName && events.IDs != nil {
		// The account ID is the table's ID column.
		c.id, err = &dataset.Column{Name: a.ID, Kind: dataset.Categorical, Str: events.IDs}, nil
	}
	if err == nil && c.id.Kind == dataset.Date {
		err = kindErr(a.ID, c.id.Kind, dataset.Categorical)
	}
	return err
}

// Add aggregates a batch of events.
func (g *Aggregator) Add(events *dataset.Table) error {
	return g.add(events, nil)
}

// AddAccounts aggregates a batch of events whose accounts are already
// known: acc[i] is the index in Aggregation.Accounts of the account of row
// i, and the ID column is not read. A caller that has resolved the
// accounts (to relate or deduplicate the events) saves the aggregation a
// lookup of the account ID per event. It needs Accounts; Add and
// AddAccounts may be mixed.
func (g *Aggregator) AddAccounts(events *dataset.Table, acc []int) error {
	if g.a.Accounts == nil {
		return aggErr("AddAccounts needs Accounts")
	}
	if events != nil && len(acc) != events.Len() {
		return aggErr("AddAccounts: %d account indexes for %d events", len(acc), events.Len())
	}
	for i, k := range acc {
		if k < 0 || k >= len(g.a.Accounts) {
			return aggErr("AddAccounts: event %d: account index %d out of range [0, %d)", i, k, len(g.a.Accounts))
		}
	}
	if g.byIndex == nil {
		g.byIndex = make([]*account, len(g.a.Accounts))
	}
	return g.add(events, acc)
}

// add aggregates a batch; acc, when set, gives each row's account as an
// index in Accounts (AddAccounts), else the ID column does.
func (g *Aggregator) add(events *dataset.Table, acc []int) error {
	a := g.a
	if events == nil {
		return fmt.Errorf("features: aggregation: %w", dataset.ErrEmpty)
	}
	c, err := a.resolve(events, len(g.windows), acc == nil)
	if err != nil {
		return fmt.Errorf("features: aggregation: %w", err)
	}
	if err := g.checkStatKinds(c); err != nil {
		return err
	}
	n := events.Len()
	rep := &g.rep
	rep.Events += n
	for i := 0; i < n; i++ {
		if acc == nil && c.id.IsMissing(i) {
			rep.MissingID++
			continue
		}
		if c.time.IsMissing(i) {
			rep.MissingTime++
			continue
		}
		var ac *account
		if acc != nil {
			ac = g.indexed(acc[i])
		} else {
			ac = g.lookup(c.id, i)
		}
		if ac.orphan {
			rep.Orphans++
			continue
		}
		tm := c.time.Time[i]
		if !tm.Before(a.Cutoff) {
			rep.Future++
			continue
		}
		rep.Used++
		g.addEvent(ac, c, i, tm)
	}
	return nil
}

// checkStatKinds fixes the kinds of the Stats columns on the first batch
// and checks later batches against them.
func (g *Aggregator) checkStatKinds(c *batchCols) error {
	if c.ext == nil {
		return nil
	}
	c.ext.dicts = g.dicts
	first := g.statKinds == nil
	if first {
		g.statKinds = make([]dataset.Kind, len(c.ext.stats))
	}
	for k, col := range c.ext.stats {
		if !first && g.statKinds[k] != col.Kind {
			return fmt.Errorf("features: aggregation: %w", kindErr(col.Name, col.Kind, g.statKinds[k]))
		}
		g.statKinds[k] = col.Kind
	}
	return nil
}

// lookup returns the accumulator of row i's account ID, made on first use.
func (g *Aggregator) lookup(idCol *dataset.Column, i int) *account {
	var id string
	if idCol.Kind == dataset.Numeric {
		id = formatCode(idCol.Num[i])
	} else {
		id = idCol.Str[i]
	}
	ac := g.lastAcc
	if ac == nil || id != g.lastID {
		ac = g.accs[id]
		if ac == nil {
			ac = &account{orphan: g.known != nil && !g.known[id]}
			g.accs[id] = ac
		}
		g.lastID, g.lastAcc = id, ac
	}
	return ac
}

// indexed returns the accumulator of Accounts[k], made on first use (or
// taken from accs, where Add may have made it).
func (g *Aggregator) indexed(k int) *account {
	if ac := g.byIndex[k]; ac != nil {
		return ac
	}
	id := g.a.Accounts[k]
	ac := g.accs[id]
	if ac == nil {
		ac = &account{}
		g.accs[id] = ac
	}
	g.byIndex[k] = ac
	return ac
}

// addEvent adds the used event of row i (at tm, before the cutoff) to ac.
func (g *Aggregator) addEvent(ac *account, c *batchCols, i int, tm time.Time) {
	rep := &g.rep
	age := g.a.Cutoff.Sub(tm)
	var amount float64
	if c.amt != nil {
		if c.amt.IsMissing(i) {
			rep.MissingAmount++
		} else {
			amount = c.amt.Num[i]
		}
	} else if c.qty != nil {
		if c.qty.IsMissing(i) || c.price.IsMissing(i) {
			rep.MissingAmount++
		} else {
			amount = c.qty.Num[i] * c.price.Num[i]
		}
	}
	if ac.events == 0 {
		ac.minAge, ac.maxAge = age, age
		g.initAccount(ac, c.ext)
	}
	ac.minAge = min(ac.minAge, age)
	ac.maxAge = max(ac.maxAge, age)
	ac.events++
	ac.monetary += amount
	for k, wd := range g.winDur {
		if age <= wd {
			ac.winEvents[k]++
			ac.winMonetary[k] += amount
		}
	}
	if c.ext != nil {
		for k, wd := range g.winDur {
			g.inWin[k] = age <= wd
		}
		c.ext.add(ac.ext, i, age, g.inWin)
	}
	switch {
	case age <= g.trendDur:
		ac.trendA += amount
		ac.trendAN++
	case age <= 2*g.trendDur:
		ac.trendB += amount
		ac.trendBN++
	}
	g.addDay(ac, unixDay(tm), age)
	if c.inv != nil && !c.inv.IsMissing(i) {
		var key string
		if c.inv.Kind == dataset.Numeric {
			key = formatCode(c.inv.Num[i])
		} else {
			key = c.inv.Str[i]
		}
		ac.addInvoice(key, age)
	}
}

// Result returns the per-account table and the counts of every event
// added so far.
func (g *Aggregator) Result() (*dataset.Table, *AggregationReport, error) {
	a, windows, winDur, trendDur, accs := g.a, g.windows, g.winDur, g.trendDur, g.accs
	rep := g.rep
	rep.AccountsSeen = 0
	ids := make([]string, 0, len(accs))
	for id, ac := range accs {
		if ac.events > 0 {
			ids = append(ids, id)
		}
		if !ac.orphan {
			rep.AccountsSeen++
		}
	}
	rep.Accounts = len(ids)
	if a.Accounts != nil {
		ids = append([]string(nil), a.Accounts...)
	} else if len(ids) == 0 {
		return nil, &rep, fmt.Errorf("features: aggregation: %w: no event before the cutoff %s", dataset.ErrEmpty, a.Cutoff.Format(time.RFC3339))
	} else {
		sort.Strings(ids)
	}
	monetary := a.Amount != "" || a.Quantity != ""
	hasInv := a.Invoice != ""
	idName := a.ID
	out := dataset.NewTable(idName, ids)
	cols := map[string][]float64{}
	var order []string
	col := func(name string) []float64 {
		v := make([]float64, len(ids))
		cols[name] = v
		order = append(order, name)
		return v
	}
	recency, tenure := col("recency_days"), col("tenure_days")
	var noEvents, ageMiss []bool
	if a.Accounts != nil {
		noEvents = make([]bool, len(ids))
	}
	freq := col("frequency")
	var mon []float64
	if monetary {
		mon = col("monetary")
	}
	active := col("active_days")
	wf := make([][]float64, len(windows))
	wm := make([][]float64, len(windows))
	wa := make([][]float64, len(windows))
	for k, w := range windows {
		s := strconv.Itoa(w) + "d"
		wf[k] = col("frequency_" + s)
		if monetary {
			wm[k] = col("monetary_" + s)
		}
		wa[k] = col("active_days_" + s)
	}
	tf := col("trend_frequency")
	var tmon []float64
	if monetary {
		tmon = col("trend_monetary")
	}
	for r, id := range ids {
		ac := accs[id]
		if ac == nil || ac.events == 0 {
			// Only with Accounts: counts, sums and trends stay 0.
			noEvents[r], ageMiss = true, noEvents
			continue
		}
		recency[r] = ac.minAge.Hours() / 24
		tenure[r] = ac.maxAge.Hours() / 24
		active[r] = float64(daysAfter(ac.dayBits, int64(len(ac.dayBits))<<6))
		for k := range windows {
			wa[k][r] = float64(daysAfter(ac.dayBits, g.cutoffDay-g.edgeDay[k]))
			if ac.edge[k] {
				wa[k][r]++
			}
		}
		if hasInv {
			freq[r] = float64(len(ac.invAge))
			var ta, tb float64
			for _, age := range ac.invAge {
				for k, wd := range winDur {
					if age <= wd {
						wf[k][r]++
					}
				}
				switch {
				case age <= trendDur:
					ta++
				case age <= 2*trendDur:
					tb++
				}
			}
			tf[r] = trendRatio(ta, tb)
		} else {
			freq[r] = float64(ac.events)
			for k := range windows {
				wf[k][r] = float64(ac.winEvents[k])
			}
			tf[r] = trendRatio(float64(ac.trendAN), float64(ac.trendBN))
		}
		if monetary {
			mon[r] = ac.monetary
			for k := range windows {
				wm[k][r] = ac.winMonetary[k]
			}
			tmon[r] = trendRatio(ac.trendA, ac.trendB)
		}
	}
	for _, name := range order {
		var miss []bool
		if name == "recency_days" || name == "tenure_days" {
			miss = ageMiss
		}
		if err := out.AddNumeric(a.Prefix+name, cols[name], miss); err != nil {
			return nil, &rep, fmt.Errorf("features: aggregation: %w", err)
		}
	}
	if noEvents != nil {
		ind := make([]float64, len(ids))
		for r, no := range noEvents {
			if no {
				ind[r] = 1
			}
		}
		if err := out.AddNumeric(a.Prefix+"no_events", ind, nil); err != nil {
			return nil, &rep, fmt.Errorf("features: aggregation: %w", err)
		}
	}
	if len(a.Stats) > 0 || len(a.Pivots) > 0 {
		rows := make([]*account, len(ids))
		for r, id := range ids {
			rows[r] = accs[id]
		}
		if err := extOutput(a, g.statKinds, g.dicts, out, ids, rows, accs, windows, &rep); err != nil {
			return nil, &rep, fmt.Errorf("features: aggregation: %w", err)
		}
	}
	return out, &rep, nil
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

func popcount(x uint64) int { return bits.OnesCount64(x) }

// ResultLevels is Result with the pivots configured without Levels kept
// to the given levels (by pivot column) instead of their Top levels, so
// that one pass over the events serves levels chosen elsewhere (at
// another cutoff, say). Every level is counted while adding, so any
// choice is exact.
func (g *Aggregator) ResultLevels(levels map[string][]string) (*dataset.Table, *AggregationReport, error) {
	h := *g
	h.a.Pivots = append([]Pivot(nil), g.a.Pivots...)
	for k := range h.a.Pivots {
		if lv, ok := levels[h.a.Pivots[k].Column]; ok && h.a.Pivots[k].Levels == nil {
			h.a.Pivots[k].Levels = lv
		}
	}
	return h.Result()
}
