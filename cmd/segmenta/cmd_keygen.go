package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"os"

	"github.com/segmenta/segmenta/modelsig"
)

func runKeygen(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "keygen", "-o KEY",
		`Create an ed25519 key pair for signing model files: KEY, the private key
(PEM PKCS #8, mode 0600; keep it away from the model files and the hosts
that only score), and KEY.pub, the public key (PEM PKIX) that
'score -verify-key' and 'evaluate -verify-key' check signatures with.
Existing files are never overwritten. The files are the ones of
'openssl genpkey -algorithm ed25519' and 'openssl pkey -pubout'.`)
	out := fs.String("o", "", "private key file to write; the public key goes to this name plus .pub (required)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" || *out == "-" {
		return usagef("-o is required (a file name)")
	}
	if fs.NArg() != 0 {
		return usagef("keygen takes no arguments")
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	pb, err := modelsig.MarshalPublicKey(pub)
	if err != nil {
		return err
	}
	kb, err := modelsig.MarshalPrivateKey(priv)
	if err != nil {
		return err
	}
	pubPath := *out + ".pub"
	for _, p := range []string{*out, pubPath} {
		if _, err := os.Lstat(p); !errors.Is(err, os.ErrNotExist) {
			return usagef("%s exists: refusing to overwrite a key", p)
		}
	}
	if err := writeNew(*out, kb, 0o600); err != nil {
		return err
	}
	if err := writeNew(pubPath, pb, 0o644); err != nil {
		os.Remove(*out)
		return err
	}
	e.log.Info("key pair written", "private", *out, "public", pubPath, "key_id", modelsig.KeyID(pub))
	fmt.Fprintf(e.stdout, "private key: %s\npublic key: %s\nkey id: %s\n", *out, pubPath, modelsig.KeyID(pub))
	return nil
}

// writeNew creates path (which must not exist) with mode perm and writes b.
func writeNew(path string, b []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}
