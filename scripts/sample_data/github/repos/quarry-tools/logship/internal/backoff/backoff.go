// Package backoff implements capped exponential backoff with full jitter.
package backoff

import (
	"math/rand"
	"sync"
	"time"
)

// Backoff computes successive retry delays. It is safe for concurrent use.
type Backoff struct {
	base  time.Duration
	limit time.Duration

	mu      sync.Mutex
	attempt int
	rng     *rand.Rand
}

// New returns a Backoff whose delays start around base and never exceed limit.
func New(base, limit time.Duration) *Backoff {
	return &Backoff{
		base:  base,
		limit: limit,
		rng:   rand.New(rand.NewSource(time.Now().UnixNano())),
	}
}

// Next returns the delay to wait before the next attempt.
func (b *Backoff) Next() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()

	ceiling := b.limit
	if b.attempt < 32 {
		if d := b.base << uint(b.attempt); d > 0 && d < b.limit {
			ceiling = d
		}
	}
	b.attempt++
	// Full jitter: pick uniformly in [0, ceiling] so that many clients
	// retrying at once spread out instead of hitting the server together.
	return time.Duration(b.rng.Int63n(int64(ceiling) + 1))
}

// Reset starts the sequence again, typically after a successful request.
func (b *Backoff) Reset() {
	b.mu.Lock()
	b.attempt = 0
	b.mu.Unlock()
}

// Attempts reports how many delays have been handed out since the last Reset.
func (b *Backoff) Attempts() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.attempt
}
