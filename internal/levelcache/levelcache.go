package levelcache

import "unsafe"

// Cache remembers the level codes of recent category strings, in slots
// chosen by the address of the string's bytes. It serves columns whose
// equal values share their bytes, which dataset states per column
// (dataset.Column.Interned: CSV readers intern low-cardinality columns):
// the rows of a batch then hold a handful of string headers, and a hit costs
// a pointer compare instead of hashing the string for the level map. For
// other columns the level map is faster, and callers skip the cache. The
// address only picks the slot: a hit still requires equal strings, so a
// column whose Interned is stale gets the right codes, only more slowly.
// The zero value is an empty cache; it is not safe for concurrent use.
type Cache struct {
	slot [64]levelEntry
}

type levelEntry struct {
	s      string
	code   int32
	unseen bool
	set    bool
}

func levelSlot(v string) int {
	p := uintptr(unsafe.Pointer(unsafe.StringData(v)))
	return int((uint64(p) * 0x9E3779B97F4A7C15) >> 58)
}

// Get returns the code and flag stored for v, and whether v was found.
func (c *Cache) Get(v string) (code int32, unseen, ok bool) {
	e := &c.slot[levelSlot(v)]
	if !e.set || len(e.s) != len(v) {
		return 0, false, false
	}
	// Same bytes (the interned case) or equal contents.
	if unsafe.StringData(e.s) != unsafe.StringData(v) && e.s != v {
		return 0, false, false
	}
	return e.code, e.unseen, true
}

// Put stores the code and flag of v, replacing whatever shared its slot.
func (c *Cache) Put(v string, code int32, unseen bool) {
	c.slot[levelSlot(v)] = levelEntry{s: v, code: code, unseen: unseen, set: true}
}
