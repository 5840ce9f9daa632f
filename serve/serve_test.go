package serve_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
	"github.com/segmenta/segmenta/serve"
	"github.com/segmenta/segmenta/sqlgen/sqltest"
)

// accountsJSON renders rows lo..hi of t as the JSON accounts of a request.
func accountsJSON(t *testing.T, m *segmenta.Model, tbl *dataset.Table, lo, hi int) []byte {
	t.Helper()
	cols := sqltest.Columns(m)
	rows, err := sqltest.Rows(tbl.Slice(lo, hi), cols)
	if err != nil {
		t.Fatal(err)
	}
	accts := make([]map[string]any, len(rows))
	for i, r := range rows {
		a := make(map[string]any, len(cols))
		for j, c := range cols {
			if r[j] != nil {
				a[c.Name] = r[j]
			}
		}
		accts[i] = a
	}
	b, err := json.Marshal(accts)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func post(t *testing.T, url string, body []byte) (int, []byte) {
	t.Helper()
	resp, err := http.Post(url+"/v1/score", "application/json", bytes.NewReader(body))
	return answer(t, resp, err)
}

// answer returns the status code and body of a response.
func answer(t *testing.T, resp *http.Response, err error) (int, []byte) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// TestScoresEqualBatch posts the 100,000 accounts of the SQL tests (10,000
// with -short) in requests of 5,000 and checks every answer against the
// batch scores bit for bit: same code path, and JSON numbers round-trip.
func TestScoresEqualBatch(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	m, tbl, err := sqltest.Fixture(n, 18)
	if err != nil {
		t.Fatal(err)
	}
	want, err := m.Score(tbl)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := serve.New(m, "fixture", serve.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	const per = 5000
	for lo := 0; lo < n; lo += per {
		code, body := post(t, ts.URL, accountsJSON(t, m, tbl, lo, lo+per))
		if code != http.StatusOK {
			t.Fatalf("status %d: %s", code, body)
		}
		var res serve.Response
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) > 0 || len(res.Scores) != per {
			t.Fatalf("%d scores, errors %v", len(res.Scores), res.Errors)
		}
		for i, g := range res.Scores {
			w := want[lo+i]
			if g.Index != i || g.ID != w.ID || g.Segment != w.Segment || g.MicroSegment != w.MicroSegment ||
				g.SegmentName != w.SegmentName || g.RiskBand != w.RiskBand ||
				strings.Join(g.Reasons, "; ") != strings.Join(w.Reasons, "; ") ||
				!same(g.Churn, w.Churn) || !same(g.Upsell, w.Upsell) {
				t.Fatalf("account %d: HTTP %+v, batch %+v", lo+i, g, w)
			}
		}
	}
}

func same(g, w float64) bool {
	return g == w || math.IsNaN(g) && math.IsNaN(w)
}

func smallServer(t *testing.T, cfg serve.Config) (*serve.Server, *segmenta.Model, *dataset.Table, *httptest.Server) {
	t.Helper()
	m, tbl, err := sqltest.Fixture(2000, 5)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := serve.New(m, "fixture", cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return srv, m, tbl, ts
}

// TestBadRequests: malformed and oversized bodies get a 400 or 413 with
// the reason, and invalid accounts an error each while the others are
// scored.
func TestBadRequests(t *testing.T) {
	_, m, tbl, ts := smallServer(t, serve.Config{MaxBodyBytes: 64 << 10, MaxAccounts: 50})
	for _, c := range []struct {
		name, body string
		code       int
		msg        string
	}{
		{"empty", "", 400, "empty body"},
		{"truncated", `[{"account_id": "A1"`, 400, "unexpected EOF"},
		{"not an object", `[1, 2]`, 400, "malformed"},
		{"scalar", `"A1"`, 400, "want a JSON object"},
		{"two values", `{"account_id": "A1"} {"account_id": "A2"}`, 400, "data after"},
		{"oversized", `[` + strings.Repeat(`{"account_id": "A1"},`, 4000) + `{}]`, 413, "larger than 65536 bytes"},
		{"too many accounts", `[` + strings.Repeat(`{"account_id": "A1"},`, 60) + `{}]`, 413, "at most 50"},
	} {
		code, body := post(t, ts.URL, []byte(c.body))
		if code != c.code || !strings.Contains(string(body), c.msg) {
			t.Errorf("%s: status %d %s, want %d with %q", c.name, code, body, c.code, c.msg)
		}
	}
	resp, err := http.Get(ts.URL + "/v1/score")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /v1/score: status %d", resp.StatusCode)
	}

	// One bad value per account: each gets its error, the good one a score.
	var accts []map[string]any
	if err := json.Unmarshal(accountsJSON(t, m, tbl, 0, 4), &accts); err != nil {
		t.Fatal(err)
	}
	num, cat := "", ""
	for _, c := range m.Inputs().Columns {
		if c.Kind == dataset.Numeric && num == "" {
			num = c.Name
		}
		if c.Kind == dataset.Categorical && cat == "" {
			cat = c.Name
		}
	}
	accts[0][num] = "many"
	delete(accts[1], m.IDColumn())
	accts[3][cat] = []int{1}
	b, _ := json.Marshal(accts)
	code, body := post(t, ts.URL, b)
	var res serve.Response
	if err := json.Unmarshal(body, &res); code != 200 || err != nil {
		t.Fatalf("status %d %v: %s", code, err, body)
	}
	if len(res.Scores) != 1 || res.Scores[0].Index != 2 || len(res.Errors) != 3 {
		t.Fatalf("scores %+v errors %+v", res.Scores, res.Errors)
	}
	for i, want := range []struct {
		index  int
		column string
	}{{0, num}, {1, m.IDColumn()}, {3, cat}} {
		if e := res.Errors[i]; e.Index != want.index || e.Column != want.column || e.Message == "" {
			t.Errorf("error %d: %+v, want index %d column %q", i, e, want.index, want.column)
		}
	}
	// A single invalid account is a 422.
	code, body = post(t, ts.URL, []byte(`{"`+m.IDColumn()+`": 7}`))
	if code != http.StatusUnprocessableEntity || !strings.Contains(string(body), "must be a JSON string") {
		t.Errorf("single invalid account: status %d %s", code, body)
	}
}

// TestReloadCorruptKeepsModel: a reload from a corrupt or truncated file
// fails, the previous model keeps answering with the same scores, and the
// failure is counted; a valid file then replaces the model.
func TestReloadCorruptKeepsModel(t *testing.T) {
	srv, m, tbl, ts := smallServer(t, serve.Config{})
	req := accountsJSON(t, m, tbl, 0, 20)
	_, before := post(t, ts.URL, req)

	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	dir := t.TempDir()
	path := filepath.Join(dir, "model.json")
	load := func() (*segmenta.Model, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return segmenta.Load(f)
	}
	flipped := bytes.Clone(good)
	i := bytes.Index(flipped, []byte(`"coef"`))
	if i < 0 {
		i = len(flipped) / 2
	}
	flipped[i+20] ^= 1
	for name, b := range map[string][]byte{
		"truncated": good[:len(good)/2], "bit flipped": flipped, "empty": nil, "not JSON": []byte("model"),
	} {
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := srv.Reload(path, load); err == nil {
			t.Fatalf("%s: reload succeeded", name)
		}
		if srv.Model() != m {
			t.Fatalf("%s: the model changed after a failed reload", name)
		}
		if _, after := post(t, ts.URL, req); !bytes.Equal(before, after) {
			t.Fatalf("%s: scores changed after a failed reload", name)
		}
	}
	metrics := get(t, ts.URL+"/metrics")
	if !strings.Contains(metrics, `segmenta_model_reloads_total{result="failed"} 4`) {
		t.Errorf("metrics do not count 4 failed reloads:\n%s", metrics)
	}
	if err := os.WriteFile(path, good, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := srv.Reload(path, load); err != nil {
		t.Fatal(err)
	}
	if srv.Model() == m {
		t.Fatal("a valid reload kept the old model")
	}
	if _, after := post(t, ts.URL, req); !bytes.Equal(before, after) {
		t.Fatal("the reloaded model (the same file) scores differently")
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return string(b)
}

// TestGracefulShutdown: ending the context stops the server after the
// request in flight is answered.
func TestGracefulShutdown(t *testing.T) {
	m, tbl, err := sqltest.Fixture(2000, 5)
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := serve.New(m, "fixture", serve.Config{})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, l) }()
	url := "http://" + l.Addr().String()
	if h := get(t, url+"/healthz"); !strings.Contains(h, `"status":"ok"`) {
		t.Fatalf("healthz: %s", h)
	}
	// A request in flight when the context ends (its body half sent) is
	// still answered.
	body := accountsJSON(t, m, tbl, 0, 2000)
	pr, pw := io.Pipe()
	answered := make(chan int, 1)
	go func() {
		resp, err := http.Post(url+"/v1/score", "application/json", pr)
		if err != nil {
			t.Error(err)
			answered <- -1
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	if _, err := pw.Write(body[:len(body)/2]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	cancel()
	time.Sleep(100 * time.Millisecond)
	if _, err := pw.Write(body[len(body)/2:]); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if code := <-answered; code != http.StatusOK {
		t.Fatalf("request in flight: status %d", code)
	}
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Fatal("the server still answers after shutdown")
	}
}

// TestClientGoneIsNot503: a request whose client goes away before the
// answer (here, mid-body) is counted as 499 in /metrics, not as a 503
// timeout.
func TestClientGoneIsNot503(t *testing.T) {
	_, _, _, ts := smallServer(t, serve.Config{})
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/v1/score", pr)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	if _, err := pw.Write([]byte(`[{"account_id": "A1", `)); err != nil { // the body never ends
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("the cancelled request got an answer")
	}
	pw.Close()
	want := `segmenta_http_requests_total{code="499"} 1`
	for range 100 { // the server notices the disconnect asynchronously
		if m := get(t, ts.URL+"/metrics"); strings.Contains(m, want) {
			if strings.Contains(m, `code="503"`) {
				t.Fatalf("a 503 was counted:\n%s", m)
			}
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("/metrics never counted %s:\n%s", want, get(t, ts.URL+"/metrics"))
}

// TestDriftEqualsLibrary: GET /v1/drift after accounts posted in several
// requests (one of them refused) is the drift table of the scored accounts
// as segmenta score -drift x.json writes it (Model.Drift on their table,
// WriteJSON), byte for byte; /metrics has the PSI of each column; a reload
// starts the counts again.
func TestDriftEqualsLibrary(t *testing.T) {
	srv, m, tbl, ts := smallServer(t, serve.Config{PSIWarn: 0.05, PSIAlert: 0.2})
	get := func(path string) (int, []byte) {
		resp, err := http.Get(ts.URL + path)
		return answer(t, resp, err)
	}
	if code, _ := get("/v1/drift"); code != http.StatusNotFound {
		t.Fatalf("before any account: %d", code)
	}
	n := 1500
	for lo := 0; lo < n; lo += 400 {
		body := accountsJSON(t, m, tbl, lo, min(lo+400, n))
		if lo == 0 { // an account that is refused: not counted
			body = append([]byte(`[{"account_id":"bad","`+m.Inputs().Columns[0].Name+`":{}},`), body[1:]...)
		}
		if code, b := post(t, ts.URL, body); code != http.StatusOK {
			t.Fatalf("status %d: %s", code, b)
		}
	}
	code, got := get("/v1/drift")
	if code != http.StatusOK {
		t.Fatalf("drift: %d %s", code, got)
	}
	rep, err := m.Drift(tbl.Slice(0, n), drift.Thresholds{Warn: 0.05, Alert: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := rep.WriteJSON(&want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("drift:\n%.600s\nwant\n%.600s", got, want.Bytes())
	}
	_, metrics := get("/metrics")
	for _, c := range rep.Columns {
		line := `segmenta_drift_psi{column="` + c.Column + `",kind="` + c.Kind + `"} ` + strconv.FormatFloat(c.PSI, 'g', -1, 64) + "\n"
		if !bytes.Contains(metrics, []byte(line)) {
			t.Fatalf("/metrics lacks %q", line)
		}
	}
	if err := srv.Reload("again", func() (*segmenta.Model, error) { return m, nil }); err != nil {
		t.Fatal(err)
	}
	if code, _ := get("/v1/drift"); code != http.StatusNotFound {
		t.Fatalf("after a reload: %d", code)
	}
	if _, err := serve.New(m, "x", serve.Config{PSIWarn: 0.3, PSIAlert: 0.2}); err == nil {
		t.Fatal("warn > alert: no error")
	}
}
