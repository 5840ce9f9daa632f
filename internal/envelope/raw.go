package envelope

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// SumRaw computes the checksum of a file that covers its own content,
// from the file's bytes rather than from decoded values: the SHA-256 of
// the compact JSON of the top-level object b, members in file order, with
// the member named field blanked to "" (drop false) or left out (drop
// true). It returns the checksum the file stores in field and the one its
// bytes give.
//
// Go's encoder writes exactly that compact form before indenting, so a file
// written by Save verifies, whatever whitespace it gained since. Working
// on bytes lets a loader check the checksum before it decodes the body into
// typed values, whose sizes a damaged file could make huge; what this
// allocates is bounded by len(b). Every failure wraps ErrCorrupt.
func SumRaw(b []byte, field string, drop bool) (stored, computed string, err error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", "", fmt.Errorf("%w: not a JSON object", ErrCorrupt)
	}
	var out bytes.Buffer
	out.WriteByte('{')
	found := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", "", fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		key, ok := t.(string)
		if !ok {
			return "", "", fmt.Errorf("%w: object key %v", ErrCorrupt, t)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return "", "", fmt.Errorf("%w: member %q: %v", ErrCorrupt, key, err)
		}
		if key == field {
			if err := json.Unmarshal(raw, &stored); err != nil {
				return "", "", fmt.Errorf("%w: %s is not a string", ErrCorrupt, field)
			}
			found = true
			if drop {
				continue
			}
			raw = json.RawMessage(`""`)
		}
		if out.Len() > 1 {
			out.WriteByte(',')
		}
		k, _ := json.Marshal(key) // a string always encodes
		out.Write(k)
		out.WriteByte(':')
		if err := json.Compact(&out, raw); err != nil {
			return "", "", fmt.Errorf("%w: member %q: %v", ErrCorrupt, key, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return "", "", fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if !found {
		return "", "", fmt.Errorf("%w: no %s", ErrCorrupt, field)
	}
	out.WriteByte('}')
	return stored, Sum(out.Bytes()), nil
}

// VerifyRaw checks the checksum stored in field of the file b against its
// bytes (see SumRaw).
func VerifyRaw(b []byte, field string, drop bool) error {
	stored, computed, err := SumRaw(b, field, drop)
	if err != nil {
		return err
	}
	return Verify(stored, computed)
}

// SumCompact is the hex SHA-256 of the compact form of the JSON value b,
// the checksum of files that store a body beside its checksum.
func SumCompact(b []byte) (string, error) {
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		return "", fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return Sum(out.Bytes()), nil
}
