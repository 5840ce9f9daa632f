package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets a test re-run this binary as the segmenta command.
func TestMain(m *testing.M) {
	if os.Getenv("SEGMENTA_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// cli runs the command in-process and returns its exit code and outputs.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"-quiet"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	code, _, stderr := cli(t)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "no command (one of demo,")
	code, _, stderr = cli(t, "frobnicate")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `unknown command "frobnicate"`)
	code, stdout, _ := cli(t, "help")
	assert.Equal(t, exitOK, code)
	for _, c := range commands() {
		assert.Contains(t, stdout, c.name)
	}
	code, stdout, _ = cli(t, "score", "-h")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "-shard")
	code, _, stderr = cli(t, "score", "x.csv")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "-model is required")
	code, _, _ = cli(t, "score", "-model", "m.json", "-shard", "3/3", "x.csv")
	assert.Equal(t, exitUsage, code)
	code, _, _ = cli(t, "fit", "-nosuchflag", "x.csv")
	assert.Equal(t, exitUsage, code)
}

// writeAccounts writes n synthetic accounts to path (gzip when it ends in
// .gz).
func writeAccounts(t *testing.T, path string, n int, seed uint64) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	if strings.HasSuffix(path, ".gz") {
		zw := gzip.NewWriter(f)
		require.NoError(t, synth.WriteAccountsCSV(zw, synth.Config{N: n, Seed: seed}))
		require.NoError(t, zw.Close())
		return
	}
	require.NoError(t, synth.WriteAccountsCSV(f, synth.Config{N: n, Seed: seed}))
}

func readRecords(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	require.NoError(t, err)
	return recs
}

func TestFitScoreProfileEvaluate(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "accounts.csv")
	code, _, stderr := cli(t, "synth", "-n", "2000", "-seed", "4", "-o", acc)
	require.Equal(t, exitOK, code, stderr)
	model := filepath.Join(dir, "model.json")
	cfg := filepath.Join(dir, "fit.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("segments: 4\nseed: 2\nmicro_segments: 60\n"), 0o644))
	code, stdout, stderr := cli(t, "fit", "-config", cfg, "-o", model, acc)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "churned")
	assert.Contains(t, stdout, "ROC AUC")
	assert.NotContains(t, stdout, "mini-batch")

	// Score a gzip copy with 1% bad rows.
	b, err := os.ReadFile(acc)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	var bad []string
	for i := 5; i < len(lines); i += 100 {
		f := strings.Split(lines[i], ",")
		lines[i] = strings.Join(f[:len(f)-2], ",")
		bad = append(bad, itoa(i+1))
	}
	gz := filepath.Join(dir, "accounts-bad.csv.gz")
	var zbuf bytes.Buffer
	zw := gzip.NewWriter(&zbuf)
	zw.Write([]byte(strings.Join(lines, "\n") + "\n"))
	zw.Close()
	require.NoError(t, os.WriteFile(gz, zbuf.Bytes(), 0o644))
	scores := filepath.Join(dir, "scores.csv")
	code, _, stderr = cli(t, "score", "-model", model, "-o", scores, gz)
	require.Equal(t, exitOK, code, stderr)
	recs := readRecords(t, scores)
	assert.Len(t, recs, 1+2000-len(bad))
	rej := readRecords(t, filepath.Join(dir, "scores.rejects.csv"))
	require.Len(t, rej, 1+len(bad))
	for k, r := range rej[1:] {
		assert.Equal(t, bad[k], r[0])
	}
	// Above the allowed reject rate: data error, and no output file.
	scores2 := filepath.Join(dir, "scores2.csv")
	code, _, _ = cli(t, "score", "-model", model, "-o", scores2, "-max-reject-rate", "0.001", gz)
	assert.Equal(t, exitData, code)
	assert.NoFileExists(t, scores2)
	assertNoTemp(t, dir)

	// Shards cover the input exactly once.
	total := 0
	for _, sh := range []string{"0/2", "1/2"} {
		p := filepath.Join(dir, "shard"+sh[:1]+".csv")
		code, _, stderr = cli(t, "score", "-model", model, "-shard", sh, "-o", p, acc)
		require.Equal(t, exitOK, code, stderr)
		total += len(readRecords(t, p)) - 1
	}
	assert.Equal(t, 2000, total)

	// Missing input columns: data error before any output.
	cut := filepath.Join(dir, "cut.csv")
	var cl []string
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		f := strings.Split(l, ",")
		cl = append(cl, strings.Join(f[:6], ","))
	}
	require.NoError(t, os.WriteFile(cut, []byte(strings.Join(cl, "\n")+"\n"), 0o644))
	code, _, _ = cli(t, "score", "-model", model, "-o", filepath.Join(dir, "cut-scores.csv"), cut)
	assert.Equal(t, exitData, code)
	assert.NoFileExists(t, filepath.Join(dir, "cut-scores.csv"))

	// Profile joins scores and accounts.
	rep := filepath.Join(dir, "report")
	code, stdout, stderr = cli(t, "profile", "-scores", scores, "-out", rep, acc)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "report.html")
	for _, f := range []string{"report.html", "report.md", "segments.csv", "report.json"} {
		assert.FileExists(t, filepath.Join(rep, f))
	}
	html, err := os.ReadFile(filepath.Join(rep, "report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), "data:image/png;base64,")

	// Evaluate on fresh labelled accounts.
	fresh := filepath.Join(dir, "fresh.csv")
	writeAccounts(t, fresh, 1000, 99)
	code, stdout, stderr = cli(t, "evaluate", "-model", model, fresh)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "upsold")
	code, stdout, _ = cli(t, "evaluate", "-model", model, "-held-out", "-json")
	require.Equal(t, exitOK, code)
	assert.Contains(t, stdout, `"roc_auc"`)

	// A model file that is not one.
	code, _, _ = cli(t, "score", "-model", acc, "-o", filepath.Join(dir, "x.csv"), acc)
	assert.Equal(t, exitFailure, code)
}

func TestCluster(t *testing.T) {
	dir := t.TempDir()
	pts := filepath.Join(dir, "points.csv")
	var b strings.Builder
	b.WriteString("id,x,y\n")
	for i := range 300 {
		c := float64(i % 3 * 10)
		b.WriteString(itoa(i) + "," + ftoa(c+float64(i%7)/10) + "," + ftoa(-c+float64(i%5)/10) + "\n")
	}
	require.NoError(t, os.WriteFile(pts, []byte(b.String()), 0o644))
	out := filepath.Join(dir, "labels.csv")
	code, _, stderr := cli(t, "cluster", "-k", "3", "-o", out, pts)
	require.Equal(t, exitOK, code, stderr)
	recs := readRecords(t, out)
	require.Len(t, recs, 301)
	assert.Equal(t, []string{"id", "cluster"}, recs[0])
	// Points of the same blob share a label.
	for i := 1; i+3 < len(recs); i++ {
		assert.Equal(t, recs[i][1], recs[i+3][1])
	}
	code, _, _ = cli(t, "cluster", "-k", "0", pts)
	assert.Equal(t, exitUsage, code)
}

func TestDemoSmall(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := cli(t, "demo", "-n", "3000", "-out", dir)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "riskiest accounts")
	assert.Contains(t, stdout, "Report: ")
	for _, f := range []string{"report.html", "report.md", "model.json", "accounts.csv"} {
		assert.FileExists(t, filepath.Join(dir, f))
	}
}

// A score job killed or interrupted midway leaves no output file. The
// input comes through a pipe, so the test decides when the job is midway:
// once its temporary output file exists and half the rows are sent.
func TestScoreKilledLeavesNoOutput(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "accounts.csv")
	writeAccounts(t, acc, 8000, 3)
	model := filepath.Join(dir, "model.json")
	code, _, stderr := cli(t, "fit", "-o", model, "-segments", "3", acc)
	require.Equal(t, exitOK, code, stderr)
	data, err := os.ReadFile(acc)
	require.NoError(t, err)

	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			out := filepath.Join(dir, "scores-"+itoa(int(sig))+".csv")
			cmd := exec.Command(os.Args[0], "score", "-model", model, "-batch", "256", "-o", out, "-")
			cmd.Env = append(os.Environ(), "SEGMENTA_TEST_MAIN=1")
			stdin, err := cmd.StdinPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			_, err = stdin.Write(data[:len(data)/2])
			require.NoError(t, err)
			// Wait for the temporary output file.
			deadline := time.Now().Add(30 * time.Second)
			for len(temps(t, dir)) == 0 && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			require.NotEmpty(t, temps(t, dir), "temporary output file")
			time.Sleep(200 * time.Millisecond) // let it score what it has
			// The rest of the input never comes: an interrupted job must
			// stop even while its read is blocked.
			require.NoError(t, cmd.Process.Signal(sig))
			err = cmd.Wait()
			require.Error(t, err, "the job must not succeed")
			if sig == syscall.SIGINT {
				var ee *exec.ExitError
				require.ErrorAs(t, err, &ee)
				assert.Equal(t, 130, ee.ExitCode())
			}
			stdin.Close()
			assert.NoFileExists(t, out)
			if sig == syscall.SIGINT {
				assertNoTemp(t, dir) // cleaned up on interrupt
			}
			for _, f := range temps(t, dir) { // left by SIGKILL
				os.Remove(f)
			}
		})
	}
}

func temps(t *testing.T, dir string) []string {
	m, err := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	require.NoError(t, err)
	return m
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	assert.Empty(t, temps(t, dir), "temporary files left behind")
}

func itoa(i int) string { return strconv.Itoa(i) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// TestFitMiniBatchRows: minibatch_rows below the accounts switches the
// micro-segments to mini-batch k-means, and the summary says so.
func TestFitMiniBatchRows(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "accounts.csv")
	code, _, stderr := cli(t, "synth", "-n", "1500", "-seed", "4", "-o", acc)
	require.Equal(t, exitOK, code, stderr)
	cfg := filepath.Join(dir, "fit.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("minibatch_rows: 1000\nlinear_only: true\n"), 0o644))
	code, stdout, stderr := cli(t, "fit", "-config", cfg, "-o", filepath.Join(dir, "model.json"), acc)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "micro segments by mini-batch k-means")
}
