//go:build unix

package main

import (
	"bytes"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/segmenta/segmenta/internal/envelope"
	"github.com/segmenta/segmenta/modelsig"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The model-file rows of the fault matrix (issue 13): hostile sizes,
// edits with the checksum recomputed, and signatures.

// editModel applies re to the model file of dir, replacing matches with
// repl, and recomputes the file checksum when reseal is set (the edit of
// someone who knows the format: the checksum is not a signature).
func editModel(t *testing.T, dir, re, repl string, reseal bool) {
	t.Helper()
	p := filepath.Join(dir, "model.json")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	nb := regexp.MustCompile(re).ReplaceAll(b, []byte(repl))
	require.NotEqual(t, b, nb, "%s matches nothing", re)
	if reseal {
		stored, computed, err := envelope.SumRaw(nb, "checksum", false)
		require.NoError(t, err)
		nb = bytes.Replace(nb, []byte(stored), []byte(computed), 1)
	}
	require.NoError(t, os.WriteFile(p, nb, 0o644))
}

// testSigner is a fixed key pair; writeKeys puts it in dir as key and
// key.pub.
func testSigner(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

func writeKeys(t *testing.T, dir, name string, priv ed25519.PrivateKey) {
	t.Helper()
	kb, err := modelsig.MarshalPrivateKey(priv)
	require.NoError(t, err)
	pb, err := modelsig.MarshalPublicKey(priv.Public().(ed25519.PublicKey))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), kb, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".pub"), pb, 0o644))
}

// signModel writes model.json.sig, a signature of the model by priv.
func signModel(t *testing.T, dir string, priv ed25519.PrivateKey) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "model.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "model.json.sig"), modelsig.Sign(b, priv), 0o644))
}

func TestFaultsModelFiles(t *testing.T) {
	fx := newFaultFixture(t)
	scoreOK := []string{"scores.csv", "scores.rejects.csv", "scores.manifest.json"}
	score := func(extra ...string) []string {
		return append([]string{"score", "-model", "{model}", "-o", "{dir}/scores.csv"}, append(extra, "{acc}")...)
	}
	const dim, macro, highRisk = `"dim":\s*\d+`, `"macro":\s*\d+`, `"high_risk":\s*[0-9.]+`
	signed := func(t *testing.T, dir string) {
		writeKeys(t, dir, "key", testSigner(1))
		signModel(t, dir, testSigner(1))
	}
	cases := []faultCase{
		{name: "dim 10^9, checksum recomputed: refused before allocating", setup: func(t *testing.T, dir string) {
			editModel(t, dir, dim, `"dim": 1000000000`, true)
		}, args: score(), code: exitFailure, msg: "kmeans model: corrupt model file: checksum mismatch"},
		{name: "dim 10^9, checksum not recomputed: the file checksum, first", setup: func(t *testing.T, dir string) {
			editModel(t, dir, dim, `"dim": 1000000000`, false)
		}, args: score(), code: exitFailure, msg: "checksum mismatch"},
		{name: "macro-segments 10^9, checksum recomputed", setup: func(t *testing.T, dir string) {
			editModel(t, dir, macro, `"macro": 1000000000`, true)
		}, args: score(), code: exitFailure, msg: "micro-segments"},
		{name: "evaluate: dim 10^9, checksum recomputed", setup: func(t *testing.T, dir string) {
			editModel(t, dir, dim, `"dim": 1000000000`, true)
		}, args: []string{"evaluate", "-model", "{model}", "-held-out"}, code: exitFailure, msg: "checksum mismatch"},
		{name: "edit with checksum recomputed loads without -verify-key (documented limit)", setup: func(t *testing.T, dir string) {
			editModel(t, dir, highRisk, `"high_risk": 1`, true)
		}, args: score(), code: exitOK, changed: scoreOK},
		{name: "-verify-key: signed model scores", setup: signed, args: score("-verify-key", "{dir}/key.pub"), code: exitOK, changed: scoreOK},
		{name: "-verify-key: edit with checksum recomputed is refused", setup: func(t *testing.T, dir string) {
			signed(t, dir)
			editModel(t, dir, highRisk, `"high_risk": 1`, true)
		}, args: score("-verify-key", "{dir}/key.pub"), code: exitFailure, msg: "model signature invalid: the model file was changed after it was signed"},
		{name: "-verify-key: no signature file", setup: func(t *testing.T, dir string) {
			writeKeys(t, dir, "key", testSigner(1))
		}, args: score("-verify-key", "{dir}/key.pub"), code: exitFailure, msg: "no signature file"},
		{name: "-verify-key: signed by another key", setup: func(t *testing.T, dir string) {
			writeKeys(t, dir, "key", testSigner(1))
			signModel(t, dir, testSigner(2))
		}, args: score("-verify-key", "{dir}/key.pub"), code: exitFailure, msg: "signed by key"},
		{name: "-verify-key: damaged signature file", setup: func(t *testing.T, dir string) {
			signed(t, dir)
			require.NoError(t, os.WriteFile(filepath.Join(dir, "model.json.sig"), []byte("garbage\n"), 0o644))
		}, args: score("-verify-key", "{dir}/key.pub"), code: exitFailure, msg: "signature: model signature invalid: no PEM block"},
		{name: "-verify-key: the private key instead of the public one", setup: signed,
			args: score("-verify-key", "{dir}/key"), code: exitFailure, msg: `PEM block \"PRIVATE KEY\", want \"PUBLIC KEY\"`},
		{name: "-verify-key: -o is the public key", setup: signed,
			args: []string{"score", "-model", "{model}", "-verify-key", "{dir}/key.pub", "-o", "{dir}/key.pub", "{acc}"}, code: exitUsage, msg: "refusing to overwrite"},
		{name: "evaluate -verify-key: edit refused", setup: func(t *testing.T, dir string) {
			signed(t, dir)
			editModel(t, dir, highRisk, `"high_risk": 1`, true)
		}, args: []string{"evaluate", "-model", "{model}", "-verify-key", "{dir}/key.pub", "-held-out"}, code: exitFailure, msg: "changed after it was signed"},
		{name: "keygen writes a private key 0600 and a public key", args: []string{"keygen", "-o", "{dir}/k"}, code: exitOK,
			changed: []string{"k", "k.pub"}, check: func(t *testing.T, dir, _ string) {
				info, err := os.Stat(filepath.Join(dir, "k"))
				require.NoError(t, err)
				assert.Equal(t, os.FileMode(0o600)&^testUmask, info.Mode().Perm())
				kb, _ := os.ReadFile(filepath.Join(dir, "k"))
				priv, err := modelsig.ParsePrivateKey(kb)
				require.NoError(t, err)
				pb, _ := os.ReadFile(filepath.Join(dir, "k.pub"))
				pub, err := modelsig.ParsePublicKey(pb)
				require.NoError(t, err)
				assert.True(t, pub.Equal(priv.Public()))
			}},
		{name: "keygen never overwrites a key", setup: func(t *testing.T, dir string) {
			writeKeys(t, dir, "key", testSigner(1))
		}, args: []string{"keygen", "-o", "{dir}/key"}, code: exitUsage, msg: "refusing to overwrite a key"},
		{name: "sign writes MODEL.sig that -verify-key accepts", setup: func(t *testing.T, dir string) {
			writeKeys(t, dir, "key", testSigner(1))
		}, args: []string{"sign", "-key", "{dir}/key", "{model}"}, code: exitOK, changed: []string{"model.json.sig"},
			check: func(t *testing.T, dir, _ string) {
				code, _, stderr := cli(t, "evaluate", "-model", filepath.Join(dir, "model.json"), "-verify-key", filepath.Join(dir, "key.pub"), "-held-out")
				assert.Equal(t, exitOK, code, stderr)
			}},
		{name: "sign -o is the model", setup: func(t *testing.T, dir string) {
			writeKeys(t, dir, "key", testSigner(1))
		}, args: []string{"sign", "-key", "{dir}/key", "-o", "{model}", "{model}"}, code: exitUsage, msg: "refusing to overwrite"},
		{name: "fit -sign-key with a public key fails before fitting", setup: signed,
			args: []string{"fit", "-sign-key", "{dir}/key.pub", "-o", "{dir}/m2.json", "{acc}"}, code: exitFailure, msg: "private key"},
	}
	for _, c := range cases {
		t.Run("model files/"+c.name, func(t *testing.T) { fx.run(t, c) })
	}
}

// TestFitSignScoreVerify: fit -sign-key writes the model and its
// signature; score -verify-key accepts them.
func TestFitSignScoreVerify(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "accounts.csv")
	writeAccounts(t, acc, 800, 5)
	writeKeys(t, dir, "key", testSigner(7))
	model := filepath.Join(dir, "model.json")
	code, _, stderr := cli(t, "fit", "-sign-key", filepath.Join(dir, "key"), "-segments", "3", "-o", model, acc)
	require.Equal(t, exitOK, code, stderr)
	b, err := os.ReadFile(model)
	require.NoError(t, err)
	sig, err := os.ReadFile(model + ".sig")
	require.NoError(t, err)
	require.NoError(t, modelsig.Verify(b, sig, testSigner(7).Public().(ed25519.PublicKey)))
	code, _, stderr = cli(t, "score", "-model", model, "-verify-key", filepath.Join(dir, "key.pub"), "-o", filepath.Join(dir, "s.csv"), acc)
	assert.Equal(t, exitOK, code, stderr)
}
