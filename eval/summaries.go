package eval

import "strings"

// Body is the article text as newsbrief stores it: paragraphs separated by
// blank lines, the headline excluded.
func (a BBCArticle) Body() string { return strings.Join(a.Paragraphs, "\n\n") }

// SummaryScores are mean ROUGE F1 ×100 over an evaluation set.
type SummaryScores struct {
	R1, R2, RL, RLsum float64
	Articles          int
}

// ScoreSummaries scores a summarizer on arts by the README's rule: the
// candidate's sentences joined by "\n" against the whole reference (its
// sentences joined by "\n"), F1 averaged over all articles.
func ScoreSummaries(arts []BBCArticle, summarize func(BBCArticle) []string) SummaryScores {
	var s SummaryScores
	if len(arts) == 0 {
		return s
	}
	for _, a := range arts {
		r := Rouge(strings.Join(summarize(a), "\n"), strings.Join(a.ReferenceSentences(), "\n"))
		s.R1 += r.R1.F
		s.R2 += r.R2.F
		s.RL += r.RL.F
		s.RLsum += r.RLsum.F
	}
	k := 100 / float64(len(arts))
	return SummaryScores{R1: s.R1 * k, R2: s.R2 * k, RL: s.RL * k, RLsum: s.RLsum * k, Articles: len(arts)}
}
