package envelope

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

type doc struct {
	Header
	X   []float64 `json:"x"`
	Sum string    `json:"sum,omitempty"`
}

func TestRoundTripAndChecks(t *testing.T) {
	d := doc{Header: Header{Format: "f", Version: 1}, X: []float64{0.1, 1e300, -3}}
	sum, err := SumJSON(d)
	if err != nil {
		t.Fatal(err)
	}
	d.Sum = sum
	var buf bytes.Buffer
	if err := Encode(&buf, d, " "); err != nil {
		t.Fatal(err)
	}
	want := "{\n \"format\": \"f\",\n \"version\": 1,\n \"x\": [\n  0.1,\n  1e+300,\n  -3\n ],\n \"sum\": \"" + sum + "\"\n}\n"
	if buf.String() != want {
		t.Fatalf("encoded %q, want %q", buf.String(), want)
	}
	h, err := ReadHeader(buf.Bytes())
	if err != nil || h != d.Header {
		t.Fatalf("header %+v, %v", h, err)
	}
	var got doc
	if err := Decode(bytes.NewReader(buf.Bytes()), &got); err != nil {
		t.Fatal(err)
	}
	got.Sum = ""
	again, _ := SumJSON(got)
	if err := Verify(d.Sum, again); err != nil {
		t.Fatal(err)
	}
	got.X[0] = 0.2
	edited, _ := SumJSON(got)
	if err := Verify(d.Sum, edited); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("edited value: %v", err)
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		in   string
		want error
	}{
		{"hello", ErrFormat},
		{"", ErrFormat},
		{`{"format":"f","vers`, ErrCorrupt},
	} {
		if _, err := ReadHeader([]byte(c.in)); !errors.Is(err, c.want) {
			t.Errorf("ReadHeader(%q) = %v, want %v", c.in, err, c.want)
		}
	}
	for _, c := range []struct {
		h    Header
		want error
	}{
		{Header{"g", 1}, ErrFormat},
		{Header{"f", 3}, ErrVersion},
		{Header{"f", 0}, ErrVersion},
		{Header{"f", 2}, nil},
	} {
		if err := c.h.Check("f", 2); !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
			t.Errorf("Check(%+v) = %v, want %v", c.h, err, c.want)
		}
	}
	if err := Decode(strings.NewReader(`{"format":"f","version":1,"y":1}`), &doc{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("unknown field: %v", err)
	}
	err := AsFormat(Verify("a", "b"))
	if !errors.Is(err, ErrFormat) || !errors.Is(err, ErrCorrupt) || err.Error() != Verify("a", "b").Error() {
		t.Errorf("AsFormat: %v", err)
	}
	if AsFormat(nil) != nil {
		t.Error("AsFormat(nil) != nil")
	}
}

// TestReadHeaderFirst: Read reports a file of a newer version as such even
// when its body holds fields this version does not know.
func TestReadHeaderFirst(t *testing.T) {
	var d doc
	err := Read(strings.NewReader(`{"format":"f","version":2,"x":[1],"new":true}`), &d, "f", 1)
	if !errors.Is(err, ErrVersion) {
		t.Fatalf("newer file: %v", err)
	}
	err = Read(strings.NewReader(`{"format":"g","version":1}`), &d, "f", 1)
	if !errors.Is(err, ErrFormat) {
		t.Fatalf("other format: %v", err)
	}
	err = Read(strings.NewReader(`{"format":"f","version":1,"x":[1,`), &d, "f", 1)
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("truncated: %v", err)
	}
	if err := Read(strings.NewReader(`{"format":"f","version":1,"x":[1,2]}`), &d, "f", 1); err != nil || len(d.X) != 2 {
		t.Fatalf("valid file: %v, %+v", err, d)
	}
}

// TestSumRaw: the checksum computed from the bytes of a file is the one
// SumJSON gives on its values, whatever the indentation; an edited value,
// a reordered member or a missing checksum field fails.
func TestSumRaw(t *testing.T) {
	d := doc{Header: Header{Format: "f", Version: 1}, X: []float64{0.1, 1e300, -3}}
	var err error
	if d.Sum, err = SumJSON(d); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, d, "  "); err != nil {
		t.Fatal(err)
	}
	if err := VerifyRaw(buf.Bytes(), "sum", true); err != nil {
		t.Fatalf("file as written: %v", err)
	}
	s := buf.String()
	for name, bad := range map[string]string{
		"edited":    strings.Replace(s, "0.1", "0.2", 1),
		"reordered": `{"version":1,"format":"f","x":[0.1,1e+300,-3],"sum":"` + d.Sum + `"}`,
		"no sum":    strings.Replace(s, `"sum"`, `"sun"`, 1),
		"not json":  s[:len(s)/2],
		"array":     "[1]",
	} {
		if err := VerifyRaw([]byte(bad), "sum", true); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v", name, err)
		}
	}
	sum, err := SumCompact([]byte("[ 1,\n 2 ]"))
	if err != nil || sum != Sum([]byte("[1,2]")) {
		t.Errorf("SumCompact: %v %v", sum, err)
	}
}
