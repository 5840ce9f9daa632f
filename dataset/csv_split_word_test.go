package dataset

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// splitPlain scans a word at a time; it must split exactly as bytes.Split,
// whatever sits next to a separator (bytes one off it, high bytes, runs of
// separators, separators at a word's edges).
func TestSplitPlainWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, sep := range []byte{',', ';', '\t', '|'} {
		alphabet := []byte{sep, sep, sep ^ 1, sep + 1, sep - 1, 'a', '7', '-', '.', 0x01, 0x80, 0xff, 0xc3, 0xa9, ' '}
		rr := &recordReader{comma: sep, maxFields: DefaultMaxColumns}
		for trial := 0; trial < 3000; trial++ {
			l := make([]byte, rng.IntN(70))
			for i := range l {
				l[i] = alphabet[rng.IntN(len(alphabet))]
			}
			want := bytes.Split(l, []byte{sep})
			got, err := rr.splitPlain(l, 1)
			require.NoError(t, err)
			require.Equal(t, len(want), len(got), "sep %q line %q", sep, l)
			for i := range want {
				require.Equal(t, string(want[i]), string(got[i]), "sep %q line %q field %d", sep, l, i)
			}
		}
	}
}

var splitLine = []byte("A0000001,manufacturing,DE,18364,250M+,enterprise,annual,1223,516,104543.25,98711.72,35,1.8,0.187,5,,7,0.306,19,1,none,0,0,Carlos Smith,carlos.smith1@example.com")

// A typical account line: 25 short fields.
func BenchmarkSplitPlain(b *testing.B) {
	rr := &recordReader{comma: ',', maxFields: DefaultMaxColumns}
	b.SetBytes(int64(len(splitLine)))
	for i := 0; i < b.N; i++ {
		rr.splitPlain(splitLine, 1)
	}
}
