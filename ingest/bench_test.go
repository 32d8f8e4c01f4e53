package ingest_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/store"
)

// Generated texts mix common words with made-up ones, in the proportions
// of news prose, so that like real articles they share few word triples
// and their fingerprints spread (BBC articles: about twice the band
// collisions of random fingerprints; these: about as many).
var (
	common = strings.Fields("the of and to in a is that for on was with it as at by said from " +
		"his her an be has have are were had but which who will their they not this after " +
		"year people government minister police council city new two last first week")
	syllables = strings.Fields("ka lo mi ren sa to vel dor an bri cos den fa gil har is jo kel lin mar " +
		"nor os pel quin ros sel tam ul ver wen ya zel bo ca di el")
)

func word(r *rand.Rand) string {
	if r.IntN(10) < 5 {
		return common[r.IntN(len(common))]
	}
	w := ""
	for range 2 + r.IntN(2) {
		w += syllables[r.IntN(len(syllables))]
	}
	return w
}

// sentences writes n pseudo-news sentences of 8 to 25 words, different
// for each seed, in paragraphs of four.
func sentences(seed, n int) string {
	r := rand.New(rand.NewPCG(uint64(seed), 42))
	var b strings.Builder
	for i := range n {
		w := word(r)
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		for range 7 + r.IntN(18) {
			b.WriteByte(' ')
			b.WriteString(word(r))
		}
		b.WriteString(". ")
		if i%4 == 3 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// BenchmarkIngestFiles ingests a directory of ~3 KB news text files into a
// fresh SQLite store. Run it on one core:
//
//	GOMAXPROCS=1 go test ./ingest -run '^$' -bench IngestFiles -benchtime 3x
func BenchmarkIngestFiles(b *testing.B) {
	const nFiles = 5000
	dir := b.TempDir()
	files := make(map[string]string, nFiles)
	size := 0
	for i := range nFiles {
		text := fmt.Sprintf("Section %d\n\nHeadline %d: %s\n\n%s", i%7, i, sentences(-i, 1), sentences(i, 30))
		files[filepath.Join(fmt.Sprintf("d%02d", i%50), fmt.Sprintf("%05d.txt", i))] = text
		size += len(text)
	}
	WriteFiles(b, dir, files)
	b.Logf("%d files, %d bytes on average", nFiles, size/nFiles)

	b.ResetTimer()
	var db *store.DB
	for range b.N {
		b.StopTimer()
		db = MustOpenStore(b)
		in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
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
}
