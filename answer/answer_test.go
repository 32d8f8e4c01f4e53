package answer_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/answer"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/store/storetest"
)

var day = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// fixtures are a small store: an article whose lead is about something
// else than what it later says of Zaporizhzhia, two reports of a rate
// decision (one a syndicated copy), and unrelated news.
var fixtures = []news.Article{
	{
		Title: "Energy ministers meet in Vienna", URL: "https://wire.example/energy", Outlet: "Wire",
		Source: "https://wire.example/feed", PublishedAt: day,
		Body: "Energy ministers from twelve countries met in Vienna on Monday to discuss gas storage before winter.\n\n" +
			"The talks focused on prices and on pipelines from Norway.\n\n" +
			"Separately, shelling near the Zaporizhzhia nuclear power plant cut its last external power line on Sunday night. " +
			"Inspectors at Zaporizhzhia said the plant's diesel generators started and the reactors stayed in cold shutdown.\n\n" +
			"The ministers will meet again in March.",
	},
	{
		Title: "Central bank holds rates at 4%", URL: "https://ledger.example/rates", Outlet: "Ledger",
		Source: "https://ledger.example/rss", PublishedAt: day.Add(-time.Hour),
		Body: "The central bank held its main interest rate at 4% on Thursday, saying inflation was still too high. " +
			"Governor Maria Lind said the board had voted unanimously. " +
			"Markets had expected the decision.",
	},
	{
		Title: "Rates stay at 4% as central bank waits", URL: "https://courier.example/rates", Outlet: "Courier",
		Source: "https://courier.example/rss", PublishedAt: day.Add(-2 * time.Hour),
		Body: "The central bank held its main interest rate at 4% on Thursday, saying inflation was still too high. " +
			"Governor Maria Lind said the board had voted unanimously. " +
			"Economists expect a cut in the spring.",
	},
	{
		Title: "Rovers beat Ashcombe in the cup", URL: "https://sport.example/cup", Outlet: "Sport Daily",
		Source: "https://sport.example/rss", PublishedAt: day.Add(-3 * time.Hour),
		Body: "Rovers beat Ashcombe 2-1 in the cup on Saturday with a late goal from their captain. " +
			"The winner came in the 89th minute.",
	},
	{
		Title: "Tram line approved", URL: "https://city.example/tram", Outlet: "City News",
		Source: "https://city.example/rss", PublishedAt: day.AddDate(0, 0, -30),
		Body: "Councillors approved a 6.8km tram extension to Eastgate on Monday night. " +
			"Trams will run every six minutes at peak times.",
	},
}

// backends open a store of each kind holding the fixtures and return it
// with the fixtures' IDs; PostgreSQL's runs are skipped when it is not
// reachable.
var backends = []struct {
	name string
	dsn  func(tb testing.TB) string
}{
	{"sqlite", func(tb testing.TB) string { return filepath.Join(tb.TempDir(), "news.db") }},
	{"postgres", storetest.PostgresDSN},
}

func mustStore(tb testing.TB, dsn string, arts []news.Article) (*store.DB, []int64) {
	tb.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("store.Open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	res, err := db.AddArticles(context.Background(), arts)
	if err != nil {
		tb.Fatalf("AddArticles: %v", err)
	}
	ids := make([]int64, len(res))
	for i, r := range res {
		ids[i] = r.ID
	}
	return db, ids
}

func TestAsk(t *testing.T) {
	const (
		energy = iota
		ledger
		courier
		cup
		tram
	)
	tests := []struct {
		name     string
		q        answer.Question
		prefer   []int // fixtures to answer from first
		answered bool
		// first is the fixture the first sentence comes from, and
		// mentions a word it must hold; articles those it lists.
		first    int
		mentions string
		articles []int
		note     string
	}{
		{
			name: "the sentences about it, not the lead", q: answer.Question{Text: "What happened in Zaporizhzhia?"},
			answered: true, first: energy, mentions: "Zaporizhzhia", articles: []int{energy},
		},
		{
			name: "copies are one sentence of both articles", q: answer.Question{Text: "what did the central bank decide on rates"},
			answered: true, first: ledger, mentions: "4%", articles: []int{ledger, courier},
		},
		{
			name: "a name nothing stored mentions", q: answer.Question{Text: "What happened in Kharkiv?"},
			note: "Nothing stored mentions Kharkiv.",
		},
		{
			name: "known words, unknown name", q: answer.Question{Text: "Did Kharkiv lose power after shelling?"},
			note: "Nothing stored mentions Kharkiv.",
		},
		{
			name: "too old for since", q: answer.Question{Text: "tram extension to Eastgate", Since: day.AddDate(0, 0, -7)},
			note: "Nothing stored since 13 November 2026 mentions Eastgate.",
		},
		{
			name: "within since", q: answer.Question{Text: "tram extension to Eastgate", Since: day.AddDate(0, 0, -60)},
			answered: true, first: tram, mentions: "Eastgate", articles: []int{tram},
		},
		{
			name: "a briefing's article first", q: answer.Question{Text: "central bank rates decision"}, prefer: []int{courier},
			answered: true, first: courier, mentions: "4%", articles: []int{courier, ledger},
		},
		{
			name: "half the question, asked alone", q: answer.Question{Text: "How will the Eastgate tram change parking fees for shopkeepers?"},
			note: "Nothing stored mentions change, parking, fees and shopkeepers.",
		},
		{
			// A reply to a briefing names its stories: one that covers
			// part of the question answers it.
			name: "half the question, replying to a briefing", q: answer.Question{Text: "How will the Eastgate tram change parking fees for shopkeepers?"}, prefer: []int{tram},
			answered: true, first: tram, mentions: "Eastgate", articles: []int{tram},
		},
		{
			name: "a briefing's article that does not answer", q: answer.Question{Text: "central bank rates decision"}, prefer: []int{cup},
			answered: true, first: ledger, mentions: "4%", articles: []int{ledger, courier},
		},
	}
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			db, ids := mustStore(t, be.dsn(t), fixtures)
			a := answer.New(db, nil, answer.Options{})
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					q := tt.q
					for _, i := range tt.prefer {
						q.ArticleIDs = append(q.ArticleIDs, ids[i])
					}
					got, err := a.Ask(context.Background(), q)
					if err != nil {
						t.Fatal(err)
					}
					if got.Answered != tt.answered {
						t.Fatalf("Answered = %v (relevance %.2f, note %q), want %v", got.Answered, got.Relevance, got.Note, tt.answered)
					}
					if !tt.answered {
						if got.Note != tt.note || len(got.Sentences) != 0 || len(got.Articles) != 0 {
							t.Errorf("got %q with %d sentences and %d articles, want %q alone", got.Note, len(got.Sentences), len(got.Articles), tt.note)
						}
						return
					}
					s := got.Sentences[0]
					if s.ArticleIDs[0] != ids[tt.first] || !strings.Contains(s.Text, tt.mentions) {
						t.Errorf("first sentence %q of %v, want one of #%d mentioning %q", s.Text, s.ArticleIDs, ids[tt.first], tt.mentions)
					}
					var want, gotIDs []int64
					for _, i := range tt.articles {
						want = append(want, ids[i])
					}
					for _, art := range got.Articles {
						gotIDs = append(gotIDs, art.ID)
					}
					if !slices.Equal(gotIDs, want) {
						t.Errorf("articles %v, want %v", gotIDs, want)
					}
					if got.Summarizer != "extractive" || got.Note != "" {
						t.Errorf("summarizer %q, note %q; want extractive and no note", got.Summarizer, got.Note)
					}
				})
			}
		})
	}
}

func TestAskAnswerShape(t *testing.T) {
	db, ids := mustStore(t, filepath.Join(t.TempDir(), "news.db"), fixtures)
	got, err := answer.New(db, nil, answer.Options{}).Ask(context.Background(), answer.Question{Text: "  Zaporizhzhia power line  "})
	if err != nil {
		t.Fatal(err)
	}
	want := answer.Answer{
		Question: "Zaporizhzhia power line",
		Answered: true,
		Sentences: []answer.Sentence{
			{Text: "Separately, shelling near the Zaporizhzhia nuclear power plant cut its last external power line on Sunday night.", ArticleIDs: []int64{ids[0]}},
			{Text: "Inspectors at Zaporizhzhia said the plant's diesel generators started and the reactors stayed in cold shutdown.", ArticleIDs: []int64{ids[0]}},
		},
		Articles: []answer.Article{{
			ID: ids[0], Title: "Energy ministers meet in Vienna", URL: "https://wire.example/energy",
			Source: "https://wire.example/feed", Outlet: "Wire", Published: day,
		}},
		Summarizer: "extractive",
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
		cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Relevance" }, cmp.Ignore())); diff != "" {
		t.Errorf("answer (-want +got):\n%s", diff)
	}
	if got.Relevance < answer.DefaultMinRelevance || got.Relevance > 1 {
		t.Errorf("relevance %.2f, want at least %.2f and at most 1", got.Relevance, answer.DefaultMinRelevance)
	}
}

func TestAskLimits(t *testing.T) {
	db, _ := mustStore(t, filepath.Join(t.TempDir(), "news.db"), fixtures)
	a := answer.New(db, nil, answer.Options{Sentences: 1, MaxChars: 60})
	got, err := a.Ask(context.Background(), answer.Question{Text: "Zaporizhzhia power line"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Sentences) != 1 || len([]rune(got.Sentences[0].Text)) > 60 {
		t.Errorf("sentences %+v, want one of at most 60 characters", got.Sentences)
	}
	// A question pasted from an article has more words than the store
	// searches for at once.
	long := strings.Repeat("Zaporizhzhia power line shelling inspectors generators reactors shutdown ministers Vienna ", 5) +
		"alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november oscar papa quebec romeo"
	if _, err := a.Ask(context.Background(), answer.Question{Text: long}); err != nil {
		t.Errorf("a long question: %v", err)
	}
}

func TestAskEmptyStore(t *testing.T) {
	db, _ := mustStore(t, filepath.Join(t.TempDir(), "news.db"), nil)
	got, err := answer.New(db, nil, answer.Options{}).Ask(context.Background(), answer.Question{Text: "what happened in Zaporizhzhia?"})
	if err != nil || got.Answered || got.Note != "Nothing stored mentions Zaporizhzhia." {
		t.Errorf("Ask = %+v, %v; want Nothing stored mentions Zaporizhzhia.", got, err)
	}
}

func TestAskInvalid(t *testing.T) {
	db, _ := mustStore(t, filepath.Join(t.TempDir(), "news.db"), fixtures)
	a := answer.New(db, nil, answer.Options{})
	for _, q := range []string{"", "   ", "what?", "What is happening, please tell", "¿?"} {
		_, err := a.Ask(context.Background(), answer.Question{Text: q})
		if news.ErrorCode(err) != news.EINVALID {
			t.Errorf("Ask(%q) = %v, want an EINVALID error", q, err)
			continue
		}
		if msg := news.ErrorMessage(err); !strings.Contains(msg, "for example") {
			t.Errorf("Ask(%q) says %q, want an example of a question", q, msg)
		}
	}
}

func TestAskCanceled(t *testing.T) {
	db, _ := mustStore(t, filepath.Join(t.TempDir(), "news.db"), fixtures)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := answer.New(db, nil, answer.Options{}).Ask(ctx, answer.Question{Text: "Zaporizhzhia"}); err == nil {
		t.Error("Ask with a canceled context succeeded")
	}
}

// Articles are read in their own language: a question finds the forms its
// words take there, accents or not, and a question too short to tell its
// language is read in the language of the articles it finds.
func TestAskInTheArticlesLanguage(t *testing.T) {
	arts := append(slices.Clone(fixtures),
		news.Article{
			Title: "Tempête Ciarán : la Bretagne dans le noir", URL: "https://ouest.example/ciaran", Outlet: "Ouest",
			Source: "https://ouest.example/rss", PublishedAt: day, Language: "fr",
			Body: "La tempête Ciarán a frappé la Bretagne dans la nuit de mercredi à jeudi. " +
				"Près de 780 000 foyers étaient privés d'électricité jeudi matin, selon Enedis. " +
				"Les écoles du Finistère resteront fermées vendredi.",
		},
		news.Article{
			Title: "Bahn saniert die Riedbahn", URL: "https://bote.example/riedbahn", Outlet: "Bote",
			Source: "https://bote.example/rss", PublishedAt: day, Language: "de",
			Body: "Die Deutsche Bahn will bis 2030 ihre wichtigsten Strecken sanieren. " +
				"Zuerst wird die Riedbahn zwischen Frankfurt und Mannheim gesperrt. " +
				"Pendler müssen monatelang auf Busse umsteigen.",
		})
	db, ids := mustStore(t, filepath.Join(t.TempDir(), "news.db"), arts)
	a := answer.New(db, nil, answer.Options{})
	tests := []struct {
		q, mentions string
		art         int
	}{
		{"Combien de foyers sont privés d'électricité après la tempête ?", "780 000", 5},
		// Too short to tell: read as French, the language of what it finds.
		{"tempêtes Bretagne Ciaran", "Ciarán", 5},
		// "Strecke" finds "Strecken".
		{"Welche Strecke saniert die Bahn?", "Strecken", 6},
		// Names are the same words in every language.
		{"What did Enedis say about Ciarán?", "Ciarán", 5},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got, err := a.Ask(context.Background(), answer.Question{Text: tt.q})
			if err != nil {
				t.Fatal(err)
			}
			if !got.Answered {
				t.Fatalf("not answered (relevance %.2f, note %q)", got.Relevance, got.Note)
			}
			if s := got.Sentences[0]; s.ArticleIDs[0] != ids[tt.art] || !strings.Contains(s.Text, tt.mentions) {
				t.Errorf("first sentence %q of %v, want one of #%d mentioning %q", s.Text, s.ArticleIDs, ids[tt.art], tt.mentions)
			}
		})
	}
}
