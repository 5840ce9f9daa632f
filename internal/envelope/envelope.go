package envelope

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
)

// Header is the start of every model file.
type Header struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

// Head returns h itself: a file struct that embeds Header has the method
// too, which is what Read needs.
func (h *Header) Head() *Header { return h }

// Headed is a file struct embedding Header.
type Headed interface{ Head() *Header }

// Read reads a whole model file from r into v: the header first, so that a
// file of another format or of a newer version is reported as such (ErrFormat,
// ErrVersion) even when its body would not decode, then the body, refusing
// fields v does not have (ErrCorrupt), as ReadHeader, Header.Check and
// Decode do.
func Read(r io.Reader, v Headed, format string, newest int) error {
	b, err := ReadChecked(r, format, newest)
	if err != nil {
		return err
	}
	return Decode(bytes.NewReader(b), v)
}

// ReadChecked reads a whole model file from r and checks its header, as
// Read does, returning the bytes undecoded: a loader verifies their
// checksum (VerifyRaw, SumCompact) before decoding the body.
func ReadChecked(r io.Reader, format string, newest int) ([]byte, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	h, err := ReadHeader(b)
	if err != nil {
		return nil, err
	}
	if err := h.Check(format, newest); err != nil {
		return nil, err
	}
	return b, nil
}

// Check reports whether h names format at a version this library reads,
// 1 to newest. It returns an error wrapping ErrFormat for another format
// and ErrVersion for a version out of range.
func (h Header) Check(format string, newest int) error {
	switch {
	case h.Format != format:
		return fmt.Errorf("%w: format %q, want %q", ErrFormat, h.Format, format)
	case h.Version > newest:
		return fmt.Errorf("%w: file version %d is newer than %d, the newest this library reads; upgrade segmenta", ErrVersion, h.Version, newest)
	case h.Version < 1:
		return fmt.Errorf("%w: version %d", ErrVersion, h.Version)
	}
	return nil
}

// ReadHeader decodes the header of the JSON document b. Input that is not
// a JSON object gives ErrFormat; an object that does not parse (a truncated
// file) gives ErrCorrupt.
func ReadHeader(b []byte) (Header, error) {
	var h Header
	if err := json.Unmarshal(b, &h); err != nil {
		if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
			return h, fmt.Errorf("%w: truncated or invalid JSON: %v", ErrCorrupt, err)
		}
		return h, fmt.Errorf("%w: not JSON: %v", ErrFormat, err)
	}
	return h, nil
}

// Decode reads one JSON value from r into v, refusing fields v does not
// have. A failure wraps ErrCorrupt.
func Decode(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return nil
}

// Encode writes v as JSON followed by a newline, indenting nested values
// by indent ("" for compact output). Go's encoder writes struct fields in
// declaration order and floats in their shortest round-trip form, so the
// output is canonical and a float reads back bit-identical.
func Encode(w io.Writer, v any, indent string) error {
	enc := json.NewEncoder(w)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	return enc.Encode(v)
}

// Sum is the hex SHA-256 of b.
func Sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// SumJSON is the hex SHA-256 of the compact JSON encoding of v, the
// checksum of files that cover their own content.
func SumJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return Sum(b), nil
}

// Verify compares a checksum read from a file with the one computed from
// its content, returning an error wrapping ErrCorrupt when they differ.
func Verify(stored, computed string) error {
	if stored != computed {
		return fmt.Errorf("%w: checksum mismatch (file says %.12s, content gives %.12s): the file was edited or damaged", ErrCorrupt, stored, computed)
	}
	return nil
}
