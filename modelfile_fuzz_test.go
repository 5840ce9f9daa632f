package segmenta

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/internal/envelope"
	"github.com/segmenta/segmenta/predict"
)

// FuzzLoad: any bytes give a model or an error matching ErrFormat,
// ErrVersion or ErrCorrupt, never a panic or an allocation sized by a count
// the file declares; a loaded model scores a few accounts. Each input is
// loaded as it is (mutations mostly stop at the checksum) and once more
// with its checksums recomputed (the file checksum, the pipeline hash and
// the logistic models' checksums), as someone editing the file on purpose
// would, so that the decoding and the structural checks behind the
// checksums are fuzzed too.
func FuzzLoad(f *testing.F) {
	tab, _, err := synth.Generate(synth.Config{N: 400, Seed: 1})
	if err != nil {
		f.Fatal(err)
	}
	m, err := Fit(tab, Config{Seed: 1, MicroSegments: 6, Segments: 2})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	// A drift reference whose shares no longer sum to 1 (resealed below).
	f.Add(bytes.Replace(buf.Bytes(), []byte(`"shares": [`), []byte(`"shares": [0.5,`), 1))
	f.Add([]byte(`{"format":"segmenta.model","version":1,"checksum":""}`))
	f.Add([]byte(`{"format":"segmenta.model","version":2}`))
	head := tab.Slice(0, 10)
	load := func(t *testing.T, b []byte) {
		got, err := Load(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrVersion) && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("%v matches none of ErrFormat, ErrVersion, ErrCorrupt", err)
			}
			return
		}
		_, _ = got.Score(head)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		load(t, b)
		if r := resealAll(b); r != nil {
			load(t, r)
		}
	})
}

// resealAll returns the model file b with its checksums recomputed, or nil
// when b does not decode as one.
func resealAll(b []byte) []byte {
	var f modelFile
	if json.Unmarshal(b, &f) != nil {
		return nil
	}
	if stored, sum, err := envelope.SumRaw(f.Features, "hash", true); err == nil && stored != "" {
		f.Features = bytes.Replace(f.Features, []byte(stored), []byte(sum), 1)
	}
	for _, o := range []*predict.OutcomeFile{f.Churn, f.Upsell} {
		if o == nil {
			continue
		}
		for _, sub := range []*json.RawMessage{&o.Logistic, &o.Additive} {
			var lf map[string]json.RawMessage
			if len(*sub) == 0 || json.Unmarshal(*sub, &lf) != nil {
				continue
			}
			sum, err := envelope.SumCompact(lf["model"])
			if err != nil {
				continue
			}
			lf["sha256"], _ = json.Marshal(sum)
			*sub, _ = json.Marshal(lf)
		}
	}
	var err error
	if f.Checksum, err = f.checksum(); err != nil {
		return nil
	}
	var out bytes.Buffer
	if envelope.Encode(&out, &f, " ") != nil {
		return nil
	}
	return out.Bytes()
}
