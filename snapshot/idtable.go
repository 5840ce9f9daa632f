package snapshot

import (
	"encoding/binary"
	"math"
	"math/bits"
	"math/rand/v2"
)

// idTable maps account keys to numbers, as a map[string]int would, for the
// one lookup per event that relates a row to its account. Keys of up to
// 16 bytes (account IDs usually are) are stored in the slots themselves,
// open addressing with linear probing, so a lookup reads one or two
// adjacent slots: with hundreds of thousands of accounts that is one cache
// miss, against about three for a map of strings (control word, slot, and
// the key's bytes stored apart). Longer keys go to a map.
type idTable struct {
	slots []idSlot // a power of two, at most half full
	n     int
	long  map[string]int
	// seed randomises the hash so that no input can make keys collide on
	// purpose; numbers do not depend on it.
	seed0, seed1 uint64
}

// idSlot holds one key: its bytes (zero-padded), its length plus one (0
// for an empty slot) and its number.
type idSlot struct {
	key  [16]byte
	size uint8
	num  int32
}

func newIDTable(capacity int) *idTable {
	t := &idTable{long: map[string]int{}, seed0: rand.Uint64(), seed1: rand.Uint64()}
	size := 16
	for size < 2*capacity {
		size *= 2
	}
	t.slots = make([]idSlot, size)
	return t
}

// shortKey returns key's bytes in a slot's layout, or false when it does
// not fit one.
func shortKey(key string) (b [16]byte, ok bool) {
	if len(key) > len(b) {
		return b, false
	}
	copy(b[:], key)
	return b, true
}

func (t *idTable) hash(b *[16]byte, n int) uint64 {
	lo := binary.LittleEndian.Uint64(b[:8])
	hi := binary.LittleEndian.Uint64(b[8:])
	// wyhash's mixing: one 128-bit product of the seeded halves.
	h, l := bits.Mul64(lo^t.seed0, hi^t.seed1^uint64(n))
	return h ^ l
}

// get returns the number of key.
func (t *idTable) get(key string) (int, bool) {
	if b, ok := shortKey(key); ok {
		if k, ok := t.probe(&b, len(key)); ok {
			return k, true
		}
	}
	if len(t.long) == 0 {
		return 0, false
	}
	k, ok := t.long[key] // a long key, or a number past int32
	return k, ok
}

// probe looks a short key up in the slots.
func (t *idTable) probe(b *[16]byte, n int) (int, bool) {
	size := uint8(n + 1)
	mask := uint64(len(t.slots) - 1)
	for i := t.hash(b, n) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.size == 0 {
			return 0, false
		}
		if s.size == size && s.key == *b {
			return int(s.num), true
		}
	}
}

// put numbers key k (which is not in t).
func (t *idTable) put(key string, k int) {
	b, ok := shortKey(key)
	if !ok || k > math.MaxInt32 {
		t.long[key] = k
		return
	}
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	t.insert(b, uint8(len(key)+1), int32(k))
	t.n++
}

func (t *idTable) insert(b [16]byte, size uint8, num int32) {
	mask := uint64(len(t.slots) - 1)
	i := t.hash(&b, int(size)-1) & mask
	for t.slots[i].size != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = idSlot{key: b, size: size, num: num}
}

// grow doubles the slots, keeping the table at most half full.
func (t *idTable) grow() {
	old := t.slots
	t.slots = make([]idSlot, 2*len(old))
	for _, s := range old {
		if s.size != 0 {
			t.insert(s.key, s.size, s.num)
		}
	}
}
