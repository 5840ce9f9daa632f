package snapshot

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSpecJSONRoundTrip: a spec written as JSON (as a model file will
// record it) reads back to the same spec.
func TestSpecJSONRoundTrip(t *testing.T) {
	s, err := ParseSpec(strings.NewReader(fixtureSpec))
	require.NoError(t, err)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	back, err := ParseSpec(bytes.NewReader(b))
	require.NoError(t, err)
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))
	assert.Contains(t, string(b), `"via":{"column":"subscription_id","table":"subscriptions"}`)
}
