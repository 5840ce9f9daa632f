package main

import (
	"flag"
	"time"

	"github.com/segmenta/segmenta/report"
	"github.com/segmenta/segmenta/report/figure"
)

// lifecycleFlags are profile's flags of the lifecycle figures; set, they
// override the config file's keys.
type lifecycleFlags struct {
	discount   *float64
	asOf       *string
	tenureUnit *string
}

func addLifecycleFlags(fs *flag.FlagSet) *lifecycleFlags {
	return &lifecycleFlags{
		discount:   fs.Float64("discount-rate", 0, "yearly rate discounting the lifetime value of active accounts (0.1: 10% a year; default 0, none)"),
		asOf:       fs.String("as-of", "", "snapshot `DATE` (2006-01-02) the tenures count to: without a signup date, cohorts by signup month counted back from it"),
		tenureUnit: fs.String("tenure-unit", "", "unit of the tenure column: months (default) or days"),
	}
}

// apply sets the lifecycle settings of pc from the flags that were given.
func (l *lifecycleFlags) apply(fs *flag.FlagSet, pc *report.ProfileConfig) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["discount-rate"] {
		pc.DiscountRate = *l.discount
	}
	if set["tenure-unit"] {
		pc.TenureUnit = *l.tenureUnit
	}
	if set["as-of"] {
		t, err := time.Parse(time.DateOnly, *l.asOf)
		if err != nil {
			return usagef("-as-of %q: want a date 2006-01-02", *l.asOf)
		}
		pc.AsOf = t
	}
	switch {
	case !(pc.DiscountRate >= 0):
		return usagef("-discount-rate %v: want a yearly rate >= 0", pc.DiscountRate)
	case pc.TenureUnit != "" && pc.TenureUnit != report.TenureMonths && pc.TenureUnit != report.TenureDays:
		return usagef("-tenure-unit %q: want months or days", pc.TenureUnit)
	}
	return nil
}

// lifecycleFigures draws the report's MRR bridge, lifetimes and cohorts,
// those it has (each in its section of the page).
func lifecycleFigures(rep *report.Report) []report.Figure {
	var figs []report.Figure
	for _, draw := range []func(*report.Report) (figure.Figure, error){figure.BridgePlot, figure.LifetimePlot, figure.CohortPlot} {
		// An error means the report lacks that part: Not available says why.
		if f, err := draw(rep); err == nil {
			figs = append(figs, f)
		}
	}
	return figs
}
