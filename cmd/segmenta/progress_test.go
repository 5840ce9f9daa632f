package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	e := &env{stderr: &buf, tty: true, log: slog.New(slog.NewTextHandler(&buf, nil))}
	p := newProgress(e, "scoring", "B", 1000)
	p.set(500, 0)
	p.set(1000, 0)
	p.finish(1000)
	out := buf.String()
	assert.Contains(t, out, "\rscoring")
	assert.Contains(t, out, "100.0%")
	assert.Contains(t, out, "[==============================]")
	assert.True(t, strings.HasSuffix(out, "\n"))

	// Not a terminal: log lines, no carriage returns.
	buf.Reset()
	e.tty = false
	p = newProgress(e, "fit", "steps", 0)
	p.stage("features", 0, 2)
	p.stage("segments", 0, 1)
	assert.NotContains(t, buf.String(), "\r")
	assert.Contains(t, buf.String(), "name=segments")
}

func TestHuman(t *testing.T) {
	assert.Equal(t, "1.5 MB", human(1.5e6, "B"))
	assert.Equal(t, "2.0 krows", human(2000, "rows"))
	assert.Equal(t, "12 rows", human(12, "rows"))
}
