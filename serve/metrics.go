package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// durationBuckets are the upper bounds, in seconds, of the request
// duration histogram.
var durationBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics are the counters /metrics exposes.
type metrics struct {
	scored, refused atomic.Int64
	reloads         [2]atomic.Int64 // ok, failed

	mu       sync.Mutex
	byCode   map[int]int64
	buckets  []int64 // per durationBuckets entry (not cumulative)
	sumSecs  float64
	requests int64
}

// StatusClientClosed is the code /metrics counts a request under when
// the client went away before the answer (nginx's 499): http.TimeoutHandler
// answers those 503 as it answers a timeout, and a client's disconnect is
// not the service's failure.
const StatusClientClosed = 499

// count wraps h to count requests by status code and their durations.
func (m *metrics) count(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(sw, r)
		code := sw.code
		if code == http.StatusServiceUnavailable && errors.Is(r.Context().Err(), context.Canceled) {
			code = StatusClientClosed
		}
		m.observe(code, time.Since(start).Seconds())
	})
}

func (m *metrics) observe(code int, secs float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byCode == nil {
		m.byCode = map[int]int64{}
		m.buckets = make([]int64, len(durationBuckets))
	}
	m.byCode[code]++
	m.requests++
	m.sumSecs += secs
	if i := sort.SearchFloat64s(durationBuckets, secs); i < len(durationBuckets) {
		m.buckets[i]++
	}
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

// writeMetrics writes the Prometheus text exposition format (version 0.0.4).
func (s *Server) writeMetrics(w http.ResponseWriter, _ *http.Request) {
	m := &s.metrics
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("# HELP segmenta_accounts_scored_total Accounts scored.\n# TYPE segmenta_accounts_scored_total counter\n")
	p("segmenta_accounts_scored_total %d\n", m.scored.Load())
	p("# HELP segmenta_accounts_refused_total Accounts refused (invalid input), each with an error in its response.\n# TYPE segmenta_accounts_refused_total counter\n")
	p("segmenta_accounts_refused_total %d\n", m.refused.Load())
	p("# HELP segmenta_model_reloads_total Model reloads by result; a failed reload keeps the current model.\n# TYPE segmenta_model_reloads_total counter\n")
	p("segmenta_model_reloads_total{result=\"ok\"} %d\n", m.reloads[0].Load())
	p("segmenta_model_reloads_total{result=\"failed\"} %d\n", m.reloads[1].Load())
	p("# HELP segmenta_model_loaded_timestamp_seconds When the current model was loaded.\n# TYPE segmenta_model_loaded_timestamp_seconds gauge\n")
	p("segmenta_model_loaded_timestamp_seconds %d\n", s.model.Load().at.Unix())
	s.writeDriftMetrics(p)

	m.mu.Lock()
	defer m.mu.Unlock()
	codes := make([]int, 0, len(m.byCode))
	for c := range m.byCode {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	p("# HELP segmenta_http_requests_total HTTP requests by status code.\n# TYPE segmenta_http_requests_total counter\n")
	for _, c := range codes {
		p("segmenta_http_requests_total{code=\"%d\"} %d\n", c, m.byCode[c])
	}
	p("# HELP segmenta_http_request_duration_seconds HTTP request durations.\n# TYPE segmenta_http_request_duration_seconds histogram\n")
	var cum int64
	for i, le := range durationBuckets {
		if m.buckets != nil {
			cum += m.buckets[i]
		}
		p("segmenta_http_request_duration_seconds_bucket{le=\"%s\"} %d\n", strconv.FormatFloat(le, 'g', -1, 64), cum)
	}
	p("segmenta_http_request_duration_seconds_bucket{le=\"+Inf\"} %d\n", m.requests)
	p("segmenta_http_request_duration_seconds_sum %s\n", strconv.FormatFloat(m.sumSecs, 'g', -1, 64))
	p("segmenta_http_request_duration_seconds_count %d\n", m.requests)
}
