package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestQuickstart(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, 2000))
	require.Contains(t, out.String(), "churn model, held out: ROC AUC")
	require.Contains(t, out.String(), "segment")
}
