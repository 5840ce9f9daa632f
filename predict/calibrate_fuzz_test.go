package predict

import (
	"bytes"
	"errors"
	"math"
	"testing"
)

// FuzzLoadPlatt and FuzzLoadIsotonic: any bytes give a calibrator or an
// error matching ErrFormat; a loaded calibrator maps scores to finite
// probabilities.

func FuzzLoadPlatt(f *testing.F) {
	var buf bytes.Buffer
	if err := (&PlattModel{A: -1.5, B: 0.25}).Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"segmenta.predict.platt","version":1,"a":1e308,"b":-1e308}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := LoadPlatt(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("%v does not match ErrFormat", err)
			}
			return
		}
		for _, s := range []float64{-1e9, 0, 0.5, 1e9} {
			if p := m.Transform([]float64{s})[0]; math.IsNaN(p) || p < 0 || p > 1 {
				t.Fatalf("Platt(%v, %v) maps %v to %v", m.A, m.B, s, p)
			}
		}
	})
}

func FuzzLoadIsotonic(f *testing.F) {
	var buf bytes.Buffer
	if err := (&IsotonicModel{X: []float64{0, 0.5, 1}, Y: []float64{0.1, 0.2, 0.9}}).Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"segmenta.predict.isotonic","version":1,"x":[1,0],"y":[0,1]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := LoadIsotonic(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("%v does not match ErrFormat", err)
			}
			return
		}
		for _, s := range []float64{-1e9, m.X[0], 0.5, 1e9} {
			if p := m.Transform([]float64{s})[0]; math.IsNaN(p) || math.IsInf(p, 0) {
				t.Fatalf("isotonic maps %v to %v", s, p)
			}
		}
	})
}
