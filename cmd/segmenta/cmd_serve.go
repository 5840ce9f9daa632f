package main

import (
	"context"
	"math"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/drift"
	"github.com/segmenta/segmenta/serve"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "-model MODEL.json [-addr HOST:PORT] [flags]",
		`Score accounts over HTTP (package serve): POST /v1/score with one account
(a JSON object) or many (an array), GET /healthz, GET /metrics (Prometheus,
with the PSI of each input column and score), GET /v1/drift (the drift table
of the accounts scored since the model was loaded, as 'segmenta score -drift
x.json' writes it). Scores are those of 'segmenta score', bit for bit. SIGHUP reloads the model
file (checking its signature when -verify-key is given) and keeps serving the
old model if the new one does not load; SIGTERM or SIGINT stops accepting
and lets requests in flight finish.`)
	modelPath := fs.String("model", "", "model file (required)")
	verifyKey := verifyKeyFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	maxBody := fs.Int64("max-body", serve.DefaultMaxBodyBytes, "largest request body in bytes (413 beyond)")
	maxAccounts := fs.Int("max-accounts", serve.DefaultMaxAccounts, "most accounts per request (413 beyond)")
	timeout := fs.Duration("timeout", serve.DefaultTimeout, "longest time to handle one request (503 beyond)")
	psiWarn := fs.Float64("psi-warn", drift.DefaultWarn, "population stability index from which a column's drift status is warn")
	psiAlert := fs.Float64("psi-alert", drift.DefaultAlert, "population stability index from which a column's drift status is alert")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *modelPath == "" {
		return usagef("-model is required")
	}
	if fs.NArg() != 0 {
		return usagef("serve takes no arguments")
	}
	if *maxBody <= 0 || *maxAccounts <= 0 || *timeout <= 0 {
		return usagef("-max-body, -max-accounts and -timeout must be positive")
	}
	if !(*psiWarn > 0 && *psiWarn <= *psiAlert) || math.IsInf(*psiAlert, 0) {
		return usagef("-psi-warn %v, -psi-alert %v: want 0 < warn <= alert, finite", *psiWarn, *psiAlert)
	}
	load := func() (*segmenta.Model, error) { return loadModelVerified(*modelPath, *verifyKey) }
	m, err := load()
	if err != nil {
		return err
	}
	srv, err := serve.New(m, *modelPath, serve.Config{MaxBodyBytes: *maxBody, MaxAccounts: *maxAccounts, Timeout: *timeout,
		PSIWarn: *psiWarn, PSIAlert: *psiAlert})
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			if err := srv.Reload(*modelPath, load); err != nil {
				e.log.Error("model reload failed; still serving the previous model", "err", err)
				continue
			}
			e.log.Info("model reloaded", "model", *modelPath)
		}
	}()
	e.log.Info("serving", "addr", l.Addr().String(), "model", *modelPath)
	if err := srv.Serve(ctx, l); err != nil {
		return err
	}
	e.log.Info("stopped", "addr", l.Addr().String())
	return nil
}
