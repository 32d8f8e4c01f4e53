package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/answer"
	"github.com/newsbrief/newsbrief/config"
)

func cmdAsk(ctx context.Context, a *app, args []string) error {
	fs := newFlagSet(a, "ask", "ask [--since D] [--json] QUESTION\n\n"+
		"Answers a question from the stored articles: the sentences that answer it best, each with its\n"+
		"article, then the articles used. With an LLM configured, it writes the answer from those\n"+
		"sentences and cites them. When nothing stored is relevant enough, it says so.")
	since := fs.String("since", "", "only articles from this long ago (`D`: 12h, 7d, 2w) or since a date (2026-11-01)")
	asJSON := fs.Bool("json", false, `print a JSON object: {"question", "answered", "answer", "articles"}`)
	words, err := parseArgs(fs, args)
	if err != nil {
		return ignoreHelp(err)
	}
	question := joinWords(words)
	if question == "" {
		return usageErrorf("ask: give a question, e.g. newsbrief ask what happened in Zaporizhzhia")
	}
	now := a.clock.Now()
	from, err := config.ParseTime(*since, now, time.Local)
	if err != nil {
		return usageErrorf("ask: --since: %v", err)
	}

	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := a.newSummarizer(db, nil)
	if err != nil {
		return err
	}
	q := answer.Question{Text: question, Since: from}
	if a.cfg.LLM.Enabled() && a.cfg.LLM.ReplyTimeout > 0 {
		q.LLMDeadline = now.Add(a.cfg.LLM.ReplyTimeout)
	}
	ans, err := answer.New(db, sum, answer.Options{}).Ask(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(a, askJSON(ans))
	}
	printAnswer(a, ans)
	return nil
}

// printAnswer prints the answer's sentences, each with its articles'
// IDs and outlets, then the articles.
func printAnswer(a *app, ans answer.Answer) {
	if !ans.Answered {
		fmt.Fprintln(a.stdout, ans.Note)
		return
	}
	outlet := make(map[int64]string, len(ans.Articles))
	for _, art := range ans.Articles {
		outlet[art.ID] = art.Outlet
	}
	for _, s := range ans.Sentences {
		var refs []string
		for _, id := range s.ArticleIDs {
			refs = append(refs, strings.Join(nonEmpty(fmt.Sprintf("#%d", id), outlet[id]), " "))
		}
		fmt.Fprintf(a.stdout, "%s (%s)\n", s.Text, strings.Join(refs, "; "))
	}
	fmt.Fprintln(a.stdout, "\nArticles:")
	for i, art := range ans.Articles {
		fmt.Fprintf(a.stdout, "[%d] #%d  %s\n", i+1, art.ID, art.Title)
		if line := strings.Join(nonEmpty(art.Outlet, formatDate(art.Published), art.URL), " · "); line != "" {
			fmt.Fprintf(a.stdout, "     %s\n", line)
		}
	}
}

// askAnswerJSON is the documented shape of `ask --json`: scripts rely on
// these names.
type askAnswerJSON struct {
	Question string              `json:"question"`
	Answered bool                `json:"answered"`
	Answer   []askSentenceJSON   `json:"answer"`
	Articles []askArticleJSONRow `json:"articles"`
}

type askSentenceJSON struct {
	Text       string  `json:"text"`
	ArticleIDs []int64 `json:"article_ids"`
}

type askArticleJSONRow struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	URL    string `json:"url"`
	Source string `json:"source"`
	Outlet string `json:"outlet"`
}

func askJSON(ans answer.Answer) askAnswerJSON {
	// [] rather than null when nothing is answered.
	out := askAnswerJSON{Question: ans.Question, Answered: ans.Answered, Answer: []askSentenceJSON{}, Articles: []askArticleJSONRow{}}
	for _, s := range ans.Sentences {
		out.Answer = append(out.Answer, askSentenceJSON{Text: s.Text, ArticleIDs: s.ArticleIDs})
	}
	for _, art := range ans.Articles {
		out.Articles = append(out.Articles, askArticleJSONRow{ID: art.ID, Title: art.Title, URL: art.URL, Source: art.Source, Outlet: art.Outlet})
	}
	return out
}
