package main

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io"
)

// digest is the SHA-256 of everything a fitted model writes with save, and of
// any label vectors, so two builds can be compared bit for bit on the same
// workload (scripts/parity.sh) without storing the models themselves.
func digest(save func(io.Writer) error, labels ...[]int) string {
	h := sha256.New()
	if save != nil {
		if err := save(h); err != nil {
			return "error: " + err.Error()
		}
	}
	var b [8]byte
	for _, l := range labels {
		for _, v := range l {
			binary.LittleEndian.PutUint64(b[:], uint64(v))
			h.Write(b[:])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
