package features

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInferSpec(t *testing.T) {
	tb := accounts(t)
	s, err := InferSpec(tb)
	require.NoError(t, err)
	roles := map[string]ColumnSpec{}
	for _, c := range s.Columns {
		roles[c.Name] = c
		assert.NotEmpty(t, c.Note, c.Name)
	}
	assert.Equal(t, "account_id", s.ID)
	assert.Equal(t, RoleOutcome, roles["churned"].Role, "outcomes are never silently used")
	assert.Equal(t, RoleIgnore, roles["contact_email"].Role)
	assert.Contains(t, roles["contact_email"].Note, "personal")
	assert.Equal(t, RoleNumeric, roles["employees"].Role)
	assert.True(t, roles["employees"].Log1p, "skewed and non-negative")
	assert.False(t, roles["csat"].Log1p)
	assert.Equal(t, RoleCategorical, roles["industry"].Role)
	assert.Equal(t, RoleDate, roles["signup_date"].Role)

	// A zero Spec infers; the pipeline keeps the inferred spec.
	p, err := (&Spec{}).Fit(tb)
	require.NoError(t, err)
	assert.Equal(t, *s, p.Spec())
	assert.NotContains(t, p.InputColumns(), "churned")
	assert.NotContains(t, p.InputColumns(), "contact_email")
	X, err := p.Transform(tb)
	require.NoError(t, err)
	requireFinite(t, X)

	// AllowPersonal on the zero spec lets the column through inference.
	p, err = (&Spec{AllowPersonal: []string{"contact_email"}}).Fit(tb)
	require.NoError(t, err)
	assert.Contains(t, p.InputColumns(), "contact_email")
}

func TestInferNames(t *testing.T) {
	for _, n := range []string{"churned", "is_churned", "upsold", "mrr_end", "label", "target", "y", "Churn"} {
		assert.True(t, looksLikeOutcome(n), n)
	}
	for _, n := range []string{"mrr", "mrr_start", "seats", "tickets_90d", "Channel"} {
		assert.False(t, looksLikeOutcome(n), n)
	}
	for _, n := range []string{"id", "account_id", "CustomerID", "user_uuid"} {
		assert.True(t, looksLikeID(n), n)
	}
	for _, n := range []string{"paid", "valid_seats", "Fresh"} {
		assert.False(t, looksLikeID(n), n)
	}
}

func TestInferIDsAndCodes(t *testing.T) {
	const n = 200
	ids := make([]string, n)
	rowNum, shuffledID, code, qty, text := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]string, n)
	flag := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("a%d", i)
		rowNum[i] = float64(i + 1)
		shuffledID[i] = float64((i*7919)%n + 1000) // unique, not monotone
		code[i] = float64(i%4 + 1)                 // 4 codes
		qty[i] = float64(i%37) + 0.5*float64(i%3)  // not integers
		text[i] = fmt.Sprintf("ref-%03d", (i*13)%n)
		flag[i] = []string{"Yes", "No"}[i%2]
	}
	tb := dataset.NewTable("account", ids)
	require.NoError(t, tb.AddNumeric("RowNumber", rowNum, nil))
	require.NoError(t, tb.AddNumeric("member_no", shuffledID, nil))
	require.NoError(t, tb.AddNumeric("Region", code, nil))
	require.NoError(t, tb.AddNumeric("spend", qty, nil))
	require.NoError(t, tb.AddCategorical("ticket_ref", text, nil))
	require.NoError(t, tb.AddCategorical("is_active", flag, nil))
	s, err := InferSpec(tb)
	require.NoError(t, err)
	roles := map[string]ColumnSpec{}
	for _, c := range s.Columns {
		roles[c.Name] = c
	}
	assert.Equal(t, RoleIgnore, roles["RowNumber"].Role, "a row number is an identifier")
	assert.Contains(t, roles["RowNumber"].Note, "monotone")
	assert.Equal(t, RoleIgnore, roles["member_no"].Role, "unique integers are an identifier")
	assert.Equal(t, RoleIgnore, roles["ticket_ref"].Role, "unique text is an identifier")
	assert.Equal(t, RoleCategorical, roles["Region"].Role, "small integer codes are categorical")
	assert.Contains(t, roles["Region"].Note, "4 distinct integers")
	assert.Equal(t, RoleNumeric, roles["spend"].Role)
	assert.Equal(t, RoleCategorical, roles["is_active"].Role)
	assert.Contains(t, roles["is_active"].Note, "yes/no")

	p, err := s.Fit(tb)
	require.NoError(t, err)
	assert.Equal(t, []string{"Region", "spend", "is_active"}, p.InputColumns())
}

// Unique whole amounts spread over a wide range are amounts, not IDs.
func TestInferUniqueAmountsKept(t *testing.T) {
	const n = 100
	ids := make([]string, n)
	spend := make([]float64, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("a%d", i)
		spend[i] = float64((i*7919)%n*37 + 3)
	}
	tb := dataset.NewTable("account", ids)
	require.NoError(t, tb.AddNumeric("Grocery", spend, nil))
	s, err := InferSpec(tb)
	require.NoError(t, err)
	assert.Equal(t, RoleNumeric, s.Columns[0].Role, s.Columns[0].Note)
}
