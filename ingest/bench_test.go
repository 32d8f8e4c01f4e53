package ingest_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/store"
)

// bbcFiles builds n news text files from the BBC evaluation articles in
// ../shared: file i takes the length of a real article (so sizes follow
// the real distribution, mean ≈ 2.3 KB) and fills it with real sentences
// drawn at random, so vocabulary and index growth are those of news while
// every file is a different text.
func bbcFiles(b *testing.B, n int) map[string]string {
	b.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "eval", "bbc-news-summary", "articles", "*", "*.txt"))
	if len(paths) == 0 {
		b.Skip("../shared/eval/bbc-news-summary not found beside the checkout: the ingest benchmark builds its files from it")
	}
	var headlines, sents []string
	var lengths []int
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		head, body, _ := strings.Cut(string(data), "\n")
		headlines = append(headlines, strings.TrimSpace(head))
		lengths = append(lengths, len(body))
		for _, s := range strings.SplitAfter(body, ". ") {
			if s = strings.TrimSpace(s); s != "" {
				sents = append(sents, s)
			}
		}
	}
	r := rand.New(rand.NewPCG(7, 42))
	files := make(map[string]string, n)
	for i := range n {
		var sb strings.Builder
		fmt.Fprintf(&sb, "%s\n\n%s %d\n\n", []string{"Politics", "Business", "Sport", "Tech"}[i%4], headlines[r.IntN(len(headlines))], i)
		want := sb.Len() + lengths[r.IntN(len(lengths))]
		for k := 0; sb.Len() < want; k++ {
			sb.WriteString(sents[r.IntN(len(sents))])
			if k%4 == 3 {
				sb.WriteString("\n\n")
			} else {
				sb.WriteByte(' ')
			}
		}
		files[filepath.Join(fmt.Sprintf("d%02d", i%50), fmt.Sprintf("%05d.txt", i))] = sb.String()
	}
	return files
}

// BenchmarkIngestFiles ingests a directory of news text files (see
// bbcFiles) into a fresh SQLite store, in batched transactions and, as the
// baseline, one transaction per article. Run it on one core:
//
//	GOMAXPROCS=1 go test ./ingest -run '^$' -bench IngestFiles -benchtime 3x
func BenchmarkIngestFiles(b *testing.B) {
	const nFiles = 5000
	dir := b.TempDir()
	files := bbcFiles(b, nFiles)
	size := 0
	for _, text := range files {
		size += len(text)
	}
	WriteFiles(b, dir, files)
	b.Logf("%d files, %d bytes on average", nFiles, size/nFiles)

	for _, batch := range []int{ingest.DefaultBatchSize, 1} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			var db *store.DB
			for range b.N {
				b.StopTimer()
				db = MustOpenStore(b)
				in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{BatchSize: batch})
				b.StartTimer()
				rep := in.Ingest(context.Background(), []string{dir}, nil)
				if rep.Added != nFiles || len(rep.Failures) > 0 {
					b.Fatalf("added %d of %d, failures %v", rep.Added, nFiles, rep.Failures)
				}
			}
			b.ReportMetric(float64(nFiles*b.N)/b.Elapsed().Seconds(), "articles/s")
			if st, err := db.Stats(context.Background()); err == nil && st.NearDuplicates > nFiles/100 {
				b.Errorf("%d near-duplicates among %d generated texts: not realistic", st.NearDuplicates, nFiles)
			}
		})
	}
}
