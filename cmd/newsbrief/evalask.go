package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/newsbrief/newsbrief/answer"
	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// askFolds is how many parts the events are cut into to measure the
// relevance threshold: each part in turn is held out of the database.
const askFolds = 2

// askReport is what 'eval ask' measures.
type askReport struct {
	Docs      int
	Questions []eval.AskQuestion
	// Every document stored: the top search hit's Lead-2, the answers
	// with no threshold, and the answers as given.
	Baseline, Unthresholded, Answers eval.AskScores
	// Two is the answers cut to the baseline's two sentences.
	Two                      eval.AskScores
	BaselineTime, AnswerTime time.Duration // per question
	// Relevance of the questions about stored events and of those about
	// held-out ones, over all folds.
	Stored, HeldOut []float64
	// Relevance of questions about nothing stored at all: the set's own
	// asked of unrelatedSet's documents, and the titles of those asked of
	// the set's; empty when unrelatedSet is not beside the set.
	Unrelated []float64
}

// unrelatedSet is the set, beside the one measured, whose documents tell
// of other events (ECB+ 2008–2013 against AllSides 2021): questions from
// either asked of the other's database have no answer.
const unrelatedSet = "ecbplus-dev"

// evalAsk measures answers to questions on allsides-dev (see eval/ask.go)
// and prints the figures.
func evalAsk(ctx context.Context, a *app, dir string) error {
	r, err := measureAsk(ctx, dir)
	if err != nil {
		return fmt.Errorf("eval ask: %w", err)
	}
	fmt.Fprintf(a.stdout, "%d questions (reference headlines), %d documents of %s in one database\n\n", len(r.Questions), r.Docs, dir)
	fmt.Fprintf(a.stdout, "| %-38s | %6s | %8s | %6s | %6s | %6s | %11s |\n", "system", "right%", "answered", "R1", "R2", "RL", "ms/question")
	fmt.Fprintf(a.stdout, "|%s|%s|%s|%s|%s|%s|%s|\n", dashes(40), dashes(8), dashes(10), dashes(8), dashes(8), dashes(8), dashes(13))
	for _, row := range []struct {
		name string
		s    eval.AskScores
		took time.Duration
	}{
		{"top search hit, first 2 sentences", r.Baseline, r.BaselineTime},
		{"newsbrief ask, no relevance threshold", r.Unthresholded, 0},
		{"newsbrief ask, 2 sentences", r.Two, 0},
		{fmt.Sprintf("newsbrief ask (min relevance %.2f)", answer.DefaultMinRelevance), r.Answers, r.AnswerTime},
	} {
		took := "-"
		if row.took > 0 {
			took = fmt.Sprintf("%.2f", float64(row.took.Microseconds())/1000)
		}
		fmt.Fprintf(a.stdout, "| %-38s | %6.1f | %8d | %6.2f | %6.2f | %6.2f | %11s |\n",
			row.name, row.s.Accuracy(), row.s.Answered, row.s.R1, row.s.R2, row.s.RL, took)
	}
	fmt.Fprintf(a.stdout, "\nRelevance threshold, %d folds of held-out events (%d questions about stored events, %d about held-out ones)\n",
		askFolds, len(r.Stored), len(r.HeldOut))
	if len(r.Unrelated) > 0 {
		fmt.Fprintf(a.stdout, "and %d questions about nothing stored (this set's asked of %s, its titles asked of this set)\n", len(r.Unrelated), unrelatedSet)
	}
	fmt.Fprintf(a.stdout, "\n| %-16s | %-24s | %-24s | %-22s |\n", "min relevance", "held-out answered (FP %)", "unrelated answered (FP %)", "stored declined (FN %)")
	fmt.Fprintf(a.stdout, "|%s|%s|%s|%s|\n", dashes(18), dashes(26), dashes(27), dashes(24))
	for _, th := range []float64{0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7} {
		fp, fn := eval.ThresholdRates(r.Stored, r.HeldOut, th)
		unrelated := "-"
		if len(r.Unrelated) > 0 {
			x, _ := eval.ThresholdRates(nil, r.Unrelated, th)
			unrelated = fmt.Sprintf("%.1f", x)
		}
		mark := ""
		if th == answer.DefaultMinRelevance {
			mark = " (default)"
		}
		fmt.Fprintf(a.stdout, "| %-16s | %24.1f | %25s | %22.1f |\n", fmt.Sprintf("%.2f%s", th, mark), fp, unrelated, fn)
	}
	return nil
}

// measureAsk runs the measurement: every document in a fresh database for
// the answers and the baseline, then each fold of events held out of
// another for the threshold.
func measureAsk(ctx context.Context, dir string) (askReport, error) {
	var r askReport
	set, err := eval.LoadEvents(dir)
	if err != nil {
		return r, err
	}
	r.Docs, r.Questions = len(set.Docs), set.AskQuestions()
	if len(r.Questions) == 0 {
		return r, fmt.Errorf("%s has no reference headlines to ask", dir)
	}
	tmp, err := os.MkdirTemp("", "newsbrief-eval-ask-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(tmp)

	all := make([]int, len(set.Docs))
	for i := range all {
		all[i] = i
	}
	db, docOf, err := storeEventDocs(ctx, filepath.Join(tmp, "all.db"), set, all)
	if err != nil {
		return r, err
	}
	defer db.Close()
	base, unlimited, given := make([]eval.AskResult, 0, len(r.Questions)), []eval.AskResult(nil), []eval.AskResult(nil)
	start := time.Now()
	for _, q := range r.Questions {
		res, err := topHitLead2(ctx, db, q.Text, docOf)
		if err != nil {
			return r, err
		}
		base = append(base, res)
	}
	r.BaselineTime = time.Since(start) / time.Duration(len(r.Questions))
	if given, _, err = askAll(ctx, answer.New(db, nil, answer.Options{}), r.Questions, docOf); err != nil {
		return r, err
	}
	start = time.Now()
	if unlimited, _, err = askAll(ctx, answer.New(db, nil, answer.Options{MinRelevance: -1}), r.Questions, docOf); err != nil {
		return r, err
	}
	r.AnswerTime = time.Since(start) / time.Duration(len(r.Questions))
	two, _, err := askAll(ctx, answer.New(db, nil, answer.Options{Sentences: 2}), r.Questions, docOf)
	if err != nil {
		return r, err
	}
	r.Two = set.ScoreAsk(r.Questions, two)
	r.Baseline, r.Unthresholded, r.Answers = set.ScoreAsk(r.Questions, base), set.ScoreAsk(r.Questions, unlimited), set.ScoreAsk(r.Questions, given)

	for k, held := range eval.HoldOut(r.Questions, askFolds) {
		out := map[string]bool{}
		for _, q := range held {
			out[q.Event] = true
		}
		var idx []int
		var stored []eval.AskQuestion
		for i, d := range set.Docs {
			if !out[d.Event] {
				idx = append(idx, i)
			}
		}
		for _, q := range r.Questions {
			if !out[q.Event] {
				stored = append(stored, q)
			}
		}
		fdb, fdocs, err := storeEventDocs(ctx, filepath.Join(tmp, fmt.Sprintf("fold-%d.db", k)), set, idx)
		if err != nil {
			return r, err
		}
		ans := answer.New(fdb, nil, answer.Options{})
		_, rel, err := askAll(ctx, ans, stored, fdocs)
		if err == nil {
			r.Stored = append(r.Stored, rel...)
			_, rel, err = askAll(ctx, ans, held, fdocs)
			r.HeldOut = append(r.HeldOut, rel...)
		}
		if cerr := fdb.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return r, err
		}
	}
	other := filepath.Join(filepath.Dir(filepath.Clean(dir)), unrelatedSet)
	if _, err := os.Stat(other); err != nil {
		return r, nil
	}
	if r.Unrelated, err = askUnrelated(ctx, tmp, set, other, db); err != nil {
		return r, err
	}
	return r, nil
}

// askUnrelated asks set's questions of the documents of the set in dir,
// and the titles of those of set's database db, and returns the answers'
// relevance.
func askUnrelated(ctx context.Context, tmp string, set eval.EventSet, dir string, db *store.DB) ([]float64, error) {
	other, err := eval.LoadEvents(dir)
	if err != nil {
		return nil, err
	}
	var titles []eval.AskQuestion
	idx := make([]int, len(other.Docs))
	for i, d := range other.Docs {
		idx[i] = i
		titles = append(titles, eval.AskQuestion{Event: d.Event, Text: d.Title})
	}
	_, rel, err := askAll(ctx, answer.New(db, nil, answer.Options{}), titles, nil)
	if err != nil {
		return nil, err
	}
	odb, _, err := storeEventDocs(ctx, filepath.Join(tmp, "unrelated.db"), other, idx)
	if err != nil {
		return nil, err
	}
	defer odb.Close()
	_, more, err := askAll(ctx, answer.New(odb, nil, answer.Options{}), set.AskQuestions(), nil)
	return append(rel, more...), err
}

// storeEventDocs stores the documents idx of set in a fresh database at
// path, with their dates and outlets, and maps each article ID to its
// document (the first, for a text stored twice).
func storeEventDocs(ctx context.Context, path string, set eval.EventSet, idx []int) (*store.DB, map[int64]int, error) {
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	// Stored in file-name order, as 'newsbrief ingest DIR' would.
	idx = slices.Clone(idx)
	slices.SortFunc(idx, func(x, y int) int { return cmp.Compare(set.Docs[x].File, set.Docs[y].File) })
	arts := make([]news.Article, len(idx))
	for i, d := range idx {
		arts[i] = evalArticle(set, set.Docs[d])
		arts[i].Outlet = set.Docs[d].Outlet
	}
	res, err := db.AddArticles(ctx, arts)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	docOf := make(map[int64]int, len(res))
	for i, r := range res {
		if _, ok := docOf[r.ID]; !ok {
			docOf[r.ID] = idx[i]
		}
	}
	return db, docOf, nil
}

// askAll asks every question and returns the answers as scored and
// their relevance.
func askAll(ctx context.Context, ans *answer.Answerer, qs []eval.AskQuestion, docOf map[int64]int) ([]eval.AskResult, []float64, error) {
	results := make([]eval.AskResult, len(qs))
	rel := make([]float64, len(qs))
	for i, q := range qs {
		a, err := ans.Ask(ctx, answer.Question{Text: q.Text})
		if err != nil {
			return nil, nil, fmt.Errorf("asking %q: %w", q.Text, err)
		}
		res := eval.AskResult{Answered: a.Answered, FirstDoc: -1}
		if a.Answered {
			if d, ok := docOf[a.Sentences[0].ArticleIDs[0]]; ok {
				res.FirstDoc = d
			}
			for _, s := range a.Sentences {
				res.Sentences = append(res.Sentences, s.Text)
			}
		}
		results[i], rel[i] = res, a.Relevance
	}
	return results, rel, nil
}

// topHitLead2 is the baseline: the first two sentences of the best hit of
// the question's words, as mentions searched before answers.
func topHitLead2(ctx context.Context, db *store.DB, q string, docOf map[int64]int) (eval.AskResult, error) {
	res := eval.AskResult{FirstDoc: -1}
	hits, err := db.Search(ctx, store.SearchQuery{Text: q, AnyWord: true, Limit: 1})
	if err != nil || len(hits) == 0 {
		return res, err
	}
	art, err := db.Article(ctx, hits[0].ID)
	if err != nil {
		return res, err
	}
	res.Answered, res.Sentences = true, summarize.Lead(art.Body, 2)
	if d, ok := docOf[art.ID]; ok {
		res.FirstDoc = d
	}
	return res, nil
}
