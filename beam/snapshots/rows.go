package snapshots

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/snapshot"
)

// noTime marks a row without a date (missing, or an undated table).
const noTime = math.MinInt64

// A row travels between stages as bytes: its table, input line, date
// (Unix nanoseconds, noTime), own key (when the table has one) and the
// values of the columns its TablePlan reads, as read (dates as text), so
// that the group stage hands the core the rows a whole read gives.
type rowHead struct {
	table, line int
	at          int64
	key         string
	hasKey      bool
}

var errRow = errors.New("snapshots: corrupt row encoding")

// encodeRow encodes row i of raw (read with plan p).
func encodeRow(buf []byte, p *snapshot.TablePlan, h rowHead, raw *dataset.Table, i int) ([]byte, error) {
	buf = binary.AppendUvarint(buf, uint64(h.table))
	buf = binary.AppendUvarint(buf, uint64(h.line))
	buf = binary.AppendVarint(buf, h.at)
	if h.hasKey {
		buf = append(buf, 1)
		buf = appendString(buf, h.key)
	} else {
		buf = append(buf, 0)
	}
	for _, name := range p.Columns {
		c, err := raw.Column(name)
		if err != nil {
			return nil, err
		}
		if c.IsMissing(i) {
			buf = append(buf, 0)
			continue
		}
		buf = append(buf, 1)
		switch c.Kind {
		case dataset.Numeric:
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(c.Num[i]))
		case dataset.Categorical:
			buf = appendString(buf, c.Str[i])
		default:
			buf = binary.AppendVarint(buf, c.Time[i].Unix())
			buf = binary.AppendUvarint(buf, uint64(c.Time[i].Nanosecond()))
		}
	}
	return buf, nil
}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// decoder reads a row's fields in order.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err, d.b = errRow, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err, d.b = errRow, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte1() byte {
	if len(d.b) == 0 {
		d.err = errRow
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) str() string {
	n := d.uvarint()
	if uint64(len(d.b)) < n {
		d.err, d.b = errRow, nil
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) u64() uint64 {
	if len(d.b) < 8 {
		d.err, d.b = errRow, nil
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

// decodeHead reads a row's head and returns the decoder positioned at
// its values.
func decodeHead(b []byte) (rowHead, *decoder, error) {
	d := &decoder{b: b}
	var h rowHead
	h.table = int(d.uvarint())
	h.line = int(d.uvarint())
	h.at = d.varint()
	if d.byte1() == 1 {
		h.key, h.hasKey = d.str(), true
	}
	return h, d, d.err
}

// tableRows accumulates the decoded rows of one table.
type tableRows struct {
	plan  *snapshot.TablePlan
	lines []int
	nums  [][]float64
	strs  [][]string
	times [][]time.Time
	miss  [][]bool
}

func newTableRows(p *snapshot.TablePlan) *tableRows {
	n := len(p.Columns)
	return &tableRows{plan: p, nums: make([][]float64, n), strs: make([][]string, n), times: make([][]time.Time, n), miss: make([][]bool, n)}
}

// add decodes the values of a row whose head d has read.
func (t *tableRows) add(line int, d *decoder) error {
	t.lines = append(t.lines, line)
	for j, name := range t.plan.Columns {
		present := d.byte1() == 1
		t.miss[j] = append(t.miss[j], !present)
		switch t.plan.Kinds[name] {
		case dataset.Numeric:
			var v float64
			if present {
				v = math.Float64frombits(d.u64())
			}
			t.nums[j] = append(t.nums[j], v)
		case dataset.Categorical:
			var v string
			if present {
				v = d.str()
			}
			t.strs[j] = append(t.strs[j], v)
		default:
			var v time.Time
			if present {
				sec := d.varint()
				v = time.Unix(sec, int64(d.uvarint())).UTC()
			}
			t.times[j] = append(t.times[j], v)
		}
	}
	if d.err != nil {
		return fmt.Errorf("table %q, line %d: %w", t.plan.Table, line, d.err)
	}
	return nil
}

// group returns the rows in input (line) order, as the core reads them.
func (t *tableRows) group() (snapshot.GroupRows, error) {
	order := make([]int, len(t.lines))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return t.lines[order[a]] < t.lines[order[b]] })
	lines := make([]int, len(order))
	for k, i := range order {
		lines[k] = t.lines[i]
	}
	out := dataset.NewTable("", nil)
	for j, name := range t.plan.Columns {
		miss := make([]bool, len(order))
		for k, i := range order {
			miss[k] = t.miss[j][i]
		}
		var err error
		switch t.plan.Kinds[name] {
		case dataset.Numeric:
			v := make([]float64, len(order))
			for k, i := range order {
				v[k] = t.nums[j][i]
			}
			err = out.AddNumeric(name, v, miss)
		case dataset.Categorical:
			v := make([]string, len(order))
			for k, i := range order {
				v[k] = t.strs[j][i]
			}
			err = out.AddCategorical(name, v, miss)
		default:
			v := make([]time.Time, len(order))
			for k, i := range order {
				v[k] = t.times[j][i]
			}
			err = out.AddDate(name, v, miss)
		}
		if err != nil {
			return snapshot.GroupRows{}, fmt.Errorf("table %q: %w", t.plan.Table, err)
		}
	}
	return snapshot.GroupRows{Rows: out, Lines: lines}, nil
}
