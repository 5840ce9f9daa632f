package snapshot

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/require"
)

// TestNoLookAhead is the point-in-time property: appending arbitrary rows
// dated after the cutoff to any table (events of known and unknown
// accounts and subscriptions, new subscriptions, churn events, accounts
// created later, rows past the data end) changes no feature value. Labels
// may change; features may not.
func TestNoLookAhead(t *testing.T) {
	base, err := loadFixture(t, fixtureSpec, nil)
	require.NoError(t, err)
	want, _, err := base.Snapshot(fixtureCutoff)
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(14, 1))
	accounts := []string{"a1", "a2", "a3", "a4", "a5", "new1", "new2"}
	subs := []string{"s1", "s2", "s3", "s4", "s5", "s6", "s7", "s9"}
	// after returns a random instant after the cutoff: half within two
	// days of it (where an off-by-one would show), half up to 200 days on.
	after := func() time.Time {
		span := 200 * 24 * time.Hour
		if rng.IntN(2) == 0 {
			span = 48 * time.Hour
		}
		return fixtureCutoff.Add(time.Minute + time.Duration(rng.Int64N(int64(span))))
	}
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	for iter := 0; iter < 40; iter++ {
		add := map[string]*strings.Builder{}
		for _, f := range []string{"accounts.csv", "subscriptions.csv", "usage.csv", "tickets.csv", "churn_events.csv"} {
			add[f] = &strings.Builder{}
		}
		nsub := 0
		for k := rng.IntN(30); k > 0; k-- {
			switch rng.IntN(5) {
			case 0:
				fmt.Fprintf(add["accounts.csv"], "x%d_%d,%s,%s\n", iter, k, after().Format(time.DateOnly), pick([]string{"retail", "tech", ""}))
			case 1:
				nsub++
				id := fmt.Sprintf("n%d", nsub)
				subs = append(subs, id)
				start := after()
				end := ""
				if rng.IntN(2) == 0 {
					end = start.AddDate(0, 0, 1+rng.IntN(90)).Format(time.DateOnly)
				}
				fmt.Fprintf(add["subscriptions.csv"], "%s,%s,%s,%s,%d,%d,%s\n", id, pick(accounts[:4]), start.Format(time.DateOnly), end,
					rng.IntN(500), rng.IntN(50), pick([]string{"basic", "pro", "enterprise"}))
			case 2:
				// Local Berlin time: at least 2 hours past the cutoff in UTC.
				at := after().Add(2 * time.Hour)
				fmt.Fprintf(add["usage.csv"], "%s,%s,%s,%d\n", pick(subs), at.Format("2006-01-02 15:04"),
					pick([]string{"login", "report", "export", "admin"}), rng.IntN(100))
			case 3:
				fmt.Fprintf(add["tickets.csv"], "%s,%s\n", pick(accounts), after().AddDate(0, 0, 1).Format(time.DateOnly))
			case 4:
				fmt.Fprintf(add["churn_events.csv"], "%s,%s\n", pick(accounts), after().Format(time.DateOnly))
			}
		}
		rows := map[string]string{}
		for f, b := range add {
			rows[f] = b.String()
		}
		d, err := loadFixture(t, fixtureSpec, rows)
		require.NoError(t, err, "iteration %d", iter)
		got, _, err := d.Snapshot(fixtureCutoff)
		require.NoError(t, err, "iteration %d", iter)
		require.Equal(t, want.IDs, got.IDs, "iteration %d", iter)
		require.Equal(t, want.Names(), got.Names(), "iteration %d", iter)
		for _, c := range want.Columns() {
			if c.Name == ChurnLabel || c.Name == UpsellLabel {
				continue
			}
			g, err := got.Column(c.Name)
			require.NoError(t, err)
			require.Equal(t, c, g, "iteration %d, column %s, rows added:\n%v", iter, c.Name, rows)
		}
	}
	_ = dataset.ErrParse
}
