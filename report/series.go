package report

import "math"

// SegmentNames returns the segments' names in report order, the labels a
// per-segment figure (SegmentSizePlot, KPIBarPlot) takes.
func (r *Report) SegmentNames() []string {
	names := make([]string, len(r.Segments))
	for k, s := range r.Segments {
		names[k] = s.Name
	}
	return names
}

// SegmentSizes returns the segments' sizes in report order.
func (r *Report) SegmentSizes() []int {
	sizes := make([]int, len(r.Segments))
	for k, s := range r.Segments {
		sizes[k] = s.Size
	}
	return sizes
}

// SegmentKPI returns one KPI per segment in report order, picked by kpi;
// a KPI without a value (its columns absent, or no account to compute it
// from) is NaN, which the bar plots draw as a gap.
func (r *Report) SegmentKPI(kpi func(KPIs) Metric) []float64 {
	v := make([]float64, len(r.Segments))
	for k, s := range r.Segments {
		v[k] = math.NaN()
		if m := kpi(s.KPIs); m.Valid {
			v[k] = m.Value
		}
	}
	return v
}
