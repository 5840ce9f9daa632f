package privacy

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"hash"
	"os"
	"sync"
)

// EnvPseudonymKey is the environment variable PseudonymiserFromEnv reads
// the key from.
const EnvPseudonymKey = "SEGMENTA_PSEUDONYM_KEY"

// Key requirements. They reject short keys and placeholders ("changeme",
// all zeros); they do not measure entropy: generate the key at random,
// for example with `openssl rand -hex 32`.
const (
	MinKeyLen      = 32 // bytes
	MinKeyDistinct = 8  // distinct byte values
)

// Pseudonym encodings.
const (
	Hex    = "hex"    // lower-case hexadecimal, 4 bits a character
	Base32 = "base32" // lower-case RFC 4648 base32 without padding, 5 bits a character
)

// Default and allowed pseudonym lengths in characters. The default keeps
// 80 bits of the HMAC: among 100 million IDs the chance that two share a
// pseudonym is about 4e-9. The minimum keeps 64 bits.
const (
	DefaultHexLength    = 20
	DefaultBase32Length = 16
	MinHexLength        = 16
	MinBase32Length     = 13
	MaxHexLength        = 64 // all 256 bits
	MaxBase32Length     = 52
)

// PseudonymOptions choose the form of a pseudonym. The zero value gives 20
// lower-case hexadecimal characters.
type PseudonymOptions struct {
	// Encoding is Hex (default) or Base32.
	Encoding string
	// Length is the number of characters kept (a prefix of the encoded
	// HMAC); zero means DefaultHexLength or DefaultBase32Length.
	Length int
}

var base32Lower = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// Pseudonymiser maps IDs to pseudonyms: the first Length characters of
// the encoded HMAC-SHA256 of the ID's bytes under the key. The mapping is
// deterministic (same key, ID and options, same pseudonym, so joins across
// outputs keep working) and cannot be reversed or recomputed without the
// key. In PostgreSQL with pgcrypto the hex form is
// substr(encode(hmac(id, key, 'sha256'), 'hex'), 1, 20). A Pseudonymiser is
// safe for concurrent use; it never reveals its key.
type Pseudonymiser struct {
	encoding string
	length   int
	pool     sync.Pool // of *hmacState
}

// hmacState is a keyed HMAC with scratch buffers, pooled so that
// AppendPseudonym does not allocate once warm (a string written to a
// hash.Hash, or a sum taken into a stack array, would escape to the heap).
type hmacState struct {
	h   hash.Hash
	in  []byte
	sum []byte
}

// NewPseudonymiser checks the key and options and returns a
// Pseudonymiser. The key is copied.
func NewPseudonymiser(key []byte, opt PseudonymOptions) (*Pseudonymiser, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	p := &Pseudonymiser{encoding: opt.Encoding, length: opt.Length}
	lo, hi, def := MinHexLength, MaxHexLength, DefaultHexLength
	switch p.encoding {
	case "", Hex:
		p.encoding = Hex
	case Base32:
		lo, hi, def = MinBase32Length, MaxBase32Length, DefaultBase32Length
	default:
		return nil, fmt.Errorf("privacy: %w: encoding %q (want %q or %q)", ErrPseudonymOptions, opt.Encoding, Hex, Base32)
	}
	if p.length == 0 {
		p.length = def
	}
	if p.length < lo || p.length > hi {
		return nil, fmt.Errorf("privacy: %w: length %d, %s allows %d to %d", ErrPseudonymOptions, p.length, p.encoding, lo, hi)
	}
	k := bytes.Clone(key)
	p.pool.New = func() any {
		return &hmacState{h: hmac.New(sha256.New, k), sum: make([]byte, 0, sha256.Size)}
	}
	return p, nil
}

// LoadPseudonymiser reads the key from a file (its bytes, surrounding
// white space such as a final newline removed).
func LoadPseudonymiser(path string, opt PseudonymOptions) (*Pseudonymiser, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("privacy: %w: reading key file: %w", ErrKey, err)
	}
	p, err := NewPseudonymiser(bytes.TrimSpace(b), opt)
	if err != nil {
		return nil, fmt.Errorf("%w (key file %s)", err, path)
	}
	return p, nil
}

// PseudonymiserFromEnv reads the key from the environment variable
// EnvPseudonymKey (surrounding white space removed).
func PseudonymiserFromEnv(opt PseudonymOptions) (*Pseudonymiser, error) {
	v, ok := os.LookupEnv(EnvPseudonymKey)
	if !ok {
		return nil, fmt.Errorf("privacy: %w: %s is not set", ErrKey, EnvPseudonymKey)
	}
	p, err := NewPseudonymiser(bytes.TrimSpace([]byte(v)), opt)
	if err != nil {
		return nil, fmt.Errorf("%w (from %s)", err, EnvPseudonymKey)
	}
	return p, nil
}

func checkKey(key []byte) error {
	if len(key) < MinKeyLen {
		return fmt.Errorf("privacy: %w: %d bytes, need at least %d", ErrKey, len(key), MinKeyLen)
	}
	var seen [256]bool
	distinct := 0
	for _, b := range key {
		if !seen[b] {
			seen[b] = true
			distinct++
		}
	}
	if distinct < MinKeyDistinct {
		return fmt.Errorf("privacy: %w: only %d distinct byte values (a placeholder?), need at least %d", ErrKey, distinct, MinKeyDistinct)
	}
	return nil
}

// Encoding returns Hex or Base32.
func (p *Pseudonymiser) Encoding() string { return p.encoding }

// Length returns the number of characters of a pseudonym.
func (p *Pseudonymiser) Length() int { return p.length }

// Pseudonym returns the pseudonym of id.
func (p *Pseudonymiser) Pseudonym(id string) string { return string(p.AppendPseudonym(nil, id)) }

// AppendPseudonym appends the pseudonym of id to dst, for writers that
// reuse a buffer.
func (p *Pseudonymiser) AppendPseudonym(dst []byte, id string) []byte {
	st := p.pool.Get().(*hmacState)
	st.h.Reset()
	st.in = append(st.in[:0], id...)
	st.h.Write(st.in)
	st.sum = st.h.Sum(st.sum[:0])
	var enc [MaxHexLength]byte
	if p.encoding == Base32 {
		base32Lower.Encode(enc[:], st.sum)
	} else {
		hex.Encode(enc[:], st.sum)
	}
	p.pool.Put(st)
	return append(dst, enc[:p.length]...)
}
