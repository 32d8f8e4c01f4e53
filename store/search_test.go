package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// ids lists the results' article IDs in order.
func ids(res []store.SearchResult) []int64 {
	out := make([]int64, len(res))
	for i, r := range res {
		out[i] = r.ID
	}
	return out
}

// mustSearch runs q and fails the test on error.
func mustSearch(tb testing.TB, db *store.DB, q store.SearchQuery) []store.SearchResult {
	tb.Helper()
	res, err := db.Search(context.Background(), q)
	if err != nil {
		tb.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

func TestSearchTitleOutranksBody(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		res := mustAdd(t, db,
			news.Article{Title: "Weather report", Body: "Rain again. The inflation figures were mentioned; inflation, inflation everywhere."},
			news.Article{Title: "Inflation rises", Body: "Prices went up in March, the statistics office said."},
			news.Article{Title: "Sport", Body: "Nothing about prices."},
		)
		got := mustSearch(t, db, store.SearchQuery{Text: "inflation"})
		if diff := cmp.Diff([]int64{res[1].ID, res[0].ID}, ids(got)); diff != "" {
			t.Errorf("ranking (-want +got):\n%s", diff)
		}
		for i, r := range got {
			if r.Score >= 0 {
				t.Errorf("result %d: Score = %v, want negative BM25", i, r.Score)
			}
			if r.Body != "" {
				t.Errorf("result %d carries its body", i)
			}
		}
		if len(got) == 2 && got[0].Score >= got[1].Score {
			t.Errorf("scores %v, %v: best is not lowest", got[0].Score, got[1].Score)
		}
	})
}

func TestSearchSnippet(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		var words []string
		for i := range 60 {
			words = append(words, fmt.Sprintf("filler%d", i))
		}
		words[30] = "zeppelin"
		body := strings.Join(words, " ")
		mustAdd(t, db, news.Article{Title: "Airships", Body: body})

		got := mustSearch(t, db, store.SearchQuery{Text: "zeppelin"})
		if len(got) != 1 {
			t.Fatalf("got %d results, want 1", len(got))
		}
		s := got[0].Snippet
		if !strings.Contains(s, "zeppelin") || !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
			t.Errorf("snippet %q: want the match with … on both sides", s)
		}
		if n := len(strings.Fields(s)); n > 16 {
			t.Errorf("snippet has %d words, want at most 16", n)
		}
		// Plain text: once the ellipses are gone it is a piece of the body.
		if inner := strings.Trim(s, "…"); !strings.Contains(body, inner) {
			t.Errorf("snippet %q is not plain body text (markers?)", s)
		}

		// Without query text the snippet is the body's opening words.
		got = mustSearch(t, db, store.SearchQuery{})
		if want := strings.Join(words[:16], " ") + "…"; len(got) != 1 || got[0].Snippet != want {
			t.Errorf("lead snippet = %q, want %q", got[0].Snippet, want)
		}
	})
}

func TestSearchFilters(t *testing.T) {
	ctx := context.Background()
	forEachDB(t, func(t *testing.T, db *store.DB) {
		feed, err := db.AddFeed(ctx, news.Feed{URL: "https://example.com/feed"})
		if err != nil {
			t.Fatal(err)
		}
		day := func(d int) time.Time { return time.Date(2024, 3, d, 12, 0, 0, 0, time.UTC) }
		articles := []news.Article{
			{Title: "Market one", Body: "market news 1", Section: "Business", Source: "/news/bbc/business/1.txt", PublishedAt: day(1)},
			{Title: "Market two", Body: "market news 2", Section: "business", Source: "/news/bbc/business/2.txt", PublishedAt: day(5)},
			{Title: "Market three", Body: "market news 3", Section: "Politics", Source: "/news/bbc-archive/3.txt", FetchedAt: day(10)}, // no publish time: fetched counts
			{Title: "Market four", Body: "market news 4", Section: "Tech", Source: "https://example.com/feed", FeedID: feed.ID, PublishedAt: day(20), FetchedAt: day(2)},
			{Title: "Market five", Body: "market news 5", Section: "Tech", Source: "/news/bbc%/5.txt"},
		}
		res := mustAdd(t, db, articles...)
		id := func(i ...int) []int64 {
			var out []int64
			for _, j := range i {
				out = append(out, res[j].ID)
			}
			slices.Sort(out)
			return out
		}
		tests := []struct {
			name string
			q    store.SearchQuery
			want []int64
		}{
			{"no filter", store.SearchQuery{}, id(0, 1, 2, 3, 4)},
			{"since", store.SearchQuery{Since: day(5)}, id(1, 2, 3)},
			{"until", store.SearchQuery{Until: day(5)}, id(0)},
			{"window", store.SearchQuery{Since: day(2), Until: day(20)}, id(1, 2)},
			{"source exact", store.SearchQuery{Source: "/news/bbc/business/1.txt"}, id(0)},
			{"source prefix", store.SearchQuery{Source: "/news/bbc/"}, id(0, 1)},
			{"source prefix is not a LIKE pattern", store.SearchQuery{Source: "/news/bbc%/"}, id(4)},
			{"source without slash is exact", store.SearchQuery{Source: "/news/bbc"}, nil},
			{"section ignores case", store.SearchQuery{Section: "BUSINESS"}, id(0, 1)},
			{"section is exact", store.SearchQuery{Section: "Busi"}, nil},
			{"feed", store.SearchQuery{FeedID: feed.ID}, id(3)},
			{"combined", store.SearchQuery{Section: "tech", Since: day(1)}, id(3)},
		}
		for _, tt := range tests {
			for _, text := range []string{"", "market"} {
				t.Run(tt.name+"/text="+text, func(t *testing.T) {
					q := tt.q
					q.Text = text
					got := ids(mustSearch(t, db, q))
					slices.Sort(got)
					if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
						t.Errorf("IDs (-want +got):\n%s", diff)
					}
				})
			}
		}
	})
}

func TestSearchNewestFirstWithoutText(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		day := func(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }
		res := mustAdd(t, db,
			news.Article{Title: "old", Body: "a", PublishedAt: day(1)},
			news.Article{Title: "undated", Body: "b"},
			news.Article{Title: "new", Body: "c", PublishedAt: day(9)},
			news.Article{Title: "middle, fetched", Body: "d", FetchedAt: day(5)},
		)
		got := mustSearch(t, db, store.SearchQuery{})
		want := []int64{res[2].ID, res[3].ID, res[0].ID, res[1].ID}
		if diff := cmp.Diff(want, ids(got)); diff != "" {
			t.Errorf("order (-want +got):\n%s", diff)
		}
		for _, r := range got {
			if r.Score != 0 {
				t.Errorf("article %d: Score %v without query text", r.ID, r.Score)
			}
		}
	})
}

func TestSearchPhrases(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		res := mustAdd(t, db,
			news.Article{Title: "a", Body: "The mayor of New York spoke."},
			news.Article{Title: "b", Body: "York minster was new to me."},
			news.Article{Title: "c", Body: "Nothing to see."},
		)
		tests := []struct {
			text string
			want []int64
		}{
			{`new york`, []int64{res[0].ID, res[1].ID}},
			{`"new york"`, []int64{res[0].ID}},
			{`"york new"`, nil},
			{`mayor "new york"`, []int64{res[0].ID}},
			{`"new york" minster`, nil},
			{`"New, York!"`, []int64{res[0].ID}},
			{`"new york`, []int64{res[0].ID}}, // unclosed: a phrase to the end
		}
		for _, tt := range tests {
			t.Run(tt.text, func(t *testing.T) {
				got := ids(mustSearch(t, db, store.SearchQuery{Text: tt.text}))
				slices.Sort(got)
				if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("IDs (-want +got):\n%s", diff)
				}
			})
		}
	})
}

func TestSearchStemming(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		res := mustAdd(t, db, news.Article{Title: "Élections", Body: "Voters were running to the polls.", Language: "en"})
		for _, text := range []string{"run", "runs", "elections", "ELECTION", "élection", "poll"} {
			if got := ids(mustSearch(t, db, store.SearchQuery{Text: text})); !slices.Equal(got, []int64{res[0].ID}) {
				t.Errorf("%q found %v, want the article", text, got)
			}
		}
	})
}

func TestSearchLanguages(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		res := mustAdd(t, db,
			news.Article{Title: "Bahn", Body: "Die Bahn baut die Strecken nach Norden aus.", Language: "de"},
			news.Article{Title: "Haushalt", Body: "Die Bundesregierung legt den Haushalt vor.", Language: "de"},
			news.Article{Title: "Réforme", Body: "La réforme annoncée mardi par les élus.", Language: "fr"},
			news.Article{Title: "Votación", Body: "Las elecciones generales se celebran en abril.", Language: "es"},
			news.Article{Title: "Elezioni", Body: "Il governo ha presentato le proposte.", Language: "it"},
			news.Article{Title: "Eleições", Body: "O governo apresentou as propostas.", Language: "pt"},
			news.Article{Title: "Verkiezingen", Body: "De regeringen presenteerden hun plannen.", Language: "nl"},
			news.Article{Title: "Pay", Body: "Workers are willing to strike over pay.", Language: "en"},
			news.Article{Title: "Νέα μέτρα", Body: "Τα νέα μέτρα ανακοινώθηκαν σήμερα.", Language: "el"},
		)
		id := func(i int) []int64 { return []int64{res[i].ID} }
		tests := []struct {
			query string
			want  []int64
		}{
			{"Strecke", id(0)},           // German plural found by the singular
			{"Bundesregierungen", id(1)}, // and the singular by the plural
			{"annonce", id(2)},           // French: stemmed with its accents
			{"elus", id(2)},              // accents ignored: "élus"
			{"ÉLUS", id(2)},
			{"elección", id(3)},
			{"general", id(3)},
			{"proposta", []int64{res[4].ID, res[5].ID}}, // Italian and Portuguese alike
			{"regering", id(6)},
			{"strikes", id(7)},
			{"William", nil}, // Portuguese stems "William" as "will": not an English stem
			{"μέτρα", id(8)}, // no stemmer: the word itself
			{"μετρα", id(8)}, // accents still ignored
			{`"Strecken nach Norden"`, id(0)},
			{`"Strecke nach Norden"`, id(0)},
		}
		for _, tt := range tests {
			got := ids(mustSearch(t, db, store.SearchQuery{Text: tt.query}))
			slices.Sort(got)
			if !slices.Equal(got, tt.want) && len(got)+len(tt.want) > 0 {
				t.Errorf("%q found %v, want %v", tt.query, got, tt.want)
			}
		}
		// The language comes back with the results, and snippets match
		// inflected forms.
		got := mustSearch(t, db, store.SearchQuery{Text: "Strecke"})
		if len(got) != 1 || got[0].Language != "de" || got[0].Snippet != "Die Bahn baut die Strecken nach Norden aus." {
			t.Errorf("search result %+v, want the German article with its language and a snippet", got)
		}
	})
}

func TestSearchUnknownLanguageMatchesWords(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		res := mustAdd(t, db, news.Article{Title: "Koty", Body: "Koty i psy mieszkają razem."})
		if got := ids(mustSearch(t, db, store.SearchQuery{Text: "koty"})); !slices.Equal(got, []int64{res[0].ID}) {
			t.Errorf(`"koty" found %v, want the article`, got)
		}
		if got := ids(mustSearch(t, db, store.SearchQuery{Text: "kot"})); len(got) != 0 {
			t.Errorf(`"kot" found %v: text of an unknown language is not stemmed`, got)
		}
	})
}

func TestSearchHostileText(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		mustAdd(t, db,
			news.Article{Title: "Logic", Body: "cats AND dogs OR birds NOT fish near the col title body"},
			news.Article{Title: "Emoji", Body: "party 🎉 time"},
		)
		tests := []struct {
			text    string
			wantErr string // "" for no error; else the error code
			hits    int
		}{
			{`"`, news.EINVALID, 0},
			{`""`, news.EINVALID, 0},
			{`*`, news.EINVALID, 0},
			{`bir*`, "", 0}, // no prefix search: "bir" does not match "birds"
			{`AND OR NOT`, "", 1},
			{`cats AND`, "", 1},
			{`NOT fish`, "", 1},
			{`NEAR(cats dogs)`, "", 1},
			{`NEAR(`, "", 1},
			{`title:logic`, "", 1},
			{`col:cats`, "", 1},
			{`{title body}: cats`, "", 1},
			{`cats"dogs`, "", 1},
			{`"cats`, "", 1},
			{`cats "`, "", 1},
			{`^cats`, "", 1},
			{`(cats) + -dogs`, "", 1},
			{`🎉`, news.EINVALID, 0},
			{`party 🎉`, "", 1},
			{`'; DROP TABLE articles; --`, "", 0},
			{`\x00 \\ %_`, "", 0},
			{strings.Repeat(`"a" OR `, 200), "", 0},    // the same two words, 200 times
			{strings.Repeat("cats dogs ", 100), "", 1}, // repeats count once
			{func() string {
				var sb strings.Builder
				for i := range 33 {
					fmt.Fprintf(&sb, "w%d ", i)
				}
				return sb.String()
			}(), news.EINVALID, 0},
		}
		for _, tt := range tests {
			t.Run(tt.text, func(t *testing.T) {
				res, err := db.Search(context.Background(), store.SearchQuery{Text: tt.text})
				if code := news.ErrorCode(err); code != tt.wantErr && !(tt.wantErr == "" && err == nil) {
					t.Fatalf("error %v (code %q), want %q", err, code, tt.wantErr)
				}
				if len(res) != tt.hits {
					t.Errorf("%d hits, want %d", len(res), tt.hits)
				}
			})
		}
		if _, err := db.Search(context.Background(), store.SearchQuery{Text: "!!!"}); err == nil || news.ErrorMessage(err) != "search: query has no words" {
			t.Errorf("error message %q", news.ErrorMessage(err))
		}
	})
}

func TestSearchPagination(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		var batch []news.Article
		for i := range 25 {
			// Different lengths give different scores.
			batch = append(batch, news.Article{Title: fmt.Sprintf("story %d", i), Body: "budget " + strings.Repeat("word ", i)})
		}
		mustAdd(t, db, batch...)
		for _, text := range []string{"budget", ""} {
			all := ids(mustSearch(t, db, store.SearchQuery{Text: text, Limit: 100}))
			if len(all) != 25 {
				t.Fatalf("%q: %d results, want 25", text, len(all))
			}
			var paged []int64
			for off := 0; off < 30; off += 10 {
				page := ids(mustSearch(t, db, store.SearchQuery{Text: text, Limit: 10, Offset: off}))
				paged = append(paged, page...)
			}
			if diff := cmp.Diff(all, paged); diff != "" {
				t.Errorf("%q: pages differ from one query (-all +paged):\n%s", text, diff)
			}
			if n := len(mustSearch(t, db, store.SearchQuery{Text: text})); n != 20 {
				t.Errorf("%q: default limit gave %d results, want 20", text, n)
			}
			if n := len(mustSearch(t, db, store.SearchQuery{Text: text, Limit: 1_000_000})); n != 25 {
				t.Errorf("%q: huge limit gave %d results, want 25", text, n)
			}
		}
		if _, err := db.Search(context.Background(), store.SearchQuery{Offset: -1}); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("negative offset: %v, want EINVALID", err)
		}
	})
}

func TestSearchBroadQueryRanksTheLatestMatches(t *testing.T) {
	// 1,100 matches: more than the store ranks. The latest ones are ranked,
	// so a recent title hit comes first and an old one is left out.
	forEachDB(t, func(t *testing.T, db *store.DB) {
		var batch []news.Article
		for i := range 1100 {
			a := news.Article{Title: fmt.Sprintf("Story %d", i), Body: fmt.Sprintf("The budget, part %d.", i)}
			if i == 50 || i == 1090 {
				a.Title = "Budget special"
			}
			batch = append(batch, a)
		}
		res := mustAdd(t, db, batch...)
		got := mustSearch(t, db, store.SearchQuery{Text: "budget", Limit: 1000})
		if len(got) != 1000 {
			t.Fatalf("%d results, want the 1000 ranked", len(got))
		}
		if got[0].ID != res[1090].ID {
			t.Errorf("first result %d (%q), want the recent title hit %d", got[0].ID, got[0].Title, res[1090].ID)
		}
		if slices.Contains(ids(got), res[50].ID) {
			t.Error("an article older than the ranked matches was returned")
		}
		if page := mustSearch(t, db, store.SearchQuery{Text: "budget", Offset: 990}); len(page) != 10 {
			t.Errorf("page at offset 990: %d results, want the last 10", len(page))
		}
	})
}

func TestSearchAnyWord(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		mustAdd(t, db,
			news.Article{Title: "Tram line approved", Source: "a.txt", Body: "The council approved the tram line extension on Monday night."},
			news.Article{Title: "Ferry returns", Source: "b.txt", Body: "The harbour ferry returned to service after repairs."},
		)
		q := store.SearchQuery{Text: "what happened with the tram"}
		if got := mustSearch(t, db, q); len(got) != 0 {
			t.Errorf("all words: %d results, want none (no article has every word)", len(got))
		}
		q.AnyWord = true
		got := mustSearch(t, db, q)
		if len(got) != 2 || got[0].Title != "Tram line approved" {
			t.Errorf("any word: %+v; want both, the tram article first (its rare word)", ids(got))
		}
	})
}

// TestSearchNewestMatches checks that a search ranks exactly the newest
// matches, the first 1,000 that Search ranks, whichever way the store
// finds them: on PostgreSQL a common word is found by checking the newest
// rows, rarer ones and phrases through the index (a phrase's candidates
// checked in batches).
func TestSearchNewestMatches(t *testing.T) {
	const n = 5000
	type doc struct {
		words  map[string]bool
		phrase bool // "plov trem" adjacent
		source string
	}
	share := map[string]float64{"zork": 0.95, "quib": 0.46, "flem": 0.2, "drax": 0.02, "plov": 0.65, "trem": 0.65}
	words := []string{"zork", "quib", "flem", "drax", "plov", "trem"}
	rng := rand.New(rand.NewPCG(7, 11))
	docs := make([]doc, n)
	articles := make([]news.Article, n)
	for i := range docs {
		d := doc{words: map[string]bool{}, source: fmt.Sprintf("%c/%d.txt", 'a'+i%2, i)}
		for _, w := range words {
			d.words[w] = rng.Float64() < share[w]
		}
		d.phrase = d.words["plov"] && d.words["trem"] && rng.IntN(4) == 0
		// Every word is followed by a filler, so only "plov trem" written
		// on purpose is a phrase; a unique word keeps the texts apart.
		body := []string{uniqueWord(i)}
		for _, w := range words {
			if d.words[w] && !(d.phrase && (w == "plov" || w == "trem")) && !(w == "trem" && d.words["plov"]) {
				body = append(body, w, "fill")
			}
		}
		switch {
		case d.phrase:
			body = append(body, "plov", "trem")
		case d.words["plov"] && d.words["trem"]:
			body = append([]string{"trem", "fill"}, body...) // before plov, never after
		}
		docs[i] = d
		articles[i] = news.Article{Title: "T " + uniqueWord(i), Source: d.source, Body: strings.Join(body, " ") + "."}
	}
	tests := []struct {
		q     store.SearchQuery
		match func(d doc) bool
	}{
		{store.SearchQuery{Text: "zork"}, func(d doc) bool { return d.words["zork"] }},
		{store.SearchQuery{Text: "quib"}, func(d doc) bool { return d.words["quib"] }},
		{store.SearchQuery{Text: "flem"}, func(d doc) bool { return d.words["flem"] }},
		{store.SearchQuery{Text: "drax"}, func(d doc) bool { return d.words["drax"] }},
		{store.SearchQuery{Text: "zork quib"}, func(d doc) bool { return d.words["zork"] && d.words["quib"] }},
		{store.SearchQuery{Text: "drax flem", AnyWord: true}, func(d doc) bool { return d.words["drax"] || d.words["flem"] }},
		{store.SearchQuery{Text: `"plov trem"`}, func(d doc) bool { return d.phrase }},
		{store.SearchQuery{Text: `"plov trem" zork`}, func(d doc) bool { return d.phrase && d.words["zork"] }},
		{store.SearchQuery{Text: "quib", Source: "a/"}, func(d doc) bool { return d.words["quib"] && d.source[0] == 'a' }},
		{store.SearchQuery{Text: "zork", Source: "a/"}, func(d doc) bool { return d.words["zork"] && d.source[0] == 'a' }},
	}
	forEachDB(t, func(t *testing.T, db *store.DB) {
		res, err := db.AddArticles(context.Background(), articles)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			var want []int64
			for i := n - 1; i >= 0 && len(want) < 1000; i-- {
				if tt.match(docs[i]) {
					want = append(want, res[i].ID)
				}
			}
			q := tt.q
			q.Limit = 1000
			got := ids(mustSearch(t, db, q))
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%q (any word %v, source %q): %d results, want the newest %d matches (%d in common)",
					tt.q.Text, tt.q.AnyWord, tt.q.Source, len(got), len(want), len(want)+len(got)-len(union(want, got)))
			}
		}
	})
}

// uniqueWord spells i in letters, a word no other article has.
func uniqueWord(i int) string {
	b := []byte("uq")
	for ; i > 0; i /= 26 {
		b = append(b, byte('a'+i%26))
	}
	return string(b)
}

// union returns the distinct IDs of a and b.
func union(a, b []int64) []int64 {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}
