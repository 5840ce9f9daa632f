package privacy

import (
	"fmt"
	"testing"

	"github.com/segmenta/segmenta/dataset"
)

func BenchmarkClassifyName(b *testing.B) {
	names := []string{"email_open_rate", "Telefonnummer", "days_since_last_login", "Staatsangehörigkeit", "USt-IdNr", "feature_adoption"}
	for i := 0; b.Loop(); i++ {
		ClassifyName(names[i%len(names)])
	}
}

// BenchmarkDetectorColumn examines a column of 100,000 distinct strings
// (the detector samples DefaultSample of them).
func BenchmarkDetectorColumn(b *testing.B) {
	vals := make([]string, 100000)
	for i := range vals {
		vals[i] = fmt.Sprintf("Kunde %d aus Köln, Vertrag %d", i, i*7)
	}
	c := &dataset.Column{Name: "notes", Kind: dataset.Categorical, Str: vals}
	for b.Loop() {
		Detector{}.Column(c)
	}
}

// BenchmarkAppendPseudonym is the per-ID cost the scoring hot path pays
// with a Pseudonymiser.
func BenchmarkAppendPseudonym(b *testing.B) {
	p, err := NewPseudonymiser([]byte("0123456789abcdefghijklmnopqrstuvwxyz"), PseudonymOptions{})
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		buf = p.AppendPseudonym(buf[:0], "A0001234")
	}
}
