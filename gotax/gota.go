package gotax

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/segmenta/segmenta/dataset"
)

// ToDataFrame converts t to a gota DataFrame: the ID column (when t has
// IDs) as a String series first, numeric columns as Float series, categorical
// columns as String series and dates as String series in RFC 3339. Missing
// values become gota's NA (NaN in Float series, NA elements in String
// series). gota cannot hold the text "NaN" in a String series: such values
// become NA too.
func ToDataFrame(t *dataset.Table) dataframe.DataFrame {
	var cols []series.Series
	if t.IDs != nil {
		name := t.IDName
		if name == "" {
			name = "id"
		}
		cols = append(cols, series.New(t.IDs, series.String, name))
	}
	for _, c := range t.Columns() {
		switch c.Kind {
		case dataset.Numeric:
			v := make([]float64, len(c.Num))
			for i, x := range c.Num {
				if c.IsMissing(i) {
					x = math.NaN()
				}
				v[i] = x
			}
			cols = append(cols, series.New(v, series.Float, c.Name))
		case dataset.Categorical:
			cols = append(cols, stringSeries(c.Name, len(c.Str), c, func(i int) string { return c.Str[i] }))
		default:
			cols = append(cols, stringSeries(c.Name, len(c.Time), c, func(i int) string { return c.Time[i].UTC().Format(time.RFC3339Nano) }))
		}
	}
	return dataframe.New(cols...)
}

// stringSeries builds a String series whose missing rows are NA. gota marks
// NA through Set(nil), so the series is built with placeholders first.
func stringSeries(name string, n int, c *dataset.Column, val func(int) string) series.Series {
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
// column; "" picks one by name as dataset.CSVOptions.IDColumn does
// (dataset.IsDefaultIDName), dataset.NoID says there is none. Float and Int
// series become numeric columns (gota's NA and NaN become missing; ±Inf is
// an error wrapping dataset.ErrNonFinite), Bool series numeric 0/1, and
// String series categorical, or date when every non-NA value parses as RFC
// 3339 or as a plain date. Note that gota's CSV reader already turned "NA"
// and "NaN" texts into NA. IDs are normalised by dataset.NormalizeID; empty,
// NA or repeated IDs are errors.
func FromDataFrame(df dataframe.DataFrame, idColumn string) (*dataset.Table, error) {
	if df.Err != nil {
		return nil, fmt.Errorf("gotax: gota DataFrame: %w", df.Err)
	}
	names := df.Names()
	idIdx, err := idIndex(names, idColumn)
	if err != nil {
		return nil, err
	}
	t := dataset.NewTable("", nil)
	if idIdx >= 0 {
		ids, err := idsFromSeries(names[idIdx], df.Col(names[idIdx]))
		if err != nil {
			return nil, err
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
		c, err := columnFromSeries(name, df.Col(name))
		if err != nil {
			return nil, err
		}
		if err := t.AddColumn(c); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// idIndex is the position of the ID column among names, -1 for none.
func idIndex(names []string, idColumn string) (int, error) {
	switch idColumn {
	case dataset.NoID:
		return -1, nil
	case "":
		for i, n := range names {
			if dataset.IsDefaultIDName(n) {
				return i, nil
			}
		}
		return -1, nil
	}
	idx := -1
	for i, n := range names {
		if n == idColumn {
			idx = i
		}
	}
	if idx < 0 {
		return -1, &dataset.ColumnError{Column: idColumn, Row: -1, Err: fmt.Errorf("ID column: %w in DataFrame", dataset.ErrColumnNotFound)}
	}
	return idx, nil
}

// idsFromSeries renders the IDs as text: floats without a trailing ".0",
// strings normalised as ReadCSV normalises them.
func idsFromSeries(name string, s series.Series) ([]string, error) {
	ids := make([]string, s.Len())
	for i := range ids {
		e := s.Elem(i)
		if e.IsNA() {
			return nil, &dataset.ColumnError{Column: name, Row: i, Err: dataset.ErrEmptyID}
		}
		switch s.Type() {
		case series.Float:
			ids[i] = strconv.FormatFloat(e.Float(), 'f', -1, 64)
		default:
			ids[i] = dataset.NormalizeID(e.String())
		}
	}
	return ids, nil
}

func columnFromSeries(name string, s series.Series) (*dataset.Column, error) {
	switch s.Type() {
	case series.Float, series.Int, series.Bool:
		return numericFromSeries(name, s)
	default:
		return textFromSeries(name, s), nil
	}
}

// numericFromSeries reads NA and NaN as missing and refuses ±Inf.
func numericFromSeries(name string, s series.Series) (*dataset.Column, error) {
	n := s.Len()
	v := make([]float64, n)
	var miss []bool
	for i := range v {
		e := s.Elem(i)
		x := math.NaN()
		if !e.IsNA() {
			x = e.Float()
		}
		if math.IsNaN(x) {
			miss = markMissing(miss, n, i)
			continue
		}
		if math.IsInf(x, 0) {
			return nil, &dataset.ColumnError{Column: name, Row: i, Err: dataset.ErrNonFinite}
		}
		v[i] = x
	}
	return &dataset.Column{Name: name, Kind: dataset.Numeric, Num: v, Missing: miss}, nil
}

// textFromSeries makes a date column when every non-NA value is a date (and
// there is at least one), a categorical column otherwise.
func textFromSeries(name string, s series.Series) *dataset.Column {
	n := s.Len()
	v := make([]string, n)
	dates := make([]time.Time, n)
	var miss []bool
	isDate, any := true, false
	for i := range v {
		e := s.Elem(i)
		if e.IsNA() {
			miss = markMissing(miss, n, i)
			continue
		}
		v[i] = e.String()
		any = true
		if isDate {
			dates[i], isDate = parseDate(v[i])
		}
	}
	if any && isDate {
		return &dataset.Column{Name: name, Kind: dataset.Date, Time: dates, Missing: miss}
	}
	return &dataset.Column{Name: name, Kind: dataset.Categorical, Str: v, Missing: miss}
}

// markMissing sets row i of the mask, allocating it (n rows) on first use
// so that columns without missing values keep a nil mask.
func markMissing(miss []bool, n, i int) []bool {
	if miss == nil {
		miss = make([]bool, n)
	}
	miss[i] = true
	return miss
}

// parseDate reads the two layouts ToDataFrame and gota users write: RFC 3339
// (fractional seconds allowed) and a plain date. Like dataset's CSV reader,
// it refuses instants outside years 0000-9999 in UTC, which RFC 3339 cannot
// write back.
func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		t = t.UTC()
		return t, t.Year() >= 0 && t.Year() <= 9999
	}
	return time.Time{}, false
}
