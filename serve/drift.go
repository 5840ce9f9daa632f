package serve

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
)

// driftCounts are the counts, in the bins of a model's drift reference,
// of the accounts the server scored with that model: what segmenta score
// counts for a file (batch.Counts.Drift), here over the requests since
// the model was loaded. Counts are integers: the order of the requests
// does not change them.
type driftCounts struct {
	bin           *drift.Binner
	churn, upsell int // score columns of the reference, -1 for none

	mu    sync.Mutex
	tally *drift.Tally
}

// add counts the scored accounts of t and their scores. A nil d (a model
// without a drift reference) counts nothing.
func (d *driftCounts) add(t *dataset.Table, scores []segmenta.Score) error {
	if d == nil {
		return nil
	}
	tl := d.bin.NewTally()
	if err := tl.AddTable(t, nil); err != nil {
		return fmt.Errorf("serve: drift: %w", err)
	}
	for i := range scores {
		if d.churn >= 0 {
			tl.AddScore(d.churn, scores[i].Churn)
		}
		if d.upsell >= 0 {
			tl.AddScore(d.upsell, scores[i].Upsell)
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.tally.Merge(tl)
}

// report is the drift table of the counts so far (drift.ErrEmpty before
// any account was scored).
func (d *driftCounts) report(th drift.Thresholds) (*drift.Report, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.tally.Report(th)
}

func (s *Server) thresholds() drift.Thresholds {
	return drift.Thresholds{Warn: s.cfg.PSIWarn, Alert: s.cfg.PSIAlert}
}

// driftReport answers GET /v1/drift: the drift table of the accounts
// scored since the model was loaded, as segmenta score -drift x.json
// writes it; 404 for a model without a drift reference or before any
// account was scored.
func (s *Server) driftReport(w http.ResponseWriter, _ *http.Request) {
	d := s.model.Load().drift
	if d == nil {
		httpError(w, http.StatusNotFound, batch.ErrNoDrift.Error())
		return
	}
	rep, err := d.report(s.thresholds())
	if errors.Is(err, drift.ErrEmpty) {
		httpError(w, http.StatusNotFound, "no account scored since the model was loaded")
		return
	}
	if err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = rep.WriteJSON(w)
}

// writeDriftMetrics writes the PSI of each column of the drift table
// (nothing for a model without a reference or before any account).
func (s *Server) writeDriftMetrics(p func(string, ...any)) {
	d := s.model.Load().drift
	if d == nil {
		return
	}
	rep, err := d.report(s.thresholds())
	if err != nil {
		return
	}
	p("# HELP segmenta_drift_psi Population stability index of an input column or score of the accounts scored since the model was loaded, against the training accounts.\n# TYPE segmenta_drift_psi gauge\n")
	for _, c := range rep.Columns {
		p("segmenta_drift_psi{column=\"%s\",kind=\"%s\"} %s\n", labelEscaper.Replace(c.Column), labelEscaper.Replace(c.Kind),
			strconv.FormatFloat(c.PSI, 'g', -1, 64))
	}
}

// labelEscaper escapes a Prometheus label value (text format 0.0.4).
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
