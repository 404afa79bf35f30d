package backoff

import (
	"testing"
	"time"
)

func TestNextNeverExceedsLimit(t *testing.T) {
	b := New(10*time.Millisecond, 250*time.Millisecond)
	for i := 0; i < 100; i++ {
		if d := b.Next(); d < 0 || d > 250*time.Millisecond {
			t.Fatalf("attempt %d: delay %v out of range", i, d)
		}
	}
	if got := b.Attempts(); got != 100 {
		t.Errorf("Attempts() = %d, want 100", got)
	}
}

func TestCeilingGrowsExponentially(t *testing.T) {
	b := New(time.Millisecond, time.Hour)
	for i := 0; i < 5; i++ {
		ceiling := time.Millisecond << uint(i)
		if d := b.Next(); d > ceiling {
			t.Fatalf("attempt %d: delay %v above ceiling %v", i, d, ceiling)
		}
	}
}

func TestReset(t *testing.T) {
	b := New(time.Millisecond, time.Second)
	b.Next()
	b.Next()
	b.Reset()
	if got := b.Attempts(); got != 0 {
		t.Fatalf("Attempts() after Reset = %d, want 0", got)
	}
}

func TestManyAttemptsDoNotOverflow(t *testing.T) {
	b := New(time.Second, time.Minute)
	b.attempt = 62
	if d := b.Next(); d < 0 || d > time.Minute {
		t.Fatalf("delay %v out of range after many attempts", d)
	}
}
