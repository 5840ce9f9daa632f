package predict

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzLoadLogistic: arbitrary bytes never panic the loader; anything it
// accepts is a usable model.
func FuzzLoadLogistic(f *testing.F) {
	m, err := NewLogisticModel([]float64{1, -2}, 0.5, []string{"a", "b"}, []float64{0, 1})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.String())
	f.Add(`{"format":"segmenta.predict.logistic","version":1}`)
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := LoadLogistic(strings.NewReader(s))
		if err != nil {
			return
		}
		x := make([]float64, len(got.Coef()))
		if _, err := got.Explain(x, ExplainOptions{Baseline: x}); err != nil {
			t.Fatal(err)
		}
	})
}
