package synth

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Tables of the export, in the order WriteTables writes them.
const (
	tAccounts = iota
	tSubscriptions
	tUsage
	tTickets
	tInvoices
	tTouchpoints
	tOpportunities
	tChurn
	tTruth
	nTables
)

// tableNames and tableColumns describe the files of WriteTables.
var (
	tableNames = [nTables]string{"accounts", "subscriptions", "usage_events", "tickets", "invoices",
		"touchpoints", "opportunities", "churn_events", "truth"}
	tableColumns = [nTables][]string{
		{"account_id", "name", "industry", "country", "employees", "revenue_band", "signup_date", "contact_name", "contact_email"},
		{"subscription_id", "account_id", "plan", "billing", "seats", "mrr", "start_date", "end_date", "change"},
		{"event_id", "subscription_id", "user_id", "event_type", "timestamp"},
		{"ticket_id", "account_id", "opened_at", "closed_at", "priority", "satisfaction"},
		{"invoice_id", "account_id", "issued_at", "amount", "paid_at"},
		{"account_id", "channel", "kind", "timestamp"},
		{"opportunity_id", "account_id", "stage", "changed_at"},
		{"account_id", "churned_at", "reason"},
		{"account_id", "segment", "persona", "churn_prob", "churned", "upsell_prob", "upsold"},
	}
)

// TableNames returns the base names of the files WriteTables writes (each
// with .csv, or .csv.gz with TablesConfig.Gzip), in order.
func TableNames() []string { return append([]string(nil), tableNames[:]...) }

// TableColumns returns the header of table name (one of TableNames), or nil.
func TableColumns(name string) []string {
	for k, n := range tableNames {
		if n == name {
			return append([]string(nil), tableColumns[k]...)
		}
	}
	return nil
}

// tablesChunk holds the records of a chunk of accounts, one buffer per table.
type tablesChunk struct {
	buf  [nTables][]byte
	rows [nTables]int
}

// WriteTables writes the multi-table export of cfg into directory dir
// (created if needed): one CSV file per table of TableNames and a
// README.md with the timeline and row counts. Files are written under
// temporary names and renamed once all are complete. Memory stays flat
// whatever cfg.N; the bytes depend on cfg only.
func WriteTables(dir string, cfg TablesConfig) error {
	return WriteTablesContext(context.Background(), dir, cfg)
}

// WriteTablesContext is WriteTables, stopped (leaving no table behind) when
// ctx is done; the error then wraps ctx.Err().
func WriteTablesContext(ctx context.Context, dir string, cfg TablesConfig) error {
	ts, err := cfg.settings()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	ext := ".csv"
	if ts.gzip {
		ext = ".csv.gz"
	}
	var files [nTables]*tableFile
	defer func() {
		for _, f := range files {
			if f != nil {
				f.abort()
			}
		}
	}()
	for k := range files {
		f, err := createTable(filepath.Join(dir, tableNames[k]+ext), ts.gzip)
		if err != nil {
			return err
		}
		files[k] = f
		if err := f.write(appendHeader(nil, tableColumns[k])); err != nil {
			return err
		}
	}
	var rows [nTables]int
	newWorker := func() func(lo, hi int, c *tablesChunk) *tablesChunk {
		tg := newTablesGen(ts)
		return func(lo, hi int, c *tablesChunk) *tablesChunk {
			if c == nil {
				c = new(tablesChunk)
			}
			for k := range c.buf {
				c.buf[k], c.rows[k] = c.buf[k][:0], 0
			}
			for i := lo; i < hi; i++ {
				tg.account(i)
				tg.appendRows(c)
			}
			return c
		}
	}
	err = orderedChunks(ts.acct.n, chunkEvents, newWorker, func(c *tablesChunk) error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("synth: writing tables: %w", err)
		}
		for k, f := range files {
			if err := f.write(c.buf[k]); err != nil {
				return err
			}
			rows[k] += c.rows[k]
		}
		return nil
	})
	if err != nil {
		return err
	}
	for k, f := range files {
		if err := f.close(); err != nil {
			return err
		}
		files[k] = nil
	}
	readme := tablesReadme(ts, ext, rows)
	if err := os.WriteFile(filepath.Join(dir, "README.md"), readme, 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

// tableFile is one table being written: buffered, optionally gzipped, to a
// temporary file renamed on close.
type tableFile struct {
	path string
	f    *os.File
	zw   *gzip.Writer
	bw   *bufio.Writer
}

func createTable(path string, gz bool) (*tableFile, error) {
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	t := &tableFile{path: path, f: f}
	var w io.Writer = f
	if gz {
		// BestSpeed: compression runs on the one goroutine that writes in
		// order, so its cost is the export's wall time.
		t.zw, _ = gzip.NewWriterLevel(f, gzip.BestSpeed)
		w = t.zw
	}
	t.bw = bufio.NewWriterSize(w, 1<<16)
	return t, nil
}

func (t *tableFile) write(b []byte) error {
	if _, err := t.bw.Write(b); err != nil {
		return fmt.Errorf("synth: writing %s: %w", t.path, err)
	}
	return nil
}

func (t *tableFile) close() error {
	err := t.bw.Flush()
	if t.zw != nil && err == nil {
		err = t.zw.Close()
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(t.path+".tmp", t.path)
	}
	if err != nil {
		os.Remove(t.path + ".tmp")
		return fmt.Errorf("synth: writing %s: %w", t.path, err)
	}
	return nil
}

func (t *tableFile) abort() {
	t.f.Close()
	os.Remove(t.path + ".tmp")
}

// appendKey writes an ID of account i with another prefix letter than
// account IDs ("S0000001") and, if seq > 0, "-" and seq on digits digits.
func appendKey(b []byte, prefix byte, i, seq, digits int) []byte {
	n := len(b)
	b = appendID(b, i)
	b[n] = prefix
	if seq <= 0 {
		return b
	}
	b = append(b, '-')
	var d [20]byte
	s := strconv.AppendInt(d[:0], int64(seq), 10)
	for range digits - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

// appendDate writes the UTC date of Unix time t (2025-03-04).
func appendDate(b []byte, t int64) []byte {
	n := len(b)
	return appendTimestamp(b, t)[:n+10]
}

// appendRows appends the records of account tg.x to every table of c.
func (tg *tablesGen) appendRows(c *tablesChunk) {
	x := &tg.x
	tg.appendAccount(c)
	tg.appendSubscriptions(c)
	tg.appendUsage(c)
	tg.appendTickets(c)
	tg.appendInvoices(c)
	tg.appendTouches(c)
	tg.appendOpps(c)
	if x.churnAt != 0 && x.logged {
		b := appendID(c.buf[tChurn], x.a.index)
		b = append(b, ',')
		b = appendDate(b, x.churnAt)
		b = append(b, ',')
		b = append(b, churnReasons[x.reason]...)
		c.buf[tChurn] = append(b, '\n')
		c.rows[tChurn]++
	}
	if x.active {
		a := &x.a
		b := appendID(c.buf[tTruth], a.index)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(a.segment), 10)
		b = append(b, ',')
		b = append(b, tg.gen.cat.personas[a.segment].name...)
		b = append(b, ',')
		b = appendNum(b, a.pChurn)
		b = append(b, ',')
		b = appendNum(b, bool01(a.churned))
		b = append(b, ',')
		b = appendNum(b, a.pUpsell)
		b = append(b, ',')
		b = appendNum(b, bool01(a.upsold))
		c.buf[tTruth] = append(b, '\n')
		c.rows[tTruth]++
	}
}

func (tg *tablesGen) appendAccount(c *tablesChunk) {
	x := &tg.x
	a := &x.a
	b := appendID(c.buf[tAccounts], a.index)
	b = append(b, ',')
	b = append(b, nameFirst[x.name1]...)
	b = append(b, ' ')
	b = append(b, nameSecond[x.name2]...)
	b = append(b, ',')
	b = appendFirmographics(b, a)
	b = append(b, ',')
	b = appendDate(b, x.signup)
	b = append(b, ',')
	b = appendName(b, a)
	b = append(b, ',')
	b = appendEmail(b, a)
	c.buf[tAccounts] = append(b, '\n')
	c.rows[tAccounts]++
}

func (tg *tablesGen) appendSubscriptions(c *tablesChunk) {
	x := &tg.x
	b := c.buf[tSubscriptions]
	for _, s := range x.subs {
		b = tg.appendSub(b, s)
		c.rows[tSubscriptions]++
	}
	if x.overlap {
		// A duplicate of the first row, 5 days later, for 20 days.
		s := x.subs[0]
		s.start += 5 * secondsPerDay
		s.end = s.start + 20*secondsPerDay
		s.seq = len(x.subs) + 1
		b = tg.appendSub(b, s)
		c.rows[tSubscriptions]++
	}
	c.buf[tSubscriptions] = b
}

func (tg *tablesGen) appendSub(b []byte, s subRow) []byte {
	a := &tg.x.a
	b = appendKey(b, 'S', a.index, s.seq, 2)
	b = append(b, ',')
	b = appendID(b, a.index)
	b = append(b, ',')
	b = append(b, plans[a.plan]...)
	b = append(b, ',')
	b = append(b, billings[a.contract]...)
	b = append(b, ',')
	b = appendNum(b, s.seats)
	b = append(b, ',')
	b = appendFixed(b, s.mrr, 2)
	b = append(b, ',')
	b = appendDate(b, s.start)
	b = append(b, ',')
	if s.end != 0 {
		b = appendDate(b, s.end)
	}
	b = append(b, ',')
	b = append(b, changeKinds[s.change]...)
	return append(b, '\n')
}

func (tg *tablesGen) appendUsage(c *tablesChunk) {
	x := &tg.x
	i := x.a.index
	b := c.buf[tUsage]
	r := 0
	row := func(b []byte, seq, sub int, u usageRow) []byte {
		b = appendKey(b, 'E', i, seq, 6)
		b = append(b, ',')
		b = appendKey(b, 'S', i, sub, 2)
		b = append(b, ',')
		b = appendKey(b, 'U', i, u.user+1, 4)
		b = append(b, ',')
		b = append(b, eventTypes[u.typ]...)
		b = append(b, ',')
		b = appendTimestamp(b, u.t)
		return append(b, '\n')
	}
	for k, u := range x.usage {
		for r+1 < len(x.subs) && x.subs[r+1].start <= u.t {
			r++
		}
		b = row(b, k+1, r+1, u)
		c.rows[tUsage]++
		if k == 0 && x.dupEvent {
			b = row(b, k+1, r+1, u)
			c.rows[tUsage]++
		}
	}
	n := len(x.usage)
	if x.orphanEvent && n > 0 {
		// Usage of a subscription the subscriptions table does not hold.
		b = row(b, n+1, len(x.subs)+50, x.usage[n-1])
		c.rows[tUsage]++
	}
	if x.lateEvent && n > 0 {
		u := x.usage[n-1]
		u.t = tg.ts.dataEnd + 3*secondsPerDay
		b = row(b, n+2, len(x.subs), u)
		c.rows[tUsage]++
	}
	c.buf[tUsage] = b
}

func (tg *tablesGen) appendTickets(c *tablesChunk) {
	x := &tg.x
	b := c.buf[tTickets]
	row := func(b []byte, id string, k int, t ticketRow) []byte {
		b = appendKey(b, 'T', x.a.index, k, 3)
		b = append(b, ',')
		b = append(b, id...)
		b = append(b, ',')
		b = appendTimestamp(b, t.opened)
		b = append(b, ',')
		if t.closed != 0 {
			b = appendTimestamp(b, t.closed)
		}
		b = append(b, ',')
		b = append(b, priorities[t.prio]...)
		b = append(b, ',')
		if t.sat != 0 {
			b = strconv.AppendInt(b, int64(t.sat), 10)
		}
		return append(b, '\n')
	}
	id := string(appendID(nil, x.a.index))
	for k, t := range x.tickets {
		b = row(b, id, k+1, t)
		c.rows[tTickets]++
	}
	if x.orphanTicket {
		// A ticket of an account the accounts table does not hold.
		orphan := string(appendID(nil, x.a.index+tg.ts.acct.n))
		b = row(b, orphan, len(x.tickets)+1, ticketRow{opened: tg.ts.cutoff - 3600, prio: 1})
		c.rows[tTickets]++
	}
	c.buf[tTickets] = b
}

func (tg *tablesGen) appendInvoices(c *tablesChunk) {
	x := &tg.x
	b := c.buf[tInvoices]
	for k, v := range x.invoices {
		b = appendKey(b, 'I', x.a.index, k+1, 3)
		b = append(b, ',')
		b = appendID(b, x.a.index)
		b = append(b, ',')
		b = appendDate(b, v.issued)
		b = append(b, ',')
		b = appendFixed(b, v.amount, 2)
		b = append(b, ',')
		if v.paid != 0 {
			b = appendDate(b, v.paid)
		}
		b = append(b, '\n')
		c.rows[tInvoices]++
	}
	c.buf[tInvoices] = b
}

func (tg *tablesGen) appendTouches(c *tablesChunk) {
	x := &tg.x
	b := c.buf[tTouchpoints]
	for _, t := range x.touches {
		b = appendID(b, x.a.index)
		b = append(b, ',')
		b = append(b, touchKinds[t.kind][0]...)
		b = append(b, ',')
		b = append(b, touchKinds[t.kind][1]...)
		b = append(b, ',')
		b = appendTimestamp(b, t.t)
		b = append(b, '\n')
		c.rows[tTouchpoints]++
	}
	c.buf[tTouchpoints] = b
}

func (tg *tablesGen) appendOpps(c *tablesChunk) {
	x := &tg.x
	b := c.buf[tOpportunities]
	for _, o := range x.opps {
		b = appendKey(b, 'O', x.a.index, 1, 1)
		b = append(b, ',')
		b = appendID(b, x.a.index)
		b = append(b, ',')
		b = append(b, oppStages[o.stage]...)
		b = append(b, ',')
		b = appendTimestamp(b, o.t)
		b = append(b, '\n')
		c.rows[tOpportunities]++
	}
	c.buf[tOpportunities] = b
}

// tablesReadme documents an export: its timeline, outcome definitions and
// row counts.
func tablesReadme(ts tablesSettings, ext string, rows [nTables]int) []byte {
	p := ts.period()
	d := func(t time.Time) string { return t.Format(time.DateOnly) }
	b := fmt.Appendf(nil, "# Synthetic B2B SaaS export (segmenta synth -tables)\n\n"+
		"History from %s; cutoff %s; horizon %d days (outcomes in [%s, %s)); data end %s (exclusive).\n\n"+
		"truth.csv holds the accounts with a subscription active at the cutoff and their hidden outcomes in the horizon:\n"+
		"churned = a churn event in the horizon, or no subscription active at the horizon's end;\n"+
		"upsold = not churned, and the MRR at the horizon's end >= 1.1 x the MRR at the cutoff or an upgrade row starting in the horizon.\n"+
		"Columns of every table: package documentation of github.com/segmenta/segmenta/dataset/synth (Multi-table export).\n\n"+
		"| table | rows |\n|---|---|\n",
		d(p.HistoryStart), d(p.Cutoff), HorizonDays, d(p.Cutoff), d(p.HorizonEnd), d(p.DataEnd))
	for k, n := range tableNames {
		b = fmt.Appendf(b, "| %s%s | %d |\n", n, ext, rows[k])
	}
	if ts.messy {
		b = append(b, "\nMessy: missing firmographics, duplicate usage rows, orphan usage and tickets, overlapping subscriptions and usage after the data's end are present on purpose.\n"...)
	}
	return b
}
