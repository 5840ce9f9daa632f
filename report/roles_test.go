package report

import (
	"errors"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseRoles(t *testing.T) {
	r, err := ParseRoles("churned=left_us, mrr_start=MRR", "arr=ARR")
	require.NoError(t, err)
	assert.Equal(t, Roles{"churned": "left_us", "mrr_start": "MRR", "arr": "ARR"}, r)

	for _, bad := range []string{"churn=left_us", "churned", "=x", "churned=a,churned=b"} {
		_, err := ParseRoles(bad)
		assert.ErrorIs(t, err, ErrRole, bad)
	}
	_, err = ParseRoles("churned=a", "churned=a") // the same twice agrees
	assert.NoError(t, err)

	m, err := Roles{"churned": "a"}.Merge(Roles{"upsold": "b"})
	require.NoError(t, err)
	assert.Equal(t, Roles{"churned": "a", "upsold": "b"}, m)
	_, err = Roles{"churned": "a"}.Merge(Roles{"churned": "b"})
	assert.ErrorIs(t, err, ErrRole)
	assert.Equal(t, []string{"x_end", "x_churn"}, Roles{"churned": "x_churn", "mrr_end": "x_end", "arr": "y"}.Outcomes())
}

// renamed is tinyTable with every column renamed as a CRM export might
// name it, plus an ARR column and an ID column.
func renamed(t *testing.T) (*dataset.Table, []int, Roles) {
	tb, labels := tinyTable(t)
	out := dataset.NewTable("row", []string{"r0", "r1", "r2", "r3", "r4", "r5"})
	roles := Roles{}
	for role, old := range map[string]string{RoleMRRStart: "mrr_start", RoleMRREnd: "mrr_end", RoleChurned: "churned",
		RoleUpsold: "upsold", RoleCSAT: "csat", RoleNPS: "nps", RoleEmployees: "employees", RoleIndustry: "industry",
		RolePlan: "plan", RoleLogins: "logins_per_week"} {
		c, err := tb.Column(old)
		require.NoError(t, err)
		cc := *c
		cc.Name = "X " + old
		require.NoError(t, out.AddColumn(&cc))
		roles[role] = cc.Name
	}
	require.NoError(t, out.AddCategorical("Customer", tb.IDs, nil))
	roles[RoleID] = "Customer"
	return out, labels, roles
}

func TestRolesMapAnySchema(t *testing.T) {
	tb, labels := tinyTable(t)
	churnP := []float64{0.1, 0.2, 0.9, 0.3, 0.8, 0.1}
	want, err := Profile(tb, labels, ProfileConfig{ChurnProb: churnP})
	require.NoError(t, err)

	rt, _, roles := renamed(t)
	got, err := Profile(rt, labels, ProfileConfig{Roles: roles, ChurnProb: churnP})
	require.NoError(t, err)
	assert.Equal(t, want.Overall, got.Overall)
	assert.Equal(t, want.ARR, got.ARR)
	for j := range want.Segments {
		assert.Equal(t, want.Segments[j].KPIs, got.Segments[j].KPIs)
	}
	require.Len(t, got.RiskyAccounts, len(want.RiskyAccounts))
	for i := range want.RiskyAccounts {
		assert.Equal(t, want.RiskyAccounts[i].ID, got.RiskyAccounts[i].ID, "IDs from the id role's column")
	}

	// An ARR column replaces 12 * MRR at start.
	require.NoError(t, rt.AddNumeric("Annual", []float64{1, 2, 3, 4, 5, 6}, nil))
	roles[RoleARR] = "Annual"
	got, err = Profile(rt, labels, ProfileConfig{Roles: roles, ChurnProb: churnP})
	require.NoError(t, err)
	assert.InDelta(t, 21.0, got.ARR.Value, 1e-12)
	assert.InDelta(t, 0.1*1+0.2*2+0.9*3+0.3*4+0.8*5+0.1*6, got.Overall.RevenueAtRisk.Value, 1e-12)
	assert.InDelta(t, 365.0/660, got.Overall.NRR.Value, 1e-12, "NRR still from the MRRs")
}

func TestRoleAbsentColumn(t *testing.T) {
	rt, labels, roles := renamed(t)
	roles[RoleChurned] = "X churnd"
	_, err := Profile(rt, labels, ProfileConfig{Roles: roles})
	var re *RoleError
	require.True(t, errors.As(err, &re), "%v", err)
	assert.Equal(t, RoleChurned, re.Role)
	assert.Equal(t, "X churnd", re.Column)
	assert.Equal(t, "X churned", re.Hint)
	assert.ErrorIs(t, err, ErrRole)
	assert.ErrorIs(t, err, dataset.ErrColumnNotFound)
	assert.Contains(t, err.Error(), `role churned: column "X churnd" not in the table (did you mean "X churned"?)`)

	// A default name that is absent only makes its figures unavailable.
	rep, err := Profile(rt, labels, ProfileConfig{})
	require.NoError(t, err)
	assert.False(t, rep.Overall.ChurnRate.Valid)
	assert.Contains(t, rep.Unavailable, `churn rate: column "churned" absent`)

	_, err = Profile(rt, labels, ProfileConfig{Roles: Roles{"churn": "x"}})
	assert.ErrorIs(t, err, ErrRole)
}

func TestNPSValidated(t *testing.T) {
	tb := dataset.NewTable("id", []string{"a", "b", "c", "d", "e", "f", "g"})
	// 10 and 9 promoters, 7 passive, 0 and 6 detractors; 11 and 7.5 are no answers.
	require.NoError(t, tb.AddNumeric("nps", []float64{10, 9, 7, 0, 6, 11, 7.5}, nil))
	rep, err := Profile(tb, []int{0, 0, 0, 1, 1, 1, 1}, ProfileConfig{})
	require.NoError(t, err)
	o := rep.Overall
	assert.Equal(t, 5, o.NPS.N)
	assert.InDelta(t, 100*(2.0-2.0)/5, o.NPS.Value, 1e-12)
	assert.InDelta(t, 32.0/5, o.MeanNPSAnswer.Value, 1e-12)
	assert.InDelta(t, 100*2.0/3, rep.Segments[0].KPIs.NPS.Value, 1e-12)
	assert.InDelta(t, -100, rep.Segments[1].KPIs.NPS.Value, 1e-12)
	require.Len(t, rep.Warnings, 1)
	assert.Contains(t, rep.Warnings[0], "NPS: 2 answers")
	assert.Contains(t, rep.Warnings[0], "for example 11, 7.5")
}
