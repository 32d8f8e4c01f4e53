package store

import (
	"context"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/newsbrief/newsbrief/news"
)

// TestNearIndexForgetsFailedBatches checks the index itself: through the
// API a stale entry would go unnoticed, as roots are read from the
// articles.
func TestNearIndexForgetsFailedBatches(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.AddArticles(ctx, []news.Article{{Title: "kept", Body: "kept", Fingerprint: 0xABCD}}); err != nil {
		t.Fatal(err)
	}
	ix := &db.near
	type state struct {
		fps   []uint64
		ids   []int64
		head  [bands][]int32
		next  [bands][]int32
		maxID int64
	}
	snapshot := func() state {
		s := state{fps: slices.Clone(ix.fps), ids: slices.Clone(ix.ids), maxID: ix.maxID}
		for b := range bands {
			s.head[b], s.next[b] = slices.Clone(ix.head[b]), slices.Clone(ix.next[b])
		}
		return s
	}
	before := snapshot()
	_, err = db.AddArticles(ctx, []news.Article{
		{Title: "near", Body: "near", Fingerprint: 0xABCD ^ 1},
		{Title: "far", Body: "far", Fingerprint: 0x1234 << 40},
		{Title: "bad", Body: "no such feed", FeedID: 999},
	})
	if err == nil {
		t.Fatal("batch with an unknown feed succeeded")
	}
	after := snapshot()
	if !slices.Equal(before.fps, after.fps) || !slices.Equal(before.ids, after.ids) || before.maxID != after.maxID {
		t.Errorf("index after the failed batch: fps %x ids %v max %d; want fps %x ids %v max %d",
			after.fps, after.ids, after.maxID, before.fps, before.ids, before.maxID)
	}
	for b := range bands {
		if !slices.Equal(before.head[b], after.head[b]) || !slices.Equal(before.next[b], after.next[b]) {
			t.Errorf("band %d chains changed by the failed batch", b)
		}
	}
}

// BenchmarkNearIndex measures a lookup among 100,000 random fingerprints
// and the index's memory per article.
func BenchmarkNearIndex(b *testing.B) {
	const n = 100_000
	rng := rand.New(rand.NewPCG(1, 2))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var ix nearIndex
	ix.reset()
	for i := range n {
		ix.add(int64(i+1), rng.Uint64())
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	var es []int32
	for b.Loop() {
		es = ix.near(rng.Uint64(), es[:0])
	}
	// After the loop, which would drop the metric; heads excluded.
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc-bands<<bandWidth*4)/n, "B/article")
}
