package news

import (
	"math/rand/v2"
	"testing"
)

// The lane counter must agree with counting bit by bit, across flushes.
func TestSimCounterMatchesBitByBit(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 254, 255, 256, 1000} {
		var s simCounter
		var counts [64]int
		for i := 0; i < n; i++ {
			v := rng.Uint64()
			s.add(v)
			for b := 0; b < 64; b++ {
				counts[b] += int(v >> b & 1)
			}
		}
		var want uint64
		for b, c := range counts {
			if 2*c > n {
				want |= 1 << b
			}
		}
		if got := s.sum(); got != want {
			t.Errorf("n=%d: lane sum %016x, bit-by-bit %016x", n, got, want)
		}
	}
}
