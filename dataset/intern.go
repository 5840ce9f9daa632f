package dataset

// Interned reports whether equal values of a categorical column share one
// copy of their bytes: for every i and j with c.Str[i] == c.Str[j], the two
// strings point at the same data. Readers (ReadCSV, CSVReader) guarantee it
// for the categorical columns they keep interning, those of low cardinality
// (a column whose values turn out mostly distinct stops being interned and
// reports false); Slice and Subset keep it; Intern establishes it.
//
// It is a hint for speed, never for correctness: a consumer may compare
// string data pointers before contents (equal pointers and lengths mean
// equal strings), but must still compare contents when pointers differ,
// since a caller may have stored other strings in c.Str since. Columns
// built with AddCategorical or a Column literal report false.
func (c *Column) Interned() bool { return c.interned }

// Intern makes equal values of a categorical column share one copy of their
// bytes, which saves memory for repeated levels and lets consumers compare
// pointers (see Interned). It does nothing to other kinds of columns.
func (c *Column) Intern() {
	if c.Kind != Categorical {
		return
	}
	seen := map[string]string{}
	for i, v := range c.Str {
		s, ok := seen[v]
		if !ok {
			s = v
			seen[v] = v
		}
		c.Str[i] = s
	}
	c.interned = true
}
