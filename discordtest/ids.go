package discordtest

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"sync/atomic"
	"time"
)

// discordEpoch is 2015-01-01T00:00:00Z in Unix milliseconds; snowflakes count from it.
const discordEpoch = 1420070400000

// snowflakes hands out Discord-shaped IDs: time in the high bits, so IDs sort by creation
// like real ones, and a counter in the low bits, so IDs made in the same millisecond differ.
type snowflakes struct {
	n atomic.Uint64
}

func newSnowflakes() *snowflakes { return &snowflakes{} }

func (f *snowflakes) next() string {
	ms := uint64(time.Now().UnixMilli() - discordEpoch)
	return strconv.FormatUint(ms<<22|(f.n.Add(1)&0x3fffff), 10)
}

// randomToken returns an opaque token like the ones Discord gives interactions and sessions.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

// timestamp formats t as Discord does (RFC 3339 with microseconds).
func timestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000+00:00")
}
