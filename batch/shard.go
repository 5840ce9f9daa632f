package batch

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard selects the part of the input one scoring job handles, so n jobs
// (a Kubernetes indexed job, n processes on n machines) share one input
// between them without coordination. The zero value selects everything.
//
// An account belongs to shard ShardOf(id, Count): the FNV-1a 64-bit hash of
// its ID modulo Count. Hashing the ID, not the line number, keeps an
// account on the same shard however the input files are split or ordered.
// A rejected row, whose ID may be unreadable, belongs to shard
// (line number mod Count). So across the n jobs every input row is scored
// or rejected exactly once.
type Shard struct {
	Index, Count int
}

// ParseShard parses "i/n" (0 <= i < n). The empty string is the zero Shard.
// Other text fails with ErrShard.
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{}, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("batch: %w %q: want i/n with 0 <= i < n", ErrShard, s)
	}
	return Shard{Index: i, Count: n}, nil
}

func (s Shard) String() string {
	if s.Count <= 1 {
		return "0/1"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// all reports whether the shard selects every row.
func (s Shard) all() bool { return s.Count <= 1 }

// ShardOf returns the shard (0..n-1) of an account ID among n shards.
func ShardOf(id string, n int) int {
	if n <= 1 {
		return 0
	}
	// FNV-1a, 64 bit (inlined: hash/fnv allocates per call).
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	// FNV-1a's low k bits depend only on the low k bits of each byte, so IDs
	// differing only in high bits ('A' vs 'a') would share a shard whenever n
	// is a power of two: mix all bits down first (murmur3's fmix64).
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return int(h % uint64(n))
}

// hasLine reports whether a rejected row at that input line is this shard's.
func (s Shard) hasLine(line int) bool { return s.all() || line%s.Count == s.Index }

// hasID reports whether an account is this shard's.
func (s Shard) hasID(id string) bool { return s.all() || ShardOf(id, s.Count) == s.Index }
