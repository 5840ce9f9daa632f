package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWholesale(t *testing.T) {
	const path = "testdata/wholesale_customers.csv"
	var out bytes.Buffer
	require.NoError(t, run(&out, path))
	require.Contains(t, out.String(), "adjusted Rand index, 2 segments vs channel")
}
