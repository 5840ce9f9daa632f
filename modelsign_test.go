package segmenta

import (
	"bytes"
	"crypto/ed25519"
	"regexp"
	"testing"

	"github.com/segmenta/segmenta/modelsig"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadVerified: a signed file loads; an edit the checksum cannot see
// (coefficients changed, checksums recomputed), a signature by another key
// or a damaged signature is refused with ErrSignature.
func TestLoadVerified(t *testing.T) {
	_, m := fixture(t)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	must := func(b []byte, err error) []byte { require.NoError(t, err); return b }
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, ed25519.SeedSize))
	pub := priv.Public().(ed25519.PublicKey)
	sig := modelsig.Sign(buf.Bytes(), priv)
	assert.Contains(t, string(sig), "Key-Id: "+modelsig.KeyID(pub))

	got, err := LoadVerified(bytes.NewReader(buf.Bytes()), sig, pub)
	require.NoError(t, err)
	var again bytes.Buffer
	require.NoError(t, got.Save(&again))
	assert.Equal(t, buf.Bytes(), again.Bytes())

	tampered := resealBytes(t, regexp.MustCompile(`"high_risk": [0-9.]+`).ReplaceAll(buf.Bytes(), []byte(`"high_risk": 1`)))
	require.NotEqual(t, buf.Bytes(), tampered)
	_, err = Load(bytes.NewReader(tampered))
	require.NoError(t, err, "the checksum cannot detect a resealed edit")
	_, err = LoadVerified(bytes.NewReader(tampered), sig, pub)
	require.ErrorIs(t, err, ErrSignature)
	assert.ErrorContains(t, err, "changed after it was signed")

	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, ed25519.SeedSize)).Public().(ed25519.PublicKey)
	_, err = LoadVerified(bytes.NewReader(buf.Bytes()), sig, other)
	require.ErrorIs(t, err, ErrSignature)
	assert.ErrorContains(t, err, "signed by key")

	for name, bad := range map[string][]byte{
		"empty":     nil,
		"truncated": sig[:len(sig)/2],
		"key file":  must(modelsig.MarshalPublicKey(pub)),
		"algorithm": bytes.Replace(sig, []byte("ed25519"), []byte("rsa"), 1),
	} {
		_, err := LoadVerified(bytes.NewReader(buf.Bytes()), bad, pub)
		assert.ErrorIs(t, err, ErrSignature, name)
	}
}
