package scoring

import "github.com/segmenta/segmenta/report"

// countsFn sums the Counts of the parts (a combiner: the runner adds
// partial sums on each worker before they travel).
type countsFn struct{}

func (countsFn) CreateAccumulator() Counts { return Counts{} }

func (countsFn) AddInput(a, c Counts) Counts {
	a.add(&c)
	return a
}

func (countsFn) MergeAccumulators(a, b Counts) Counts {
	a.add(&b)
	return a
}

func (countsFn) ExtractOutput(a Counts) Counts { return a }

// kpiFn merges the report.ScoreSums of a segment (a combiner).
type kpiFn struct{}

func (kpiFn) CreateAccumulator() report.ScoreSums { return report.ScoreSums{} }

func (kpiFn) AddInput(a, s report.ScoreSums) report.ScoreSums {
	a.Merge(&s)
	return a
}

func (kpiFn) MergeAccumulators(a, b report.ScoreSums) report.ScoreSums {
	a.Merge(&b)
	return a
}

func (kpiFn) ExtractOutput(a report.ScoreSums) report.ScoreSums { return a }
