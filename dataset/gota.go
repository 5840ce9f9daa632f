package dataset

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// ToDataFrame converts t to a gota DataFrame: the ID column (when t has
// IDs) as a String series first, numeric columns as Float series, categorical
// columns as String series and dates as String series in RFC 3339. Missing
// values become gota's NA (NaN in Float series, NA elements in String
// series). gota cannot hold the text "NaN" in a String series: such values
// become NA too.
func ToDataFrame(t *Table) dataframe.DataFrame {
	var cols []series.Series
	if t.IDs != nil {
		name := t.IDName
		if name == "" {
			name = "id"
		}
		cols = append(cols, series.New(t.IDs, series.String, name))
	}
	for _, c := range t.cols {
		switch c.Kind {
		case Numeric:
			v := make([]float64, len(c.Num))
			for i, x := range c.Num {
				if c.IsMissing(i) {
					x = math.NaN()
				}
				v[i] = x
			}
			cols = append(cols, series.New(v, series.Float, c.Name))
		case Categorical:
			cols = append(cols, stringSeries(c.Name, len(c.Str), c, func(i int) string { return c.Str[i] }))
		default:
			cols = append(cols, stringSeries(c.Name, len(c.Time), c, func(i int) string { return c.Time[i].UTC().Format(time.RFC3339Nano) }))
		}
	}
	return dataframe.New(cols...)
}

// stringSeries builds a String series whose missing rows are NA. gota marks
// NA through Set(nil), so the series is built with placeholders first.
func stringSeries(name string, n int, c *Column, val func(int) string) series.Series {
	v := make([]string, n)
	for i := range v {
		if !c.IsMissing(i) {
			v[i] = val(i)
		}
	}
	s := series.New(v, series.String, name)
	for i := range v {
		if c.IsMissing(i) {
			s.Elem(i).Set(nil)
		}
	}
	return s
}

// FromDataFrame converts a gota DataFrame to a Table. idColumn names the ID
// column; "" picks one by name as CSVOptions.IDColumn does, NoID says there
// is none. Float and Int series become numeric columns (gota's NA and NaN
// become missing; ±Inf is an error wrapping ErrNonFinite), Bool series
// numeric 0/1, and String series categorical, or date when every non-NA
// value parses as RFC 3339 or as a plain date. Note that gota's CSV reader
// already turned "NA" and "NaN" texts into NA. IDs are normalised by
// NormalizeID; empty, NA or repeated IDs are errors.
func FromDataFrame(df dataframe.DataFrame, idColumn string) (*Table, error) {
	if df.Err != nil {
		return nil, fmt.Errorf("dataset: gota DataFrame: %w", df.Err)
	}
	names := df.Names()
	idIdx := -1
	switch idColumn {
	case NoID:
	case "":
		for i, n := range names {
			for _, want := range defaultIDNames {
				if strings.EqualFold(n, want) && idIdx < 0 {
					idIdx = i
				}
			}
		}
	default:
		for i, n := range names {
			if n == idColumn {
				idIdx = i
			}
		}
		if idIdx < 0 {
			return nil, &ColumnError{Column: idColumn, Row: -1, Err: fmt.Errorf("ID column: %w in DataFrame", ErrColumnNotFound)}
		}
	}
	t := NewTable("", nil)
	if idIdx >= 0 {
		s := df.Col(names[idIdx])
		ids := make([]string, s.Len())
		for i := range ids {
			e := s.Elem(i)
			if e.IsNA() {
				return nil, &ColumnError{Column: names[idIdx], Row: i, Err: ErrEmptyID}
			}
			switch s.Type() {
			case series.Float:
				ids[i] = strconv.FormatFloat(e.Float(), 'f', -1, 64)
			default:
				ids[i] = NormalizeID(e.String())
			}
		}
		t.IDName, t.IDs = names[idIdx], ids
		if err := t.CheckIDs(); err != nil {
			return nil, err
		}
	}
	for j, name := range names {
		if j == idIdx {
			continue
		}
		s := df.Col(name)
		c, err := columnFromSeries(name, s)
		if err != nil {
			return nil, err
		}
		if err := t.AddColumn(c); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func columnFromSeries(name string, s series.Series) (*Column, error) {
	n := s.Len()
	var miss []bool
	mark := func(i int) {
		if miss == nil {
			miss = make([]bool, n)
		}
		miss[i] = true
	}
	switch s.Type() {
	case series.Float, series.Int, series.Bool:
		v := make([]float64, n)
		for i := range v {
			e := s.Elem(i)
			if e.IsNA() {
				mark(i)
				continue
			}
			x := e.Float()
			if math.IsNaN(x) {
				mark(i)
				continue
			}
			if math.IsInf(x, 0) {
				return nil, &ColumnError{Column: name, Row: i, Err: ErrNonFinite}
			}
			v[i] = x
		}
		return &Column{Name: name, Kind: Numeric, Num: v, Missing: miss}, nil
	default:
		v := make([]string, n)
		dates := make([]time.Time, n)
		isDate, any := true, false
		dp := &dateParser{layouts: []string{time.RFC3339, "2006-01-02"}}
		for i := range v {
			e := s.Elem(i)
			if e.IsNA() {
				mark(i)
				continue
			}
			v[i] = e.String()
			any = true
			if isDate {
				dates[i], isDate = dp.parse([]byte(v[i]))
			}
		}
		if any && isDate {
			return &Column{Name: name, Kind: Date, Time: dates, Missing: miss}, nil
		}
		return &Column{Name: name, Kind: Categorical, Str: v, Missing: miss}, nil
	}
}
