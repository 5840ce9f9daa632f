// Package modelsig signs and verifies Segmenta model files with ed25519.
//
// A model file's checksum detects corruption, not tampering: whoever can
// edit the file can recompute it. A signature made with a private key kept
// apart from the model files does: Sign signs the exact bytes of a model
// file, Verify checks them, and segmenta.LoadVerified loads a model only
// when a signature by the expected public key covers the bytes it reads.
//
// Key files are PEM: a private key is a "PRIVATE KEY" block holding
// PKCS #8, a public key a "PUBLIC KEY" block holding PKIX (the formats of
// crypto/x509 and of openssl genpkey -algorithm ed25519). A signature file
// (MODEL.sig beside the model) is a "SEGMENTA MODEL SIGNATURE" block whose
// bytes are the 64-byte ed25519 signature of the model file's bytes, with
// the headers Algorithm: ed25519 and Key-Id (KeyID of the signing key, to
// name the key in errors; it is not trusted).
package modelsig
