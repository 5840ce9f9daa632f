package errs

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestPositionalErrors(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{&RowError{Line: 3, Err: ErrEmpty}, "line 3: no rows"},
		{&RowError{Line: 4, Column: "mrr", Value: "x", Err: ErrNonFinite}, `line 4, column "mrr", value "x": non-finite value (NaN or Inf)`},
		{&ColumnError{Column: "plan", Row: -1, Err: ErrKind}, `column "plan": column has another kind`},
		{&ColumnError{Column: "y", Row: 2, Err: ErrLength}, `column "y", row 2: length mismatch`},
		{Cell(5, 3, ErrNonFinite), `column "3", row 5: non-finite value (NaN or Inf)`},
	}
	for _, c := range cases {
		if c.err.Error() != c.want {
			t.Errorf("%q, want %q", c.err.Error(), c.want)
		}
		wrapped := fmt.Errorf("context: %w", c.err)
		var re *RowError
		var ce *ColumnError
		if !errors.As(wrapped, &re) && !errors.As(wrapped, &ce) {
			t.Errorf("%v: errors.As finds no positional error", c.err)
		}
		if errors.Unwrap(c.err) == nil {
			t.Errorf("%v: no Unwrap", c.err)
		}
	}
	long := (&RowError{Line: 1, Column: "c", Value: strings.Repeat("v", 100), Err: ErrEmpty}).Error()
	if !strings.Contains(long, strings.Repeat("v", 64)+"...") || strings.Contains(long, strings.Repeat("v", 65)) {
		t.Errorf("long value not clipped: %s", long)
	}
}
