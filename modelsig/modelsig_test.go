package modelsig

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testKey(t testing.TB, seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

func TestKeyFilesRoundTrip(t *testing.T) {
	must := func(b []byte, err error) []byte { require.NoError(t, err); return b }
	priv := testKey(t, 1)
	pub := priv.Public().(ed25519.PublicKey)
	b, err := MarshalPrivateKey(priv)
	require.NoError(t, err)
	assert.Contains(t, string(b), "-----BEGIN PRIVATE KEY-----")
	back, err := ParsePrivateKey(b)
	require.NoError(t, err)
	assert.True(t, priv.Equal(back))
	b, err = MarshalPublicKey(pub)
	require.NoError(t, err)
	assert.Contains(t, string(b), "-----BEGIN PUBLIC KEY-----")
	pback, err := ParsePublicKey(b)
	require.NoError(t, err)
	assert.True(t, pub.Equal(pback))

	// A private key is not a public key, an ECDSA key not an ed25519 key.
	_, err = ParsePublicKey(must(MarshalPrivateKey(priv)))
	assert.ErrorIs(t, err, ErrSignature)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	der, err := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	require.NoError(t, err)
	_, err = ParsePublicKey(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	assert.ErrorIs(t, err, ErrSignature)
	assert.ErrorContains(t, err, "want ed25519")
	for _, bad := range []string{"", "hello", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"} {
		_, err := ParsePublicKey([]byte(bad))
		assert.ErrorIs(t, err, ErrSignature, "%q", bad)
		_, err = ParsePrivateKey([]byte(bad))
		assert.ErrorIs(t, err, ErrSignature, "%q", bad)
	}
}
