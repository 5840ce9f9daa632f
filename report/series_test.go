package report

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSegmentSeries(t *testing.T) {
	r := &Report{Segments: []Segment{
		{Name: "a", Size: 3, KPIs: KPIs{ChurnRate: Metric{Value: 0.25, Valid: true}}},
		{Name: "b", Size: 5},
	}}
	assert.Equal(t, []string{"a", "b"}, r.SegmentNames())
	assert.Equal(t, []int{3, 5}, r.SegmentSizes())
	v := r.SegmentKPI(func(k KPIs) Metric { return k.ChurnRate })
	assert.Equal(t, 0.25, v[0])
	assert.True(t, math.IsNaN(v[1]), "a KPI without a value is NaN, not 0")
}
