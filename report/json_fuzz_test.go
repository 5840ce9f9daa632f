package report

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzReadJSON: any input gives a report or an error, and a report read
// back writes again.
func FuzzReadJSON(f *testing.F) {
	f.Add(`{"title":"t","accounts":3,"segments":[{"label":0,"name":"a","size":3,"share":1}]}`)
	f.Add(`{"segments":null}`)
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		rep, err := ReadJSON(strings.NewReader(s))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		_ = rep.JSON(&buf)
	})
}
