package features

import (
	"bytes"
	"testing"
)

// FuzzLoadPipeline: any input gives a pipeline or an error, never a panic,
// and a loaded pipeline can transform the fit table.
func FuzzLoadPipeline(f *testing.F) {
	p, err := basicSpec().Fit(accounts(f))
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"segmenta.features","version":1}`))
	f.Add([]byte(`{"format":"segmenta.features","version":1,"columns":[{"name":"a","source":"numeric","width":1,"value":true,"scale":1}],"features":[{"name":"a","source":"a"}]}`))
	tb := accounts(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		q, err := LoadPipeline(bytes.NewReader(b))
		if err != nil {
			return
		}
		_, _ = q.Transform(tb)
	})
}

// FuzzReadSpec: any input gives a valid spec or an error, never a panic.
func FuzzReadSpec(f *testing.F) {
	f.Add([]byte(specYAML))
	f.Add([]byte(`{"columns":[{"name":"a","role":"numeric","buckets":[1,2]}]}`))
	tb := accounts(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ReadSpec(bytes.NewReader(b))
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("ReadSpec returned an invalid spec: %v", err)
		}
		_, _ = s.Fit(tb)
	})
}
