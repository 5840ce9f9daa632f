// Package envelope holds what every segmenta model file shares: the
// {"format": ..., "version": ...} header, the checks on it, SHA-256
// checksums over canonical JSON, the JSON encoding used to write files and
// the sentinel errors a loader returns. The public packages re-export the
// sentinels (var ErrFormat = envelope.ErrFormat), so errors.Is matches one
// value whichever package reported it.
//
// Each file keeps its own layout (where the checksum sits and what it
// covers), so files written before this package existed read back, and
// files written now are byte-identical to what they were.
package envelope
