package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseNAFree(t *testing.T) {
	assert.Equal(t, map[string][]string{
		"kpi-table":     {"NRR", "CSAT (answers)"},
		"segment-table": {"ARR", "ARR share"},
	}, parseNAFree("segment-table:ARR,ARR share; kpi-table: NRR , CSAT (answers),;"))
	assert.Empty(t, parseNAFree(""))
	assert.Empty(t, parseNAFree("no-colon;:NRR"))
}
