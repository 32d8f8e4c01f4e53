package cluster

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsbrief/newsbrief/news"
)

func TestGroupEmpty(t *testing.T) {
	if g := Group(nil, Options{}); len(g) != 0 {
		t.Fatalf("Group(nil) = %v, want none", g)
	}
}

func TestGroupOne(t *testing.T) {
	g := Group([]Doc{{ID: 1, Title: "Storm hits coast"}}, Options{})
	if !slices.EqualFunc(g, [][]int{{0}}, slices.Equal) {
		t.Fatalf("Group(one) = %v, want [[0]]", g)
	}
}

func TestGroupNearDuplicatesShareGroup(t *testing.T) {
	body := "The central bank raised interest rates by a quarter point on Tuesday, citing persistent inflation in services and a tight labour market, and signalled more increases could follow later this year."
	fp := news.SimHash(body)
	docs := []Doc{
		{ID: 1, Title: "Central bank lifts rates", Lead: body, Fingerprint: fp},
		{ID: 2, Title: "Volcano erupts in Iceland", Lead: "Lava flows toward the fishing town of Grindavik after an eruption overnight.", Fingerprint: news.SimHash("lava grindavik")},
		// Same story syndicated under an unrelated headline with a tiny
		// change: fingerprint within the near-duplicate distance.
		{ID: 3, Title: "Markets digest surprise", Lead: "zzz", Fingerprint: fp ^ 0b101},
	}
	g := Group(docs, Options{})
	want := [][]int{{0, 2}, {1}}
	if !slices.EqualFunc(g, want, slices.Equal) {
		t.Fatalf("Group = %v, want %v", g, want)
	}
}

func TestGroupSeparatesUnrelated(t *testing.T) {
	docs := []Doc{
		{ID: 1, Title: "Earthquake strikes Japan", Lead: "A magnitude 7 earthquake struck northern Japan, triggering a tsunami warning."},
		{ID: 2, Title: "Striker signs for Madrid", Lead: "The striker signed a five-year contract with Real Madrid on Friday."},
		{ID: 3, Title: "Japan earthquake tsunami warning", Lead: "Tsunami warning issued after magnitude 7 earthquake in northern Japan."},
		{ID: 4, Title: "Apple unveils new iPhone", Lead: "Apple unveiled its new iPhone with a faster chip and better camera."},
		{ID: 5, Title: "Madrid signs striker", Lead: "Real Madrid confirmed the striker's five-year contract."},
	}
	g := Group(docs, Options{})
	want := [][]int{{0, 2}, {1, 4}, {3}}
	if !slices.EqualFunc(g, want, slices.Equal) {
		t.Fatalf("Group = %v, want %v", g, want)
	}
}

// partition maps each doc ID to the smallest ID in its group.
func partition(docs []Doc, groups [][]int) map[int64]int64 {
	p := map[int64]int64{}
	for _, g := range groups {
		lo := docs[g[0]].ID
		for _, i := range g {
			lo = min(lo, docs[i].ID)
		}
		for _, i := range g {
			p[docs[i].ID] = lo
		}
	}
	return p
}

func TestGroupDeterministic(t *testing.T) {
	docs, _ := loadGoogleNews(t, "TS.jsonl")
	docs = docs[:2000]
	want := partition(docs, Group(docs, Options{}))
	r := rand.New(rand.NewPCG(1, 2))
	for range 2 {
		shuffled := slices.Clone(docs)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		groups := Group(shuffled, Options{})
		for gi, g := range groups {
			if !slices.IsSorted(g) {
				t.Fatalf("group %d not sorted", gi)
			}
			if gi > 0 && groups[gi-1][0] >= g[0] {
				t.Fatalf("groups not ordered by first index")
			}
		}
		got := partition(shuffled, groups)
		for id, lo := range want {
			if got[id] != lo {
				t.Fatalf("doc %d: group leader %d after shuffle, want %d", id, got[id], lo)
			}
		}
	}
}

func BenchmarkGroup(b *testing.B) {
	docs, _ := loadGoogleNews(b, "TS.jsonl")
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			d := docs[:n]
			b.ReportAllocs()
			for b.Loop() {
				Group(d, Options{})
			}
		})
	}
}

func TestTopTerms(t *testing.T) {
	v := Vector{Terms: []int32{1, 3, 5, 7, 9}, Weights: []float64{0.1, 0.6, 0.2, 0.6, 0.3}}
	got := topTerms(v, 3)
	if want := []int32{3, 7, 9}; !slices.Equal(got.Terms, want) {
		t.Fatalf("topTerms kept %v, want %v (heaviest, in term order)", got.Terms, want)
	}
	var norm float64
	for _, w := range got.Weights {
		norm += w * w
	}
	if math.Abs(norm-1) > 1e-12 {
		t.Errorf("kept vector has squared norm %v, want 1", norm)
	}
	if same := topTerms(v, 5); len(same.Terms) != 5 || same.Weights[0] != 0.1 {
		t.Errorf("a vector within the limit changed: %+v", same)
	}
}
