package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// longText is a news-length text (~500 words; SimHash is reliable at that
// length). Different seeds give unrelated texts.
func longText(seed int) string {
	subjects := []string{"the council", "the minister", "local police", "the union", "investors", "the court", "doctors"}
	verbs := []string{"warned about", "voted on", "criticised", "welcomed", "questioned", "delayed"}
	objects := []string{"the budget", "new tariffs", "the rail strike", "flood defences", "the housing plan"}
	var sb strings.Builder
	for i := 0; i < 50; i++ {
		j := i + seed*7
		fmt.Fprintf(&sb, "On day %d of %d %s %s %s. ", i, seed, subjects[j%len(subjects)], verbs[(j/2)%len(verbs)], objects[(j/3)%len(objects)])
	}
	return sb.String()
}

func TestNearDuplicates(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		base := longText(1)
		edited := strings.Replace(base, "welcomed", "cautiously welcomed", 1)
		if d := news.Distance(news.SimHash(base), news.SimHash(edited)); base == edited || d > news.NearDuplicateDistance {
			t.Fatalf("test texts are %d bits apart; need a change within %d", d, news.NearDuplicateDistance)
		}
		res := mustAdd(t, db,
			news.Article{Title: "original", Body: base},
			news.Article{Title: "unrelated", Body: longText(2)},
			news.Article{Title: "edited copy", Body: edited},
		)
		root := res[0].ID
		if res[0].DuplicateOf != 0 || res[1].DuplicateOf != 0 {
			t.Errorf("original or unrelated article linked: %+v, %+v", res[0], res[1])
		}
		if res[2].Status != store.Added || res[2].DuplicateOf != root {
			t.Errorf("edited copy: %+v, want Added with DuplicateOf %d", res[2], root)
		}
		a, err := db.Article(ctx, res[2].ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.DuplicateOf != root {
			t.Errorf("stored DuplicateOf = %d, want %d", a.DuplicateOf, root)
		}
	})
}

func TestNearDuplicatesLinkToTheRoot(t *testing.T) {
	// Fingerprints set by hand: B is 6 bits from A, C is 6 bits from B but
	// 12 from A, so only a root lookup links C to A rather than to B.
	const a = 0x0123456789ABCDEF
	const b = a ^ 0x3F
	const c = b ^ 0x3F<<20
	tests := []struct {
		name      string
		batches   [][]uint64
		wantRoots []int // per article: index of its root, -1 for none
	}{
		{"one batch", [][]uint64{{a, b, c}}, []int{-1, 0, 0}},
		{"separate batches", [][]uint64{{a}, {b}, {c}}, []int{-1, 0, 0}},
		{"unrelated stays alone", [][]uint64{{a, ^uint64(a)}}, []int{-1, -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t, ":memory:")
			var results []store.AddResult
			n := 0
			for _, fps := range tt.batches {
				var batch []news.Article
				for _, fp := range fps {
					batch = append(batch, news.Article{Title: fmt.Sprint(n), Body: fmt.Sprintf("text number %d", n), Fingerprint: fp})
					n++
				}
				results = append(results, mustAdd(t, db, batch...)...)
			}
			for i, r := range results {
				want := int64(0)
				if tt.wantRoots[i] >= 0 {
					want = results[tt.wantRoots[i]].ID
				}
				if r.DuplicateOf != want {
					t.Errorf("article %d: DuplicateOf = %d, want %d", i, r.DuplicateOf, want)
				}
			}
		})
	}
}

func TestNearDuplicatesFoundWhereverTheBitsDiffer(t *testing.T) {
	// Every way of spreading up to 6 flipped bits over the fingerprint must
	// be found; 7 flipped bits must not link.
	const base = 0x9E3779B97F4A7C15
	flips := func(bits ...int) uint64 {
		var m uint64
		for _, b := range bits {
			m |= 1 << b
		}
		return m
	}
	tests := []struct {
		name string
		mask uint64
		near bool
	}{
		{"one bit", flips(40), true},
		{"six bits in one quarter", flips(0, 1, 2, 3, 4, 5), true},
		{"two, two and two", flips(1, 2, 17, 18, 33, 34), true},
		{"two, two, one and one", flips(1, 2, 17, 18, 33, 49), true},
		{"three and three", flips(10, 11, 12, 60, 61, 62), true},
		{"top bits", flips(63, 62, 47, 46, 31, 15), true},
		{"seven bits", flips(1, 2, 17, 18, 33, 34, 49), false},
		{"all bits", ^uint64(0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t, ":memory:")
			res := mustAdd(t, db,
				news.Article{Title: "base", Body: "base text", Fingerprint: base},
				news.Article{Title: "other", Body: "other text", Fingerprint: base ^ tt.mask},
			)
			want := int64(0)
			if tt.near {
				want = res[0].ID
			}
			if res[1].DuplicateOf != want {
				t.Errorf("DuplicateOf = %d, want %d", res[1].DuplicateOf, want)
			}
		})
	}
}
