package snapshot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/require"
)

// The fixture export, as of cutoff 2024-06-01 (horizon 60 days, data end
// 2024-09-30):
//
//	a1: one subscription renewed at the cutoff's month, upgraded (100 -> 150)
//	a2: two overlapping products, the addon ends in the horizon; churn event
//	a3: subscription ends 2024-07-01, not renewed: churns
//	a4: subscription ended before the cutoff: excluded
//	a5: created after the cutoff: not yet an account
const fixtureSpec = `version: 1
data_end: 2024-09-30
accounts:
  table: accounts
  attributes: [industry]
tables:
  - name: accounts
    path: accounts.csv
    key: account_id
    time: created
  - name: subscriptions
    path: subscriptions.csv
    key: subscription_id
    account: account_id
    interval: {start: start, end: end, mrr: mrr, seats: seats, plan: plan, change_days: 30}
  - name: usage
    path: usage.csv
    via: {column: subscription_id, table: subscriptions}
    time: ts
    dates: {layouts: ["2006-01-02 15:04"], zone: Europe/Berlin}
    events:
      windows: [7, 30]
      trend_days: 30
      stats: [{column: duration, ops: [sum, max]}]
      pivots: [{column: event_type, top: 2}]
  - name: tickets
    path: tickets.csv
    account: account_id
    time: opened
    events: {windows: [30]}
  - name: churn_events
    path: churn_events.csv
    account: account_id
    time: at
labels:
  horizon_days: 60
  churn:
    subscriptions: subscriptions
    event: {table: churn_events}
  upsell: {subscriptions: subscriptions, fraction: 0.2}
`

var fixtureFiles = map[string]string{
	"accounts.csv": `account_id,created,industry
a1,2023-01-01,retail
a2,2023-02-01,health
a3,2023-03-01,retail
a4,2023-04-01,
a5,2024-07-01,tech
`,
	"subscriptions.csv": `subscription_id,account_id,start,end,mrr,seats,plan
s1,a1,2023-01-01,2024-05-15,100,10,basic
s2,a1,2024-05-15,2024-07-15,120,12,pro
s7,a1,2024-07-15,,150,15,pro
s3,a2,2023-02-01,,50,5,team
s4,a2,2024-05-20,2024-06-20,30,3,addon
s5,a3,2023-03-01,2024-07-01,80,8,basic
s6,a4,2023-04-01,2024-03-01,60,6,basic
`,
	"usage.csv": `subscription_id,ts,event_type,duration
s1,2024-03-01 10:00,login,5
s2,2024-05-28 10:00,login,3
s2,2024-05-30 12:00,report,10
s3,2024-05-31 23:30,export,2
s4,2024-05-25 08:00,login,1
s3,2024-06-05 09:00,login,4
s9,2024-05-01 09:00,login,4
`,
	"tickets.csv": `account_id,opened
a2,2024-05-10
a2,2024-05-10
a3,2024-01-10
zz,2024-02-01
a1,2024-10-05
`,
	"churn_events.csv": `account_id,at
a2,2024-07-10
`,
	// Used by TestLabelEvents only.
	"plan_changes.csv": `account_id,at,kind,delta
a3,2024-06-15,upgrade,10
a2,2024-06-20,downgrade,-5
a1,2024-05-01,upgrade,20
a2,2024-09-01,upgrade,5
`,
}

var fixtureCutoff = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

// writeFixture writes the spec and files (after applying edits: file ->
// text to append) into a fresh directory and returns the spec path.
func writeFixture(t testing.TB, spec string, appendRows map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range fixtureFiles {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body+appendRows[name]), 0o644))
	}
	p := filepath.Join(dir, "data.yaml")
	require.NoError(t, os.WriteFile(p, []byte(spec), 0o644))
	return p
}

func loadFixture(t testing.TB, spec string, appendRows map[string]string) (*Data, error) {
	t.Helper()
	s, err := ReadSpecFile(writeFixture(t, spec, appendRows))
	if err != nil {
		return nil, err
	}
	return Load(s)
}

func column(t testing.TB, tb *dataset.Table, name string) []float64 {
	t.Helper()
	c, err := tb.Numeric(name)
	require.NoError(t, err, name)
	return c.Num
}

func replaceSpec(old, new string) string {
	if !strings.Contains(fixtureSpec, old) {
		panic("fixture spec lacks " + old)
	}
	return strings.Replace(fixtureSpec, old, new, 1)
}
