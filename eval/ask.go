package eval

import "strings"

// Answers to questions are measured on a set with reference summaries
// (allsides-dev): each event's reference headline is a question; an
// answer is right when the first article it cites belongs to that event,
// and its quality is ROUGE of its sentences against the event's reference
// summary. A relevance threshold is measured on events held out of the
// database, whose questions nothing stored answers.

// AskQuestion is a question made from an event's reference headline.
type AskQuestion struct {
	Event string
	Text  string
}

// AskQuestions returns one question per event with a reference summary
// and a headline, in the order of the events' first documents.
func (s EventSet) AskQuestions() []AskQuestion {
	var out []AskQuestion
	seen := map[string]bool{}
	for _, d := range s.Docs {
		h := s.Headlines[d.Event]
		if seen[d.Event] || h == "" || s.References[d.Event] == "" {
			continue
		}
		seen[d.Event] = true
		out = append(out, AskQuestion{Event: d.Event, Text: h})
	}
	return out
}

// AskResult is what a system answered to one question.
type AskResult struct {
	Answered bool
	// FirstDoc is the document (index into EventSet.Docs) the answer
	// cites first; -1 when it cites none.
	FirstDoc  int
	Sentences []string
}

// AskScores are the figures of a system over a set's questions.
type AskScores struct {
	Questions int
	Answered  int // questions the system did not decline
	Right     int // answers whose first cited document is of the question's event
	// R1, R2 and RL are mean ROUGE F1 ×100 of the answers against the
	// events' reference summaries, over every question (a declined one
	// scores 0).
	R1, R2, RL float64
}

// Accuracy is the share of questions answered right, ×100.
func (a AskScores) Accuracy() float64 {
	if a.Questions == 0 {
		return 0
	}
	return 100 * float64(a.Right) / float64(a.Questions)
}

// ScoreAsk scores results, one per question of qs, in order.
func (s EventSet) ScoreAsk(qs []AskQuestion, results []AskResult) AskScores {
	var sc AskScores
	var sum rougeSum
	for i, q := range qs {
		r := results[i]
		sc.Questions++
		if !r.Answered {
			sum.add(Scores{})
			continue
		}
		sc.Answered++
		if r.FirstDoc >= 0 && r.FirstDoc < len(s.Docs) && s.Docs[r.FirstDoc].Event == q.Event {
			sc.Right++
		}
		sum.add(Rouge(strings.Join(r.Sentences, "\n"), s.References[q.Event]))
	}
	m := sum.mean()
	sc.R1, sc.R2, sc.RL = m.R1, m.R2, m.RL
	return sc
}

// HoldOut splits qs into k folds of held-out events: fold i holds every
// k-th question from the i-th on.
func HoldOut(qs []AskQuestion, k int) [][]AskQuestion {
	folds := make([][]AskQuestion, k)
	for i, q := range qs {
		folds[i%k] = append(folds[i%k], q)
	}
	return folds
}

// ThresholdRates returns, for a relevance threshold, the false-positive
// rate (questions nothing stored answers, answered: relevance at or above
// it) and the false-negative rate (questions about stored events
// declined: relevance below it), ×100.
func ThresholdRates(stored, heldOut []float64, threshold float64) (fp, fn float64) {
	rate := func(xs []float64, bad func(float64) bool) float64 {
		if len(xs) == 0 {
			return 0
		}
		n := 0
		for _, x := range xs {
			if bad(x) {
				n++
			}
		}
		return 100 * float64(n) / float64(len(xs))
	}
	fp = rate(heldOut, func(x float64) bool { return x >= threshold })
	fn = rate(stored, func(x float64) bool { return x < threshold })
	return fp, fn
}
