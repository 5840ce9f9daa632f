// Package beamtest holds what the beam module's tests share: the prism
// runner, and the segmenta command they compare against.
package beamtest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
)

// OnPrism runs a pipeline on the prism runner, in process.
func OnPrism(ctx context.Context, p *beam.Pipeline) error {
	_, err := prism.Execute(ctx, p)
	return err
}

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

// CLI builds the segmenta command once per test binary (the reference:
// segmenta score, segmenta snapshot) and returns its path. It is built in
// the core module (../.. from a package of this module), with its go.mod
// and go.sum: the command imports adapters (pgio, parquetio) whose
// dependencies this module's go.sum does not list.
func CLI(t testing.TB) string {
	t.Helper()
	cliOnce.Do(func() {
		dir, err := os.MkdirTemp("", "segmenta-cli")
		if err != nil {
			cliErr = err
			return
		}
		cliPath = filepath.Join(dir, "segmenta")
		build := exec.Command("go", "build", "-o", cliPath, "./cmd/segmenta")
		build.Dir = filepath.Join("..", "..")
		if out, err := build.CombinedOutput(); err != nil {
			cliErr = err
			t.Logf("%s", out)
		}
	})
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	return cliPath
}
