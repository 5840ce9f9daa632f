package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeSignals runs 'segmenta serve' as a process: SIGHUP with a
// corrupt model file keeps the old model (same answers, the failure
// logged), SIGHUP with a valid file reloads, SIGTERM exits 0.
func TestServeSignals(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "accounts.csv")
	model := filepath.Join(dir, "model.json")
	if code, _, stderr := cli(t, "synth", "-n", "2000", "-seed", "4", "-o", acc); code != exitOK {
		t.Fatal(stderr)
	}
	if code, _, stderr := cli(t, "fit", "-o", model, acc); code != exitOK {
		t.Fatal(stderr)
	}
	good, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	var stderr bytes.Buffer
	cmd := exec.Command(os.Args[0], "serve", "-model", model, "-addr", addr)
	cmd.Env = append(os.Environ(), "SEGMENTA_TEST_MAIN=1")
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	url := "http://" + addr
	for i := 0; ; i++ {
		if resp, err := http.Get(url + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if i == 200 {
			t.Fatalf("serve did not answer: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	body := `{"account_id": "A1", "plan": "growth", "employees": 120, "csat": 4.1}`
	score := func() string {
		resp, err := http.Post(url+"/v1/score", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, b)
		}
		return string(b)
	}
	before := score()
	metrics := func() string {
		resp, err := http.Get(url + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	waitFor := func(want string) {
		for i := 0; !strings.Contains(metrics(), want); i++ {
			if i == 200 {
				t.Fatalf("metrics never showed %s; stderr:\n%s", want, stderr.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if err := os.WriteFile(model, good[:len(good)/3], 0o600); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGHUP)
	waitFor(`segmenta_model_reloads_total{result="failed"} 1`)
	if after := score(); after != before {
		t.Fatalf("answers changed after a failed reload:\n%s\n%s", before, after)
	}
	if err := os.WriteFile(model, good, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGHUP)
	waitFor(`segmenta_model_reloads_total{result="ok"} 1`)
	if after := score(); after != before {
		t.Fatalf("the same model file, reloaded, answers differently:\n%s\n%s", before, after)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("serve after SIGTERM: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "model reload failed") {
		t.Errorf("the failed reload is not logged:\n%s", stderr.String())
	}
}

// TestSQLCommand: sql prints the query, and refuses an unknown dialect.
func TestSQLCommand(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "accounts.csv")
	model := filepath.Join(dir, "model.json")
	if code, _, stderr := cli(t, "synth", "-n", "2000", "-seed", "4", "-o", acc); code != exitOK {
		t.Fatal(stderr)
	}
	if code, _, stderr := cli(t, "fit", "-o", model, acc); code != exitOK {
		t.Fatal(stderr)
	}
	code, out, stderr := cli(t, "sql", "-model", model, "-dialect", "duckdb", "-table", "crm.accounts")
	if code != exitOK || !strings.Contains(out, `FROM "crm"."accounts"`) || !strings.Contains(out, "AS risk_band") {
		t.Fatalf("exit %d: %s\n%.300s", code, stderr, out)
	}
	if code, _, stderr := cli(t, "sql", "-model", model, "-dialect", "oracle"); code != exitUsage || !strings.Contains(stderr, "oracle") {
		t.Fatalf("unknown dialect: exit %d: %s", code, stderr)
	}
}
