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
			forEachDB(t, func(t *testing.T, db *store.DB) {
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
			forEachDB(t, func(t *testing.T, db *store.DB) {
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
		})
	}
}

// nearPair returns two fingerprinted articles 3 bits apart, so the second
// is a near-duplicate of the first.
func nearPair(name string) (news.Article, news.Article) {
	const fp = 0x5DEECE66D1234567
	return news.Article{Title: name, Body: name + " original", Fingerprint: fp},
		news.Article{Title: name + " copy", Body: name + " copy", Fingerprint: fp ^ 0b1011<<30}
}

func TestNearDuplicatesAcrossHandles(t *testing.T) {
	// Two handles on one file, as two processes would have: each must see
	// the articles the other added after its index was loaded.
	forEachBackend(t, testNearDuplicatesAcrossHandles)
}

func testNearDuplicatesAcrossHandles(t *testing.T, be backend) {
	one, two := mustOpen(t, be.dsn), mustOpen(t, be.dsn)
	mustAdd(t, one, news.Article{Title: "warm-up", Body: "loads the index", Fingerprint: 1})
	mustAdd(t, two, news.Article{Title: "warm-up 2", Body: "loads the other index", Fingerprint: 2})

	a, aCopy := nearPair("a")
	orig := mustAdd(t, two, a)
	if got := mustAdd(t, one, aCopy); got[0].DuplicateOf != orig[0].ID {
		t.Errorf("copy added through the other handle: DuplicateOf = %d, want %d", got[0].DuplicateOf, orig[0].ID)
	}
	b, bCopy := nearPair("b")
	b.Fingerprint, bCopy.Fingerprint = ^b.Fingerprint, ^bCopy.Fingerprint
	orig = mustAdd(t, one, b)
	if got := mustAdd(t, two, bCopy); got[0].DuplicateOf != orig[0].ID {
		t.Errorf("and back: DuplicateOf = %d, want %d", got[0].DuplicateOf, orig[0].ID)
	}
}

func TestNearDuplicatesAfterReopen(t *testing.T) {
	forEachBackend(t, testNearDuplicatesAfterReopen)
}

func testNearDuplicatesAfterReopen(t *testing.T, b backend) {
	db := mustOpen(t, b.dsn)
	a, aCopy := nearPair("a")
	orig := mustAdd(t, db, a)
	db.Close()
	if got := mustAdd(t, mustOpen(t, b.dsn), aCopy); got[0].DuplicateOf != orig[0].ID {
		t.Errorf("after reopening: DuplicateOf = %d, want %d", got[0].DuplicateOf, orig[0].ID)
	}
}

func TestNearDuplicatesOfFailedBatchesAreForgotten(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		a, aCopy := nearPair("a")
		// The batch fails after a is inserted: the unknown feed breaks a
		// foreign key. Neither the store nor the index may keep a.
		_, err := db.AddArticles(context.Background(), []news.Article{a, {Title: "bad", Body: "no such feed", FeedID: 999}})
		if err == nil {
			t.Fatal("batch with an unknown feed succeeded")
		}
		res := mustAdd(t, db, aCopy, a)
		if res[0].DuplicateOf != 0 {
			t.Errorf("linked to an article of the failed batch: DuplicateOf = %d", res[0].DuplicateOf)
		}
		if res[1].Status != store.Added || res[1].DuplicateOf != res[0].ID {
			t.Errorf("original stored after its copy: %+v, want Added with DuplicateOf %d", res[1], res[0].ID)
		}
	})
}

func TestNearDuplicatesIgnoreDeletedArticles(t *testing.T) {
	// No method deletes articles, but the schema allows it: the index must
	// not link to a deleted article, nor to another one given its ID.
	forEachBackend(t, testNearDuplicatesIgnoreDeletedArticles)
}

func testNearDuplicatesIgnoreDeletedArticles(t *testing.T, b backend) {
	db := mustOpen(t, b.dsn)
	a, aCopy := nearPair("a")
	orig := mustAdd(t, db, news.Article{Title: "first", Body: "stays", Fingerprint: 7}, a)
	if _, err := b.raw.Exec(`DELETE FROM articles WHERE id = $1`, orig[1].ID); err != nil {
		t.Fatal(err)
	}
	// The deleted ID was the highest, so SQLite hands it out again;
	// PostgreSQL's sequence never does.
	other := mustAdd(t, db, news.Article{Title: "other", Body: "unrelated text", Fingerprint: ^a.Fingerprint})
	if b.name == "sqlite" && other[0].ID != orig[1].ID {
		t.Fatalf("new article got ID %d, want the deleted %d again", other[0].ID, orig[1].ID)
	}
	if got := mustAdd(t, db, aCopy); got[0].Status != store.Added || got[0].DuplicateOf != 0 {
		t.Errorf("copy of a deleted article: %+v, want Added and no DuplicateOf", got[0])
	}
	_, otherCopy := nearPair("other")
	otherCopy.Fingerprint = ^otherCopy.Fingerprint
	if got := mustAdd(t, db, otherCopy); got[0].DuplicateOf != other[0].ID {
		t.Errorf("copy of the article that reused the ID: DuplicateOf = %d, want %d", got[0].DuplicateOf, other[0].ID)
	}
}

func TestNearDuplicatesNoticeChangedFingerprints(t *testing.T) {
	// A fingerprint changed behind the index's back (no method does, but
	// another program could): the index must not link by the old one, and
	// must know the new one from the next batch on.
	forEachBackend(t, testNearDuplicatesNoticeChangedFingerprints)
}

func testNearDuplicatesNoticeChangedFingerprints(t *testing.T, b backend) {
	db := mustOpen(t, b.dsn)
	a, aCopy := nearPair("a")
	orig := mustAdd(t, db, a)
	changed := ^a.Fingerprint
	if _, err := b.raw.Exec(`UPDATE articles SET fingerprint = $1 WHERE id = $2`, int64(changed), orig[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := mustAdd(t, db, aCopy); got[0].DuplicateOf != 0 {
		t.Errorf("linked by the old fingerprint: DuplicateOf = %d", got[0].DuplicateOf)
	}
	near := news.Article{Title: "near the new", Body: "near the new fingerprint", Fingerprint: changed ^ 1}
	if got := mustAdd(t, db, near); got[0].DuplicateOf != orig[0].ID {
		t.Errorf("by the new fingerprint: DuplicateOf = %d, want %d", got[0].DuplicateOf, orig[0].ID)
	}
}
