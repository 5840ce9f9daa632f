package main

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadConfig: any -config file gives a config or an error, never a
// panic; a config read without error gives a segmenta.Config.
func FuzzReadConfig(f *testing.F) {
	f.Add([]byte("segments: 4\nseed: 7\nspec:\n  columns:\n    - {name: mrr, role: numeric}\n"))
	f.Add([]byte(`{"micro_segments": 40, "outcomes": ["churn"], "test_fraction": 0.2}`))
	f.Add([]byte("a: &a [*a, *a, *a]\nb: &b [*a, *a, *a]\n"))
	f.Add([]byte("spec_file: /nonexistent\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "config.yaml")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		fc, err := readConfig(path)
		if err != nil {
			return
		}
		_ = fc.config()
	})
}
