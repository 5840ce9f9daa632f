package segmenta

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzLoad: any bytes give a model or an error matching ErrFormat,
// ErrVersion or ErrCorrupt, never a panic or an allocation sized by a count
// the file declares; a loaded model scores the fixture.
func FuzzLoad(f *testing.F) {
	tab, m := fixture(f)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"segmenta.model","version":1,"checksum":""}`))
	f.Add([]byte(`{"format":"segmenta.model","version":2}`))
	head := tab.Slice(0, 20)
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := Load(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrVersion) && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("%v matches none of ErrFormat, ErrVersion, ErrCorrupt", err)
			}
			return
		}
		_, _ = got.Score(head)
	})
}
