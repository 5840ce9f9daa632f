package synth

import "testing"

// BenchmarkTablesAccount is the cost of generating and formatting one
// account's whole export (100 usage events on average), without I/O.
func BenchmarkTablesAccount(b *testing.B) {
	ts, err := TablesConfig{N: 1 << 30}.settings()
	if err != nil {
		b.Fatal(err)
	}
	tg := newTablesGen(ts)
	c := new(tablesChunk)
	i, rows := 0, 0
	for b.Loop() {
		for k := range c.buf {
			c.buf[k], c.rows[k] = c.buf[k][:0], 0
		}
		tg.account(i)
		tg.appendRows(c)
		rows += c.rows[tUsage]
		i++
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "events/s")
}
