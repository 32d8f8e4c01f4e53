package news_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/news"
)

// On real news (the BBC evaluation articles), SimHash at
// NearDuplicateDistance must find the near-duplicate pairs — word
// 5-shingle Jaccard ≥ 0.9 — and flag few pairs that are not.
func TestNearDuplicatesOnBBC(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "eval", "bbc-news-summary", "articles", "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("../shared/eval/bbc-news-summary not found beside the checkout: the near-duplicate evaluation needs it")
	}
	type doc struct {
		fp       uint64
		shingles []string // sorted, distinct word 5-shingles
	}
	docs := make([]doc, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		words := news.Words(string(data))
		var sh []string
		for j := 0; j+5 <= len(words); j++ {
			sh = append(sh, strings.Join(words[j:j+5], " "))
		}
		slices.Sort(sh)
		docs[i] = doc{fp: news.SimHash(string(data)), shingles: slices.Compact(sh)}
	}
	jaccard := func(a, b []string) float64 { // merge of two sorted sets
		inter := 0
		for i, j := 0, 0; i < len(a) && j < len(b); {
			switch {
			case a[i] == b[j]:
				inter++
				i++
				j++
			case a[i] < b[j]:
				i++
			default:
				j++
			}
		}
		return float64(inter) / float64(len(a)+len(b)-inter)
	}
	var truePairs, found, flagged, wrong int
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			near := news.Distance(docs[i].fp, docs[j].fp) <= news.NearDuplicateDistance
			dup := jaccard(docs[i].shingles, docs[j].shingles) >= 0.9
			if dup {
				truePairs++
				if near {
					found++
				}
			}
			if near {
				flagged++
				if !dup {
					wrong++
				}
			}
		}
	}
	t.Logf("%d articles: %d near-duplicate pairs, %d found; %d flagged, %d of them not near-duplicates", len(docs), truePairs, found, flagged, wrong)
	if truePairs == 0 {
		t.Fatal("no near-duplicate pairs in the BBC set: the data changed?")
	}
	if recall := float64(found) / float64(truePairs); recall < 0.95 {
		t.Errorf("recall %.3f < 0.95", recall)
	}
	if precision := float64(flagged-wrong) / float64(flagged); precision < 0.95 {
		t.Errorf("precision %.3f < 0.95", precision)
	}
}
