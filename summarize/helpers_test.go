package summarize_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

const testKey = "sk-test-0123456789"

const budgetArticle = `The city council of Springfield approved a new budget on Tuesday after a long debate. ` +
	`The budget increases spending on public transport by 12 percent and funds two new bus lines. ` +
	`Mayor Jane Alvarez said the plan would cut commuting times for thousands of residents. ` +
	`Opposition members argued that the increase would raise property taxes next year. ` +
	`The council voted 7 to 4 in favour of the proposal. ` +
	`Construction of the bus lines is expected to begin in the spring. ` +
	`Local business groups welcomed the decision, saying better transport would bring more customers downtown. ` +
	`The budget takes effect on January 1.`

const germanArticle = `Der Stadtrat von Springfield hat am Dienstag nach einer langen Debatte einen neuen Haushalt beschlossen. ` +
	`Die Ausgaben für den öffentlichen Verkehr steigen um zwölf Prozent, und es werden zwei neue Buslinien finanziert. ` +
	`Bürgermeisterin Jane Alvarez sagte, der Plan werde die Pendelzeiten für Tausende Einwohner verkürzen. ` +
	`Die Opposition kritisierte, dass die Grundsteuer im nächsten Jahr steigen werde.`

func articleReq(text string) summarize.Request {
	return summarize.Request{
		Kind:      summarize.Article,
		Docs:      []summarize.Doc{{Title: "Springfield approves budget", Source: "springfield-news", Text: text}},
		Sentences: 3,
	}
}

// MustServer starts an openaitest server that wants testKey.
func MustServer(tb testing.TB) *openaitest.Server {
	tb.Helper()
	return openaitest.NewServer(tb, openaitest.WithAPIKey(testKey))
}

// MustLLM returns an LLM against srv, quick to retry and to time out.
func MustLLM(tb testing.TB, srv *openaitest.Server, mods ...func(*summarize.LLMConfig)) *summarize.LLM {
	tb.Helper()
	cfg := summarize.LLMConfig{
		BaseURL:      srv.BaseURL(),
		Model:        "gpt-test",
		APIKey:       testKey,
		Timeout:      3 * time.Second,
		RetryBackoff: 5 * time.Millisecond,
		Retries:      2,
	}
	for _, m := range mods {
		m(&cfg)
	}
	l, err := summarize.NewLLM(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

// MustStore opens a store in a temporary directory, or at path if given.
func MustStore(tb testing.TB, path ...string) *store.DB {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "db.sqlite")
	if len(path) > 0 {
		p = path[0]
	}
	db, err := store.Open(context.Background(), p)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	return db
}

// newChain returns a chain over llm with the extractive fallback.
func newChain(llm *summarize.LLM, cache summarize.Cache, mods ...func(*summarize.ChainConfig)) *summarize.Chain {
	cfg := summarize.ChainConfig{LLM: llm, Fallback: summarize.NewExtractive()}
	if cache != nil {
		cfg.Cache = cache
	}
	for _, m := range mods {
		m(&cfg)
	}
	return summarize.NewChain(cfg)
}

// clock is a settable time source.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time      { return c.t }
func (c *clock) Add(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock               { return &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }
