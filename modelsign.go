package segmenta

import (
	"crypto/ed25519"
	"io"

	"github.com/segmenta/segmenta/modelsig"
)

// ErrSignature: a model file's signature is missing, malformed, made by
// another key or does not cover the file's bytes (modelsig.ErrSignature).
var ErrSignature = modelsig.ErrSignature

// LoadVerified reads a model file from r as Load does, after checking that
// sig (the signature file, modelsig.Sign) holds a signature by pub of exactly the bytes
// read (modelsig.VerifyReader). A missing or bad signature fails with an
// error wrapping ErrSignature and nothing of the file is decoded.
func LoadVerified(r io.Reader, sig []byte, pub ed25519.PublicKey) (*Model, error) {
	v, err := modelsig.VerifyReader(r, sig, pub)
	if err != nil {
		return nil, err
	}
	return Load(v)
}
