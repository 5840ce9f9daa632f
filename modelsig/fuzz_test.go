package modelsig

import (
	"crypto/ed25519"
	"errors"
	"testing"
)

// FuzzParseKey: any bytes give an ed25519 key or ErrSignature, for both
// key file parsers, never a panic.
func FuzzParseKey(f *testing.F) {
	priv := testKey(f, 4)
	b, err := MarshalPrivateKey(priv)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	if b, err = MarshalPublicKey(priv.Public().(ed25519.PublicKey)); err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if pub, err := ParsePublicKey(b); err != nil && !errors.Is(err, ErrSignature) {
			t.Fatalf("public key: %v is not ErrSignature", err)
		} else if err == nil && len(pub) != ed25519.PublicKeySize {
			t.Fatalf("public key of %d bytes", len(pub))
		}
		if priv, err := ParsePrivateKey(b); err != nil && !errors.Is(err, ErrSignature) {
			t.Fatalf("private key: %v is not ErrSignature", err)
		} else if err == nil && len(priv) != ed25519.PrivateKeySize {
			t.Fatalf("private key of %d bytes", len(priv))
		}
	})
}

// FuzzVerifyModel: any signature file is accepted only when it is the
// signature of the model bytes by the key.
func FuzzVerify(f *testing.F) {
	priv := testKey(f, 5)
	pub := priv.Public().(ed25519.PublicKey)
	model := []byte(`{"format":"segmenta.model","version":1}`)
	f.Add(model, Sign(model, priv))
	f.Add(model, Sign([]byte("other"), priv))
	f.Add([]byte{}, []byte("-----BEGIN SEGMENTA MODEL SIGNATURE-----\nAlgorithm: ed25519\n\nAAAA\n-----END SEGMENTA MODEL SIGNATURE-----\n"))
	f.Fuzz(func(t *testing.T, m, sig []byte) {
		err := Verify(m, sig, pub)
		if err != nil {
			if !errors.Is(err, ErrSignature) {
				t.Fatalf("%v is not ErrSignature", err)
			}
			return
		}
		if string(sig) != string(Sign(m, priv)) && len(sig) < 64 {
			t.Fatalf("accepted a %d-byte signature file", len(sig))
		}
	})
}
