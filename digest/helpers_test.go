package digest_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// now is the fixtures' present: windows end here.
var now = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

// mustOpen opens a SQLite store in a temporary directory.
func mustOpen(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "db.sqlite"))
	if err != nil {
		tb.Fatalf("store.Open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// mustAddFeed subscribes to url and returns the feed's ID.
func mustAddFeed(tb testing.TB, db *store.DB, url string) int64 {
	tb.Helper()
	f, err := db.AddFeed(context.Background(), news.Feed{URL: url, Title: url, PollInterval: time.Hour})
	if err != nil {
		tb.Fatalf("AddFeed(%s): %v", url, err)
	}
	return f.ID
}

// mustAdd stores articles, all of which must be new, and returns them as
// stored (IDs and near-duplicate links set).
func mustAdd(tb testing.TB, db *store.DB, articles []news.Article) []news.Article {
	tb.Helper()
	res, err := db.AddArticles(context.Background(), articles)
	if err != nil {
		tb.Fatalf("AddArticles: %v", err)
	}
	out := make([]news.Article, len(articles))
	for i, r := range res {
		if r.Status != store.Added {
			tb.Fatalf("article %d (%q) not added: %s", i, articles[i].Title, r.Reason)
		}
		out[i] = articles[i]
		out[i].ID, out[i].DuplicateOf = r.ID, r.DuplicateOf
	}
	return out
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got; go test -update rewrites it):\n%s", name, diff)
	}
}

// Fixture feeds, by URL.
const (
	courierFeed = "https://courier.example/feed.xml"
	heraldFeed  = "https://herald.example/rss"
	wireFeed    = "https://wire.example/economy.rss"
)

// fixture is a window's worth of articles: a tram story from three outlets
// (two feeds and a file), a storm from two, a rate cut and its syndicated
// copy, a football match, a museum, a back-catalogue item, and an article
// from before the window. Feed IDs are filled in from feeds.
func fixture(feeds map[string]int64) []news.Article {
	h := func(d float64) time.Time { return now.Add(-time.Duration(d * float64(time.Hour))) }
	rate := "The National Reserve Bank has cut interest rates for the second time this year, lowering its base rate from 4% to 3.75%. " +
		"The bank's nine-member Monetary Policy Committee voted by six to three for the cut, with three members preferring to hold rates. " +
		"Inflation fell to 2.4% in October, from 2.9% in September, bringing it closer to the bank's 2% target. " +
		"Governor Alice Trent said the committee would move gradually and that further cuts were not guaranteed. " +
		"Mortgage lenders are expected to pass on the cut to borrowers on tracker deals within days. " +
		"Savers' groups warned that rates on easy-access accounts would fall again before Christmas. " +
		"The bank also lowered its forecast for economic growth next year to 1.1%, citing weaker business investment."
	return []news.Article{
		{
			FeedID: feeds[courierFeed], URL: "https://courier.example/city/tram-line-4-approved", Source: courierFeed, Section: "City",
			Title:       "Tram extension to Eastgate approved despite Millbrook objections",
			PublishedAt: h(5),
			Body: "Northbridge is to get its longest tram extension in two decades after councillors voted to approve a 6.8km extension of Line 4 from Harbour Quay to Eastgate. " +
				"The full council backed the £412m scheme by 41 votes to 18 after a debate that ran for almost four hours.\n\n" +
				"The tram extension will add nine stops along Millbrook Road. Millbrook residents had objected to the loss of parking. " +
				"Construction of the Line 4 tram extension is due to start next spring.",
		},
		{
			FeedID: feeds[heraldFeed], URL: "https://herald.example/news/line-4-tram-extension", Source: heraldFeed, Section: "Transport",
			Title:       "Council approves £412m Line 4 tram extension to Eastgate",
			PublishedAt: h(3),
			Body: "Councillors have approved a £412m extension of tram Line 4 to Eastgate, the biggest expansion of the network in twenty years. " +
				"The vote was 41 to 18. The Eastgate tram extension will run 6.8km from Harbour Quay with nine new stops.\n\n" +
				"Opponents in Millbrook said the tram line would split the neighbourhood, and vowed to keep campaigning.",
		},
		{
			Source: "/srv/wire/ledger/eastgate-tram.md", Section: "transport",
			Title:       "Eastgate tram: what the Line 4 extension means for you",
			PublishedAt: h(2),
			Body: "The council's approval of the Line 4 tram extension to Eastgate means trams every six minutes from Harbour Quay by 2029. " +
				"Here is what the £412m tram extension means for commuters, residents of Millbrook and shoppers at Eastgate.\n\n" +
				"Journeys from Eastgate to the city centre will take 22 minutes, half the time of the current bus.",
		},
		{
			FeedID: feeds[heraldFeed], URL: "https://herald.example/weather/storm-edda-floods", Source: heraldFeed, Section: "Weather",
			Title:       "Storm Edda: hundreds of homes flooded as sea wall fails in Saltmere",
			PublishedAt: h(8),
			Body: "Hundreds of homes have been flooded along the east coast after Storm Edda brought gusts of more than 90mph and torrential rain. " +
				"The sea wall at Saltmere failed in the early hours of Sunday when the storm coincided with a spring tide.\n\n" +
				"The Environment Agency said 437 homes in Saltmere and Kellby Bay were flooded.",
		},
		{
			Source: "/srv/wire/gazette/storm-edda-clean-up.txt", Section: "Weather",
			Title:       "Saltmere counts the cost as Storm Edda clean-up begins",
			PublishedAt: h(6),
			Body: "The clean-up has begun in Saltmere after Storm Edda flooded hundreds of homes when the sea wall failed. " +
				"Residents of Saltmere spent the day pumping out water and piling ruined furniture in the streets.\n\n" +
				"Insurers said the cost of the storm could pass £30m.",
		},
		{
			FeedID: feeds[courierFeed], URL: "https://courier.example/business/rate-cut", Source: courierFeed, Section: "Business",
			Title:       "Reserve Bank cuts interest rates to 3.75% as inflation eases",
			PublishedAt: h(4),
			Body:        rate,
		},
		{
			// A syndicated copy: the same text with a credit line.
			FeedID: feeds[wireFeed], URL: "https://wire.example/economy/rates-cut-split-vote", Source: wireFeed, Section: "Economy",
			Title:       "Interest rates cut to 3.75% in split Reserve Bank vote",
			PublishedAt: h(1),
			Body:        rate + " Reporting by wire staff.",
		},
		{
			FeedID: feeds[heraldFeed], URL: "https://herald.example/sport/rovers-top", Source: heraldFeed, Section: "Sport",
			Title:       "Mensah-Lyle double sends Rovers top of the Second Division",
			PublishedAt: h(10),
			Body: "Kofi Mensah-Lyle scored twice as Northbridge Rovers came from behind to beat Ashcombe Athletic at Wharf Lane. " +
				"The win sends Rovers top of the Second Division for the first time in six years.",
		},
		{
			Source: "/srv/wire/arts/maritime-museum.txt", Section: "Arts",
			Title:       "Northbridge Maritime Museum reopens after £34m refit",
			PublishedAt: h(20),
			Body: "The Northbridge Maritime Museum will reopen to the public on Saturday after a three-year, £34m refurbishment. " +
				"The refit doubled its display space and made every floor accessible to wheelchair users.",
		},
		{
			FeedID: feeds[courierFeed], URL: "https://courier.example/food/bakery-anniversary", Source: courierFeed, Section: "Food",
			Title:       "Dyer Street bakery marks 100 years",
			PublishedAt: h(7),
			Backfill:    true,
			Body:        "A family bakery on Dyer Street celebrated its hundredth year of baking bread for the neighbourhood.",
		},
		{
			FeedID: feeds[heraldFeed], URL: "https://herald.example/news/old-bridge", Source: heraldFeed, Section: "City",
			Title:       "Old bridge closes for repairs",
			PublishedAt: h(30),
			Body:        "The Old Bridge closed for three weeks of repairs to its cast-iron railings.",
		},
	}
}

// mustFixture stores the fixture in a new store.
func mustFixture(tb testing.TB) (*store.DB, map[string]int64, []news.Article) {
	tb.Helper()
	db := mustOpen(tb)
	feeds := map[string]int64{}
	for _, u := range []string{courierFeed, heraldFeed, wireFeed} {
		feeds[u] = mustAddFeed(tb, db, u)
	}
	stored := mustAdd(tb, db, fixture(feeds))
	if stored[6].DuplicateOf != stored[5].ID {
		tb.Fatalf("the syndicated copy is not stored as a near-duplicate of the original: DuplicateOf %d, want %d", stored[6].DuplicateOf, stored[5].ID)
	}
	return db, feeds, stored
}

// fakeStore serves fixed articles, in the order given, and records no
// digests unless last is set.
type fakeStore struct {
	articles []news.Article
	last     *news.Briefing
	err      error
}

func (s *fakeStore) WindowArticles(_ context.Context, from, to time.Time, feedIDs ...int64) ([]news.Article, error) {
	if s.err != nil {
		return nil, s.err
	}
	var out []news.Article
	for _, a := range s.articles {
		if len(feedIDs) > 0 && !slices.Contains(feedIDs, a.FeedID) {
			continue
		}
		if t := a.Time(); (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to)) {
			out = append(out, a)
		}
	}
	return out, nil
}

func (s *fakeStore) LastDigest(_ context.Context, target string) (news.Briefing, error) {
	if s.last == nil {
		return news.Briefing{}, news.Errorf(news.ENOTFOUND, "no digest recorded for %s", target)
	}
	return *s.last, nil
}

func (s *fakeStore) RecentDigests(context.Context, string, time.Time, int) ([]news.Briefing, error) {
	if s.last == nil {
		return nil, nil
	}
	return []news.Briefing{*s.last}, nil
}
