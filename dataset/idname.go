package dataset

import "strings"

// IsDefaultIDName reports whether name is one of the column names taken as
// the ID column when CSVOptions.IDColumn is empty: id, account_id,
// customer_id or customerid, in any letter case. Adapters from other table
// types (package gotax) use it to pick the ID column as ReadCSV does.
func IsDefaultIDName(name string) bool {
	for _, want := range defaultIDNames {
		if strings.EqualFold(name, want) {
			return true
		}
	}
	return false
}
