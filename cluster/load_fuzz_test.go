package cluster

import (
	"bytes"
	"errors"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The loaders' fuzz targets: any bytes give a model or an error matching
// ErrModelFormat, never a panic or an allocation sized by the file's
// declared counts; a loaded model predicts on a matrix of its shape.

func FuzzLoadKMeans(f *testing.F) {
	X, _ := kmBlobs(40, 2, 2, 5, 1, 3)
	m, err := KMeans{K: 2, Seed: 1}.Fit(X)
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(bytes.Replace(buf.Bytes(), []byte(`"dim":2`), []byte(`"dim":1000000000`), 1))
	f.Add([]byte(`{"format":"segmenta.cluster.kmeans","version":1,"k":1,"dim":1,"centroids":[[0]]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := LoadKMeans(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrModelFormat) {
				t.Fatalf("%v does not match ErrModelFormat", err)
			}
			return
		}
		if _, err := got.Predict(mat.NewDense(1, got.Dim(), nil)); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzLoadDendrogram(f *testing.F) {
	t, err := NewDendrogram(mat.NewDense(2, 4, []float64{0, 1, 1, 2, 2, 3, 2, 3}))
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := t.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"segmenta.dendrogram","version":1,"n":1000000000,"z":[[0,1,1,2]]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := LoadDendrogram(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrModelFormat) {
				t.Fatalf("%v does not match ErrModelFormat", err)
			}
			return
		}
		for k := 1; k <= got.N(); k++ {
			if _, err := got.CutK(k); err != nil {
				t.Fatalf("CutK(%d): %v", k, err)
			}
		}
	})
}

func FuzzLoadMicroMacro(f *testing.F) {
	X, _ := mmSegments(120, 3, 3, 2, 2)
	m, err := MicroMacro{Micro: 6, Macro: 3, Seed: 1}.Fit(X)
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(bytes.Replace(buf.Bytes(), []byte(`"macro":3`), []byte(`"macro":1000000000`), 1))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := LoadMicroMacro(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrModelFormat) {
				t.Fatalf("%v does not match ErrModelFormat", err)
			}
			return
		}
		_, d := got.MicroCentroids().Dims()
		if _, _, err := got.Predict(mat.NewDense(2, d, nil)); err != nil {
			t.Fatal(err)
		}
	})
}
