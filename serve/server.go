package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
)

// Defaults of Config.
const (
	DefaultMaxBodyBytes = 8 << 20
	DefaultMaxAccounts  = 10_000
	DefaultTimeout      = 10 * time.Second
)

// Config sets the limits of a Server. The zero value means the defaults.
type Config struct {
	// MaxBodyBytes bounds a request body; zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxAccounts bounds the accounts of one request; zero means
	// DefaultMaxAccounts.
	MaxAccounts int
	// Timeout bounds the handling of one request; zero means
	// DefaultTimeout.
	Timeout time.Duration
	// PSIWarn and PSIAlert are the thresholds of the drift statuses of
	// GET /v1/drift and /metrics (segmenta score -psi-warn, -psi-alert);
	// zero means drift.DefaultWarn and drift.DefaultAlert.
	PSIWarn, PSIAlert float64
}

func (c Config) withDefaults() Config {
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxAccounts <= 0 {
		c.MaxAccounts = DefaultMaxAccounts
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.PSIWarn <= 0 {
		c.PSIWarn = drift.DefaultWarn
	}
	if c.PSIAlert <= 0 {
		c.PSIAlert = drift.DefaultAlert
	}
	return c
}

// Server scores accounts over HTTP with the model it holds. It is safe for
// concurrent use.
type Server struct {
	cfg     Config
	model   atomic.Pointer[loaded]
	metrics metrics
}

// loaded is a model, what /healthz says about it, and the drift counts of
// the accounts it scored.
type loaded struct {
	m      *segmenta.Model
	source string
	at     time.Time
	drift  *driftCounts // nil for a model without a drift reference
}

func newLoaded(m *segmenta.Model, source string) *loaded {
	l := &loaded{m: m, source: source, at: time.Now()}
	if ref := m.ScoringParts().Drift; ref != nil {
		b := drift.NewBinner(ref)
		l.drift = &driftCounts{bin: b, tally: b.NewTally(),
			churn: b.ScoreIndex("churn"), upsell: b.ScoreIndex("upsell")}
	}
	return l
}

// New returns a Server over m; source names the model (its file) in
// /healthz and the logs.
func New(m *segmenta.Model, source string, cfg Config) (*Server, error) {
	if m == nil {
		return nil, errors.New("serve: no model")
	}
	if cfg.PSIWarn < 0 || cfg.PSIAlert < 0 {
		return nil, fmt.Errorf("serve: PSIWarn %v, PSIAlert %v: want 0 < warn <= alert, finite", cfg.PSIWarn, cfg.PSIAlert)
	}
	cfg = cfg.withDefaults()
	if cfg.PSIWarn > cfg.PSIAlert || math.IsInf(cfg.PSIAlert, 0) {
		return nil, fmt.Errorf("serve: PSIWarn %v, PSIAlert %v: want 0 < warn <= alert, finite", cfg.PSIWarn, cfg.PSIAlert)
	}
	s := &Server{cfg: cfg}
	s.model.Store(newLoaded(m, source))
	return s, nil
}

// Reload replaces the model with the one load returns. When load fails
// (a corrupt file, a bad signature), the current model stays and the
// error is returned; reloads are counted by result in /metrics. The drift
// counts start again from zero with the new model.
func (s *Server) Reload(source string, load func() (*segmenta.Model, error)) error {
	m, err := load()
	if err == nil && m == nil {
		err = errors.New("no model")
	}
	if err != nil {
		s.metrics.reloads[1].Add(1)
		return fmt.Errorf("serve: reload %s: keeping the current model: %w", source, err)
	}
	s.model.Store(newLoaded(m, source))
	s.metrics.reloads[0].Add(1)
	return nil
}

// Model returns the model being served.
func (s *Server) Model() *segmenta.Model { return s.model.Load().m }

// Handler returns the HTTP handler of the service.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/score", s.score)
	mux.HandleFunc("GET /healthz", s.health)
	mux.HandleFunc("GET /metrics", s.writeMetrics)
	mux.HandleFunc("GET /v1/drift", s.driftReport)
	return s.metrics.count(http.TimeoutHandler(mux, s.cfg.Timeout, `{"error":"request timed out"}`))
}

// Response is the body of a scoring answer: the scores of the accounts
// that could be scored and the errors of the others, each in input order.
type Response struct {
	Scores []Score    `json:"scores"`
	Errors []RowError `json:"errors"`
}

// Score is one account's scores with its position in the request. Its
// JSON is segmenta.Score's (batch.Score.MarshalJSON: the CSV output's
// column names, null churn or upsell without such a model) with "index"
// first.
type Score struct {
	Index int
	segmenta.Score
}

// MarshalJSON writes {"index":N, ...the fields of segmenta.Score}.
func (s Score) MarshalJSON() ([]byte, error) {
	b, err := s.Score.MarshalJSON()
	if err != nil {
		return nil, err
	}
	head := `{"index":` + strconv.Itoa(s.Index)
	if len(b) > 2 {
		head += ","
	}
	return append([]byte(head), b[1:]...), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Score) UnmarshalJSON(b []byte) error {
	var idx struct {
		Index int `json:"index"`
	}
	if err := json.Unmarshal(b, &idx); err != nil {
		return err
	}
	s.Index = idx.Index
	return s.Score.UnmarshalJSON(b)
}

func (s *Server) score(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", mb.Limit))
			return
		}
		httpError(w, http.StatusBadRequest, "reading the body: "+err.Error())
		return
	}
	accts, single, err := decodeAccounts(body)
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	if len(accts) > s.cfg.MaxAccounts {
		httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("%d accounts, at most %d per request", len(accts), s.cfg.MaxAccounts))
		return
	}
	l := s.model.Load() // one model for the scores and their drift counts
	res, t, scores, err := scoreAccounts(r.Context(), l.m, accts)
	if err == nil && t != nil {
		err = l.drift.add(t, scores)
	}
	if err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	s.metrics.scored.Add(int64(len(res.Scores)))
	s.metrics.refused.Add(int64(len(res.Errors)))
	code := http.StatusOK
	if single && len(res.Errors) > 0 {
		code = http.StatusUnprocessableEntity
	}
	writeJSON(w, code, res)
}

// scoreAccounts scores the valid accounts with m. A row the model refuses
// (a missing value in a column fitted without imputation) becomes that
// account's error and the others are scored again without it. It also
// returns the table of the scored accounts (nil for none) and their
// scores.
func scoreAccounts(ctx context.Context, m *segmenta.Model, accts []map[string]json.RawMessage) (*Response, *dataset.Table, []segmenta.Score, error) {
	t, index, bad := table(m, accts)
	res := &Response{Scores: []Score{}, Errors: append([]RowError{}, bad...)}
	for t != nil {
		if err := ctx.Err(); err != nil {
			return nil, nil, nil, err
		}
		scores, err := m.Score(t)
		var ce *dataset.ColumnError
		if errors.As(err, &ce) && ce.Row >= 0 && ce.Row < t.Len() {
			i := index[ce.Row]
			res.Errors = append(res.Errors, RowError{Index: i, ID: t.IDs[ce.Row], Column: ce.Column, Message: errors.Unwrap(ce).Error()})
			keep := make([]int, 0, t.Len()-1)
			for r := range t.Len() {
				if r != ce.Row {
					keep = append(keep, r)
				}
			}
			index = append(index[:ce.Row:ce.Row], index[ce.Row+1:]...)
			if len(keep) == 0 {
				t = nil
				break
			}
			t = t.Subset(keep)
			continue
		}
		if err != nil {
			return nil, nil, nil, err
		}
		for r := range scores {
			res.Scores = append(res.Scores, jsonScore(index[r], &scores[r]))
		}
		sortErrors(res.Errors)
		return res, t, scores, nil
	}
	sortErrors(res.Errors)
	return res, nil, nil, nil
}

func jsonScore(i int, sc *segmenta.Score) Score {
	out := Score{Index: i, Score: *sc}
	out.Reasons = append([]string{}, sc.Reasons...)
	return out
}

// sortErrors puts errors in input order (insertion sort: few errors).
func sortErrors(e []RowError) {
	for i := 1; i < len(e); i++ {
		for j := i; j > 0 && e[j].Index < e[j-1].Index; j-- {
			e[j], e[j-1] = e[j-1], e[j]
		}
	}
}

func (s *Server) health(w http.ResponseWriter, _ *http.Request) {
	l := s.model.Load()
	writeJSON(w, http.StatusOK, map[string]any{
		"status": "ok", "model": l.source, "loaded_at": l.at.UTC().Format(time.RFC3339),
		"segments": l.m.NumSegments(), "inputs": len(l.m.Inputs().Columns),
	})
}

func httpError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
