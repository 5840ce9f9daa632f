package modelsig

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
)

// ErrSignature: a model file's signature is malformed, made by another key
// or does not match the file's bytes, or a key file is not an ed25519 key.
var ErrSignature = errors.New("model signature invalid")

const (
	pemPrivate   = "PRIVATE KEY"
	pemPublic    = "PUBLIC KEY"
	pemSignature = "SEGMENTA MODEL SIGNATURE"
)

// KeyID is a short name of a public key: the hex of the first 8 bytes of
// the SHA-256 of its 32 bytes.
func KeyID(pub ed25519.PublicKey) string {
	s := sha256.Sum256(pub)
	return hex.EncodeToString(s[:8])
}

// MarshalPrivateKey encodes priv as a PEM "PRIVATE KEY" block (PKCS #8).
func MarshalPrivateKey(priv ed25519.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("modelsig: private key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPrivate, Bytes: der}), nil
}

// MarshalPublicKey encodes pub as a PEM "PUBLIC KEY" block (PKIX).
func MarshalPublicKey(pub ed25519.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("modelsig: public key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPublic, Bytes: der}), nil
}

// pemBlock decodes the one PEM block of type typ in b.
func pemBlock(b []byte, typ, what string) (*pem.Block, error) {
	blk, rest := pem.Decode(b)
	switch {
	case blk == nil:
		return nil, fmt.Errorf("modelsig: %s: %w: no PEM block", what, ErrSignature)
	case blk.Type != typ:
		return nil, fmt.Errorf("modelsig: %s: %w: PEM block %q, want %q", what, ErrSignature, blk.Type, typ)
	case len(bytes.TrimSpace(rest)) != 0:
		return nil, fmt.Errorf("modelsig: %s: %w: data after the PEM block", what, ErrSignature)
	}
	return blk, nil
}

// ParsePrivateKey decodes a private key written by MarshalPrivateKey.
func ParsePrivateKey(b []byte) (ed25519.PrivateKey, error) {
	blk, err := pemBlock(b, pemPrivate, "private key")
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return nil, fmt.Errorf("modelsig: private key: %w: %v", ErrSignature, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("modelsig: private key: %w: a %T, want ed25519", ErrSignature, k)
	}
	return priv, nil
}

// ParsePublicKey decodes a public key written by MarshalPublicKey.
func ParsePublicKey(b []byte) (ed25519.PublicKey, error) {
	blk, err := pemBlock(b, pemPublic, "public key")
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKIXPublicKey(blk.Bytes)
	if err != nil {
		return nil, fmt.Errorf("modelsig: public key: %w: %v", ErrSignature, err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("modelsig: public key: %w: a %T, want ed25519", ErrSignature, k)
	}
	return pub, nil
}

// Sign returns the signature file of the model file whose bytes are
// model.
func Sign(model []byte, priv ed25519.PrivateKey) []byte {
	blk := &pem.Block{Type: pemSignature, Headers: map[string]string{
		"Algorithm": "ed25519",
		"Key-Id":    KeyID(priv.Public().(ed25519.PublicKey)),
	}, Bytes: ed25519.Sign(priv, model)}
	return pem.EncodeToMemory(blk)
}

// Verify checks that sig, a signature file written by Sign,
// holds a signature by pub of exactly the bytes model. Every failure wraps
// ErrSignature.
func Verify(model, sig []byte, pub ed25519.PublicKey) error {
	if len(pub) != ed25519.PublicKeySize {
		return fmt.Errorf("modelsig: %w: public key of %d bytes", ErrSignature, len(pub))
	}
	blk, err := pemBlock(sig, pemSignature, "signature")
	if err != nil {
		return err
	}
	if a := blk.Headers["Algorithm"]; a != "ed25519" {
		return fmt.Errorf("modelsig: signature: %w: algorithm %q, want ed25519", ErrSignature, a)
	}
	if len(blk.Bytes) != ed25519.SignatureSize {
		return fmt.Errorf("modelsig: signature: %w: %d bytes, want %d", ErrSignature, len(blk.Bytes), ed25519.SignatureSize)
	}
	if !ed25519.Verify(pub, model, blk.Bytes) {
		if id := blk.Headers["Key-Id"]; id != KeyID(pub) {
			return fmt.Errorf("modelsig: %w: signed by key %.16q, not by key %s", ErrSignature, id, KeyID(pub))
		}
		return fmt.Errorf("modelsig: %w: the model file was changed after it was signed (key %s)", ErrSignature, KeyID(pub))
	}
	return nil
}

// VerifyReader reads a model file from r whole and checks its signature
// (Verify) before anything decodes it: it returns a reader of exactly the
// bytes verified, or an error (a read error, or one wrapping ErrSignature).
func VerifyReader(r io.Reader, sig []byte, pub ed25519.PublicKey) (io.Reader, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("modelsig: reading the model file: %w", err)
	}
	if err := Verify(b, sig, pub); err != nil {
		return nil, err
	}
	return bytes.NewReader(b), nil
}
