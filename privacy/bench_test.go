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
