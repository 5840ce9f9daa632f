package beamfs

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// PrepareOut makes the local output folder out and the folders dirs below
// it, refusing a folder that holds files (an error wrapping exists) unless
// overwrite is set; with overwrite, the dirs and summary.json a previous
// job wrote are removed first, so that no stale part survives. Remote
// folders (gs://...) are left to the caller.
func PrepareOut(out string, overwrite bool, exists error, dirs ...string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(ents) > 0 && !overwrite {
		return fmt.Errorf("%w: %s (set overwrite to replace a previous job's output)", exists, out)
	}
	for _, d := range dirs {
		if err := os.RemoveAll(filepath.Join(out, d)); err != nil {
			return err
		}
		if err := os.Mkdir(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	return os.RemoveAll(filepath.Join(out, "summary.json"))
}

// ReadSummary decodes summary.json of the local output folder out into v.
func ReadSummary(out string, v any) error {
	p := filepath.Join(out, "summary.json")
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	return nil
}
