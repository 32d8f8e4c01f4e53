package answer

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/summarize"
)

// contextSentences is how many sentences each article of the extractive
// answer gives the model to write from: its best for the question, each
// with the one after it, which often says what the first one means.
const contextSentences = 4

// write has the summarizer write the answer from the articles of the
// extractive one, which stays when it does not (no LLM, a failure, the
// deadline); ans.Fallback then says why.
func (a *Answerer) write(ctx context.Context, ans *Answer, r ranking, deadline time.Time) {
	doc := make(map[int64]int, len(ans.Articles))
	for i, art := range ans.Articles {
		doc[art.ID] = i
	}
	picked := make([][]int, len(ans.Articles)) // positions of sentences in each article
	art := make([]int, len(ans.Articles))      // index of each article in r.cands
	for _, s := range r.sentences {
		i, ok := doc[r.cands[s.art].ID]
		if !ok {
			continue
		}
		art[i] = s.art
		for _, p := range []int{s.pos, s.pos + 1} {
			if len(picked[i]) < contextSentences && p < len(r.texts[s.art]) && !slices.Contains(picked[i], p) {
				picked[i] = append(picked[i], p)
			}
		}
	}
	docs := make([]summarize.Doc, len(ans.Articles))
	for i, a := range ans.Articles {
		slices.Sort(picked[i])
		texts := make([]string, len(picked[i]))
		for j, p := range picked[i] {
			texts[j] = r.texts[art[i]][p]
		}
		docs[i] = summarize.Doc{Title: a.Title, Source: a.Outlet, Text: strings.Join(texts, " ")}
	}
	s, err := a.sum.Summarize(ctx, summarize.Request{
		Kind:        summarize.Answer,
		Question:    ans.Question,
		Docs:        docs,
		Sentences:   a.opts.Sentences,
		MaxChars:    a.opts.MaxChars,
		LLMDeadline: deadline,
	})
	if err != nil || s.Summarizer != "llm" || len(s.Sentences) == 0 {
		ans.Fallback = s.Fallback
		if fe, ok := errors.AsType[*summarize.FailureError](err); ok {
			ans.Fallback = fe.Reason
		}
		return
	}
	ans.Sentences, ans.Articles = cited(s.Sentences, ans.Articles)
	ans.Summarizer, ans.Model = "llm", s.Model
}

// cited turns an LLM's sentences, which cite arts by number, into answer
// sentences and the articles they cite, renumbered in the order first
// cited. A sentence without citations has those of the next one that
// has some, else of the one before: a model may cite a paragraph once.
func cited(sents []string, arts []Article) ([]Sentence, []Article) {
	texts := make([]string, len(sents))
	nums := make([][]int, len(sents))
	for i, s := range sents {
		texts[i], nums[i] = summarize.Citations(s)
	}
	for i := len(nums) - 2; i >= 0; i-- {
		if len(nums[i]) == 0 {
			nums[i] = nums[i+1]
		}
	}
	for i := 1; i < len(nums); i++ {
		if len(nums[i]) == 0 {
			nums[i] = nums[i-1]
		}
	}
	renumber := map[int]int{}
	var used []Article
	out := make([]Sentence, len(sents))
	for i := range sents {
		var ids []int64
		var cites []int
		for _, n := range nums[i] {
			if n < 1 || n > len(arts) {
				continue // the checks let none through; never index out
			}
			if _, ok := renumber[n]; !ok {
				used = append(used, arts[n-1])
				renumber[n] = len(used)
			}
			ids = append(ids, arts[n-1].ID)
			cites = append(cites, renumber[n])
		}
		out[i] = Sentence{Text: withCitations(texts[i], cites), ArticleIDs: ids}
	}
	return out, used
}

// withCitations writes citations into a sentence, before its final
// punctuation: "It fell [1][2]."
func withCitations(text string, cites []int) string {
	if len(cites) == 0 {
		return text
	}
	var b strings.Builder
	for _, n := range cites {
		b.WriteString("[" + strconv.Itoa(n) + "]")
	}
	body := strings.TrimRight(text, ".!?…\"”’')")
	return body + " " + b.String() + text[len(body):]
}
