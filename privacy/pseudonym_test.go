package privacy

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

// Pseudonyms equal prefixes of the HMAC-SHA256 computed by Python
// (testdata/pseudonyms.py), in both encodings and at every allowed length.
func TestPseudonymGolden(t *testing.T) {
	b, err := os.ReadFile("testdata/pseudonyms.json")
	require.NoError(t, err)
	var golden struct {
		Cases []struct{ Key, ID, Hex, Base32 string }
	}
	require.NoError(t, json.Unmarshal(b, &golden))
	require.Len(t, golden.Cases, 12)
	for _, c := range golden.Cases {
		for n := MinHexLength; n <= MaxHexLength; n++ {
			p, err := NewPseudonymiser([]byte(c.Key), PseudonymOptions{Length: n})
			require.NoError(t, err)
			require.Equal(t, c.Hex[:n], p.Pseudonym(c.ID))
		}
		for n := MinBase32Length; n <= MaxBase32Length; n++ {
			p, err := NewPseudonymiser([]byte(c.Key), PseudonymOptions{Encoding: Base32, Length: n})
			require.NoError(t, err)
			require.Equal(t, c.Base32[:n], p.Pseudonym(c.ID))
		}
	}
}

func TestPseudonymDefaults(t *testing.T) {
	p, err := NewPseudonymiser(testKey, PseudonymOptions{})
	require.NoError(t, err)
	assert.Equal(t, Hex, p.Encoding())
	assert.Equal(t, DefaultHexLength, p.Length())
	a := p.Pseudonym("A0001")
	assert.Len(t, a, 20)
	assert.Equal(t, a, p.Pseudonym("A0001"), "deterministic")
	assert.NotEqual(t, a, p.Pseudonym("A0002"))
	assert.Equal(t, []byte("id="+a), p.AppendPseudonym([]byte("id="), "A0001"))
	other, err := NewPseudonymiser([]byte("another key, 32 bytes or longer!"), PseudonymOptions{})
	require.NoError(t, err)
	assert.NotEqual(t, a, other.Pseudonym("A0001"), "the key matters")
	b32, err := NewPseudonymiser(testKey, PseudonymOptions{Encoding: Base32})
	require.NoError(t, err)
	assert.Len(t, b32.Pseudonym("A0001"), DefaultBase32Length)

	// Concurrent use gives the same pseudonyms.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				assert.Equal(t, a, p.Pseudonym("A0001"))
			}
		}()
	}
	wg.Wait()
}

func TestPseudonymKeyErrors(t *testing.T) {
	secret := "s3cr3t-but-short"
	_, err := NewPseudonymiser([]byte(secret), PseudonymOptions{})
	require.ErrorIs(t, err, ErrKey)
	assert.Contains(t, err.Error(), "16 bytes, need at least 32")
	assert.NotContains(t, err.Error(), secret, "the key is never printed")

	placeholder := strings.Repeat("changeme", 4)
	_, err = NewPseudonymiser([]byte(placeholder), PseudonymOptions{})
	require.ErrorIs(t, err, ErrKey)
	assert.Contains(t, err.Error(), "placeholder")
	assert.NotContains(t, err.Error(), placeholder)

	for _, opt := range []PseudonymOptions{{Encoding: "base64"}, {Length: 15}, {Length: 65}, {Encoding: Base32, Length: 12}, {Encoding: Base32, Length: 53}} {
		_, err = NewPseudonymiser(testKey, opt)
		require.ErrorIs(t, err, ErrPseudonymOptions, "%+v", opt)
		assert.False(t, errors.Is(err, ErrKey))
	}
}

func TestPseudonymKeySources(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "key")
	require.NoError(t, os.WriteFile(path, append(testKey, '\n'), 0o600))
	p, err := LoadPseudonymiser(path, PseudonymOptions{})
	require.NoError(t, err)
	want, _ := NewPseudonymiser(testKey, PseudonymOptions{})
	assert.Equal(t, want.Pseudonym("A1"), p.Pseudonym("A1"), "the final newline is not part of the key")

	_, err = LoadPseudonymiser(filepath.Join(dir, "absent"), PseudonymOptions{})
	require.ErrorIs(t, err, ErrKey)
	assert.ErrorIs(t, err, os.ErrNotExist)

	require.NoError(t, os.WriteFile(path, []byte("short\n"), 0o600))
	_, err = LoadPseudonymiser(path, PseudonymOptions{})
	require.ErrorIs(t, err, ErrKey)
	assert.Contains(t, err.Error(), path)
	assert.NotContains(t, err.Error(), "short\n")

	t.Setenv(EnvPseudonymKey, " "+string(testKey)+"\n")
	p, err = PseudonymiserFromEnv(PseudonymOptions{})
	require.NoError(t, err)
	assert.Equal(t, want.Pseudonym("A1"), p.Pseudonym("A1"))
	t.Setenv(EnvPseudonymKey, "tiny")
	_, err = PseudonymiserFromEnv(PseudonymOptions{})
	require.ErrorIs(t, err, ErrKey)
	assert.Contains(t, err.Error(), EnvPseudonymKey)
	os.Unsetenv(EnvPseudonymKey)
	_, err = PseudonymiserFromEnv(PseudonymOptions{})
	require.ErrorIs(t, err, ErrKey)
	assert.Contains(t, err.Error(), "is not set")
}

// The scoring hot path calls AppendPseudonym once per row: once warm it
// must not allocate.
func TestAppendPseudonymAllocs(t *testing.T) {
	if raceOn {
		t.Skip("sync.Pool drops items under the race detector")
	}
	p, err := NewPseudonymiser([]byte("0123456789abcdefghijklmnopqrstuvwxyz"), PseudonymOptions{})
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 0, 64)
	p.AppendPseudonym(buf, "A0000001")
	if n := testing.AllocsPerRun(100, func() { buf = p.AppendPseudonym(buf[:0], "A0000001") }); n != 0 {
		t.Errorf("AppendPseudonym: %v allocations per call, want 0", n)
	}
}
