package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/modelsig"
)

func runSign(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "sign", "-key KEY [-o SIG] MODEL",
		`Sign a model file with a private key from 'segmenta keygen': writes the
detached signature MODEL.sig (PEM "SEGMENTA MODEL SIGNATURE", the ed25519
signature of the model file's exact bytes). 'score -verify-key KEY.pub'
then refuses the model unless MODEL.sig is a valid signature of it by that
key. 'fit -sign-key KEY' signs the model it writes the same way.`)
	keyPath := fs.String("key", "", "private key file (required)")
	out := fs.String("o", "", "signature file to write (default: MODEL.sig)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *keyPath == "" {
		return usagef("-key is required")
	}
	if fs.NArg() != 1 {
		return usagef("want exactly one MODEL file, got %d", fs.NArg())
	}
	model := fs.Arg(0)
	sigPath := *out
	if sigPath == "" {
		sigPath = model + ".sig"
	}
	if err := checkPaths(e, []pathRole{{"MODEL", model}, {"-key", *keyPath}}, []pathRole{{"-o", sigPath}}); err != nil {
		return err
	}
	priv, err := readPrivateKey(*keyPath)
	if err != nil {
		return err
	}
	return signModelFile(e, priv, model, sigPath)
}

// signKeyFlag adds -sign-key to a command that writes a model file.
func signKeyFlag(fs *flag.FlagSet) *string {
	return fs.String("sign-key", "", "private key file (from 'segmenta keygen'): also write the signature MODEL.sig of the model file")
}

// verifyKeyFlag adds -verify-key to a command that reads a model file.
func verifyKeyFlag(fs *flag.FlagSet) *string {
	return fs.String("verify-key", "", "public key file (from 'segmenta keygen'): refuse the model unless MODEL.sig is its valid signature by this key")
}

func readPrivateKey(path string) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := modelsig.ParsePrivateKey(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

func readPublicKey(path string) (ed25519.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := modelsig.ParsePublicKey(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// signModelFile writes the signature of the model file at model to sigPath.
func signModelFile(e *env, priv ed25519.PrivateKey, model, sigPath string) error {
	b, err := os.ReadFile(model)
	if err != nil {
		return err
	}
	sig := modelsig.Sign(b, priv)
	if err := writeFileAtomic(sigPath, func(w io.Writer) error { _, err := w.Write(sig); return err }); err != nil {
		return err
	}
	e.log.Info("model signed", "model", model, "signature", sigPath, "key_id", modelsig.KeyID(priv.Public().(ed25519.PublicKey)))
	return nil
}

// loadModelVerified loads the model file at path; with a public key file
// pubPath it first requires path+".sig" to be a valid signature of the
// file's bytes by that key (exit code 1 otherwise, like any model that does
// not load).
func loadModelVerified(path, pubPath string) (*segmenta.Model, error) {
	if pubPath == "" {
		return loadModel(path)
	}
	pub, err := readPublicKey(pubPath)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sig, err := os.ReadFile(path + ".sig")
	if os.IsNotExist(err) {
		return nil, fmt.Errorf("%s: %w: no signature file %s.sig (-verify-key requires one: 'segmenta sign -key KEY %s')", path, segmenta.ErrSignature, path, path)
	}
	if err != nil {
		return nil, err
	}
	m, err := segmenta.LoadVerified(bytes.NewReader(b), sig, pub)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
