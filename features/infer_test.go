package features

import (
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
