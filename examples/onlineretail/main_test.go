package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The sample holds the transactions of the customers whose ID is a multiple
// of 20 (see testdata/README.md).
func TestOnlineRetailSample(t *testing.T) {
	var out bytes.Buffer
	err := run(&out, "testdata/online_retail_sample.csv.gz", time.Date(2011, 9, 10, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	require.Contains(t, out.String(), "held-out churn ROC AUC")
}
