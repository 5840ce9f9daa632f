package snapshot

import (
	"errors"
	"sync"
)

// pipeline runs produce and consume concurrently: produce calls emit with
// each batch, in order, and consume takes them in that same order on
// another goroutine. Reading, date parsing, relations and duplicate
// checks (produce) then overlap with aggregation (consume), which is
// about half the work, so a streamed table takes about two cores. Each
// stage owns its own state (produce the duplicate fingerprints and the
// report, consume the aggregators), so the result is the sequential one
// bit for bit. The first error of either stage stops both; the one
// returned is the one a sequential loop would meet first: consume's, when
// it has one, since every batch it took precedes the batch produce failed
// on.
func pipeline[T any](produce func(emit func(T) error) error, consume func(T) error) error {
	// Two batches in flight: the producer reads ahead by one while the
	// consumer works, and memory stays a few batches.
	ch := make(chan T, 2)
	stop := make(chan struct{})
	var consErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for t := range ch {
			if consErr == nil {
				if consErr = consume(t); consErr != nil {
					close(stop)
				}
			}
		}
	}()
	prodErr := produce(func(t T) error {
		select {
		case ch <- t:
			return nil
		case <-stop:
			return errStopped
		}
	})
	close(ch)
	wg.Wait()
	if consErr != nil {
		return consErr
	}
	return prodErr
}

// errStopped ends produce once consume has failed.
var errStopped = errors.New("snapshot: pipeline stopped")
