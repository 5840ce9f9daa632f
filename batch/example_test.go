package batch_test

import (
	"fmt"
	"log"

	"github.com/segmenta/segmenta/batch"
)

// Three jobs, each run with its own -shard i/3, share one input: an account
// belongs to the shard of its ID's hash, wherever it is in the input.
func ExampleShardOf() {
	sh, err := batch.ParseShard("1/3")
	if err != nil {
		log.Fatal(err)
	}
	for _, id := range []string{"A0000001", "A0000002", "A0000003", "A0000004"} {
		fmt.Println(id, batch.ShardOf(id, sh.Count), batch.ShardOf(id, sh.Count) == sh.Index)
	}
	_, err = batch.ParseShard("3/3")
	fmt.Println(err)
	// Output:
	// A0000001 2 false
	// A0000002 1 true
	// A0000003 2 false
	// A0000004 2 false
	// batch: invalid shard "3/3": want i/n with 0 <= i < n
}
