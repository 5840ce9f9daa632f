package segmenta

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLoadVersion1File reads a model file written before the model-file
// envelope moved to internal/envelope (tag parity-base), with every
// sub-format inside it (features pipeline, micro -> macro segmentation with
// its k-means model and dendrogram, two logistic models), and writes it
// back: the bytes must be those of the file. It was produced with
//
//	git worktree add /tmp/pb parity-base && cd /tmp/pb
//	go run ./cmd/segmenta -quiet synth -n 800 -seed 1 -o a.csv
//	go run ./cmd/segmenta -quiet fit -seed 1 -o model.json a.csv
//	gzip -9 -n model.json
func TestLoadVersion1File(t *testing.T) {
	f, err := os.Open("testdata/model_v1.json.gz")
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	want, err := io.ReadAll(zr)
	require.NoError(t, err)
	m, err := Load(bytes.NewReader(want))
	require.NoError(t, err)
	var got bytes.Buffer
	require.NoError(t, m.Save(&got))
	require.True(t, bytes.Equal(want, got.Bytes()), "re-saved model differs from the version-1 file")
}
