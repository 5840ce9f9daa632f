package report

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlaybook(t *testing.T) {
	tb, labels := tinyTable(t)
	pb, err := ReadPlaybook(strings.NewReader(`segment,action
# comment
red,Call within 48 hours
1,Offer onboarding
"Enterprise fintech, heavy usage",Quarterly business review
`), "pb.csv")
	require.NoError(t, err)
	require.Len(t, pb.Entries, 3)
	assert.Equal(t, 3, pb.Entries[0].Line)
	rep, err := Profile(tb, labels, ProfileConfig{ChurnProb: churnP, Playbook: pb, SegmentNames: []string{"Enterprise fintech, heavy usage", ""}})
	require.NoError(t, err)
	assert.Equal(t, "Quarterly business review", rep.Segments[0].Action)
	assert.Equal(t, "Offer onboarding", rep.Segments[1].Action)
	assert.Equal(t, "Call within 48 hours", rep.Bands[0].Action)
	assert.Empty(t, rep.Bands[1].Action)
	for _, a := range rep.RiskyAccounts {
		switch a.ID {
		case "a2": // red, segment 0
			assert.Equal(t, "Call within 48 hours; Quarterly business review", a.Action)
		case "a3": // yellow, segment 1
			assert.Equal(t, "Offer onboarding", a.Action)
		}
	}
	var md strings.Builder
	require.NoError(t, rep.Markdown(&md))
	assert.Contains(t, md.String(), "- Action: Offer onboarding")
	assert.Contains(t, md.String(), "Call within 48 hours; Quarterly business review")
}

func TestPlaybookErrorsNameTheLine(t *testing.T) {
	tb, labels := tinyTable(t)
	for _, c := range []struct{ csv, want string }{
		{"red,Call\npurple,Wave\n", `pb.csv line 2: "purple" is neither a segment`},
		{"red,Call\nRED,Call again\n", "pb.csv line 2: band red already has an action (line 1)"},
		{"0,Call\n7,Nothing\n", `line 2: "7" is neither`},
	} {
		pb, err := ReadPlaybook(strings.NewReader(c.csv), "pb.csv")
		require.NoError(t, err)
		_, err = Profile(tb, labels, ProfileConfig{ChurnProb: churnP, Playbook: pb})
		assert.ErrorIs(t, err, ErrPlaybook)
		assert.ErrorContains(t, err, c.want)
	}
	_, err := ReadPlaybook(strings.NewReader("red,Call\nyellow\n"), "pb.csv")
	assert.ErrorIs(t, err, ErrPlaybook)
	assert.ErrorContains(t, err, "line 2")
}
