package store_test

import (
	"bufio"
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// benchBackends open a fresh, empty store of each backend; PostgreSQL's
// benchmarks are skipped when it is not reachable (see postgresDSN).
var benchBackends = []struct {
	name string
	open func(b *testing.B) *store.DB
}{
	{"sqlite", func(b *testing.B) *store.DB { return mustOpen(b, filepath.Join(b.TempDir(), "news.db")) }},
	{"postgres", func(b *testing.B) *store.DB { return mustOpen(b, postgresDSN(b)) }},
}

// BenchmarkAddArticles measures ingestion: one op is a batch of 500
// articles of 2–4 KB into a database that grows across the ops. In
// "hashed" the articles come with ContentHash and Fingerprint set, as an
// ingester hashing in parallel workers would send them; in "raw" the store
// computes them.
func BenchmarkAddArticles(b *testing.B) {
	for _, be := range benchBackends {
		b.Run(be.name+"/hashed", func(b *testing.B) { benchmarkAddArticles(b, be.open(b), true) })
		b.Run(be.name+"/raw", func(b *testing.B) { benchmarkAddArticles(b, be.open(b), false) })
	}
}

func benchmarkAddArticles(b *testing.B, db *store.DB, hashed bool) {
	p := bbcPool(b)
	const batch = 500
	ctx := context.Background()
	articles := make([]news.Article, b.N*batch)
	var bytes int
	for i := range articles {
		a := p.article(i)
		if hashed {
			a.ContentHash, a.Fingerprint = news.ContentHash(a.Body), news.SimHash(a.Body)
		}
		articles[i] = a
		bytes += len(a.Body)
	}
	b.SetBytes(int64(bytes / b.N))
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := db.AddArticles(ctx, articles[i*batch:(i+1)*batch])
		if err != nil {
			b.Fatal(err)
		}
		if len(res) != batch {
			b.Fatalf("got %d results, want %d", len(res), batch)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(len(articles))/b.Elapsed().Seconds(), "articles/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		// Per CPU second: the one-core rate, whatever else the machine runs.
		b.ReportMetric(float64(len(articles))/cpu.Seconds(), "articles/cpu-s")
	}
}

// corpusBackends return the DSN of the 100,000-article corpus in each
// backend.
var corpusBackends = []struct {
	name string
	dsn  func(b *testing.B) string
}{
	{"sqlite", searchCorpus},
	{"postgres", postgresCorpus},
}

// BenchmarkSearch measures search latency over the 100,000-article corpus:
// one op is one query, cycling through benchQueries.
func BenchmarkSearch(b *testing.B) {
	for _, be := range corpusBackends {
		b.Run(be.name, func(b *testing.B) { benchmarkSearch(b, mustOpen(b, be.dsn(b))) })
	}
}

func benchmarkSearch(b *testing.B, db *store.DB) {
	ctx := context.Background()
	queries := benchQueries(bbcPool(b))
	search := func(q string) (int, error) {
		res, err := db.Search(ctx, store.SearchQuery{Text: q})
		return len(res), err
	}
	runQueries(b, queries, search)
}

// BenchmarkFirstAdd measures what a new process pays to add to the
// 100,000-article corpus: opening it and loading the near-duplicate index
// (the article is already stored, so nothing is written).
func BenchmarkFirstAdd(b *testing.B) {
	for _, be := range corpusBackends {
		b.Run(be.name, func(b *testing.B) { benchmarkFirstAdd(b, be.dsn(b)) })
	}
}

func benchmarkFirstAdd(b *testing.B, path string) {
	ctx := context.Background()
	a := bbcPool(b).article(0)
	for b.Loop() {
		db, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		res, err := db.AddArticles(ctx, []news.Article{a})
		if err != nil || res[0].Status != store.Duplicate {
			b.Fatalf("AddArticles = %+v, %v; want a duplicate", res, err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchBaseline runs the same queries as BenchmarkSearch as a
// naive LIKE scan, for comparison.
func BenchmarkSearchBaseline(b *testing.B) {
	path := searchCorpus(b)
	sqldb, err := sql.Open("sqlite", path)
	if err != nil {
		b.Fatal(err)
	}
	defer sqldb.Close()
	ctx := context.Background()
	search := func(q string) (int, error) {
		var where []string
		var args []any
		for _, w := range news.Words(q) {
			where = append(where, `(title LIKE ? OR body LIKE ?)`)
			args = append(args, "%"+w+"%", "%"+w+"%")
		}
		return countRows(sqldb.QueryContext(ctx, `SELECT id, title FROM articles WHERE `+
			strings.Join(where, " AND ")+` ORDER BY sort_time DESC LIMIT 20`, args...))
	}
	runQueries(b, benchQueries(bbcPool(b)), search)
}

// BenchmarkSearchPostgresPlanner is the baseline of PostgreSQL's search:
// the same queries as one statement that ranks the newest 1,000 matches,
// as the planner chooses to find them (what Search did before it chose
// for itself), without snippets.
func BenchmarkSearchPostgresPlanner(b *testing.B) {
	raw, err := sql.Open("pgx", postgresCorpus(b))
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	ctx := context.Background()
	search := func(q string) (int, error) {
		var tsq []string
		var args []any
		for _, w := range news.Words(q) {
			args = append(args, w)
			tsq = append(tsq, fmt.Sprintf("newsbrief_keyed(plainto_tsquery('newsbrief', newsbrief_fold($%d)), 'en')", len(args)))
		}
		if strings.HasPrefix(q, `"`) { // the phrases are whole queries
			tsq = []string{"newsbrief_keyed(phraseto_tsquery('newsbrief', newsbrief_fold($1)), 'en')"}
			args = []any{strings.Join(news.Words(q), " ")}
		}
		match := "(" + strings.Join(tsq, " && ") + ")"
		return countRows(raw.QueryContext(ctx, `SELECT id, -ts_rank('{0, 0.1, 0.2, 1}', fts, `+match+`, 1) AS score FROM (
				SELECT id, fts FROM articles WHERE fts @@ `+match+` ORDER BY id DESC LIMIT 1000
			) m
			ORDER BY score, id LIMIT 20`, args...))
	}
	runQueries(b, benchQueries(bbcPool(b)), search)
}

// countRows reads a query's rows and counts them.
func countRows(rows *sql.Rows, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// runQueries times each query and reports latency percentiles and memory.
func runQueries(b *testing.B, queries []string, search func(string) (int, error)) {
	for _, q := range queries[:min(len(queries), 5)] { // warm the caches
		if _, err := search(q); err != nil {
			b.Fatalf("%q: %v", q, err)
		}
	}
	latencies := make([]time.Duration, 0, b.N)
	worst := map[string]time.Duration{} // per query
	hits := 0
	runtime.GC()
	resetPeakRSS() // so the peak is the queries', not the corpus build's
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		start := time.Now()
		n, err := search(q)
		if err != nil {
			b.Fatalf("%q: %v", q, err)
		}
		d := time.Since(start)
		hits += n
		latencies = append(latencies, d)
		worst[q] = max(worst[q], d)
	}
	b.StopTimer()
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))]) / 1e6
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(hits)/float64(b.N), "results/query")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "go-heap-MB")
	if rss := peakRSS(); rss > 0 {
		b.ReportMetric(rss, "peak-rss-MB")
	}
	slow := slices.Collect(maps.Keys(worst))
	slices.SortFunc(slow, func(x, y string) int { return cmp.Compare(worst[y], worst[x]) })
	var sb strings.Builder
	for _, q := range slow[:min(5, len(slow))] {
		fmt.Fprintf(&sb, " %s %s;", q, worst[q].Round(time.Millisecond/10))
	}
	b.Logf("%d queries (%d distinct); slowest:%s", len(latencies), len(worst), sb.String())
}

// cpuTime is the CPU time the process has used, from /proc (10 ms
// resolution); 0 elsewhere.
func cpuTime() time.Duration {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// Fields after the ")" closing the command name: utime and stime are
	// the 12th and 13th, in clock ticks of 1/100 s.
	_, rest, _ := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// resetPeakRSS restarts the peak that peakRSS reports (Linux).
func resetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // best effort
}

// peakRSS is the process's peak resident memory in MB from /proc, which
// also counts SQLite's own allocations outside the Go heap and the pages of
// the database file mapped in; 0 elsewhere.
func peakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	return 0
}

// benchQueries are 1–3 word queries drawn from the corpus vocabulary at
// rare, medium and high document frequencies, plus very common words and
// phrases. The same pool always gives the same queries.
func benchQueries(p *textPool) []string {
	df := map[string]int{}
	var phrases []string
	for _, section := range p.sections {
		for _, s := range p.sentences[section] {
			seen := map[string]bool{}
			words := news.Words(s)
			for _, w := range words {
				if !seen[w] {
					seen[w] = true
					df[w]++
				}
			}
			if len(phrases) < 4 && len(words) > 8 {
				phrases = append(phrases, fmt.Sprintf("%q", words[3]+" "+words[4]))
			}
		}
	}
	// Words of 4+ letters by sentence frequency, in a fixed order.
	var vocab []string
	for w := range df {
		if len(w) >= 4 && strings.Trim(w, "0123456789") == w {
			vocab = append(vocab, w)
		}
	}
	sort.Slice(vocab, func(i, j int) bool {
		if df[vocab[i]] != df[vocab[j]] {
			return df[vocab[i]] > df[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	rng := rand.New(rand.NewPCG(1, 2))
	band := func(lo, hi float64) string { // a word between these ranks, as fractions of the vocabulary
		i := int(lo*float64(len(vocab))) + rng.IntN(int((hi-lo)*float64(len(vocab)))+1)
		return vocab[min(i, len(vocab)-1)]
	}
	frequent := func() string { return band(0, 0.01) }
	medium := func() string { return band(0.01, 0.1) }
	rare := func() string { return band(0.1, 0.6) }
	queries := []string{"said", "the", "year", "said year", "people said", "government"}
	queries = append(queries, phrases...)
	for range 8 {
		queries = append(queries,
			rare(), medium(), frequent(),
			medium()+" "+frequent(),
			rare()+" "+medium(),
			frequent()+" "+frequent(),
			medium()+" "+medium()+" "+frequent(),
		)
	}
	return queries
}
