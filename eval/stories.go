package eval

import (
	"fmt"
	"strings"
)

// Story is one story a system built: the documents it groups (indices
// into EventSet.Docs) and its summary sentences.
type Story struct {
	Docs    []int
	Summary []string
}

// GroupWindows runs build on every window of days days (see Windows) and
// pools BCubed over them. build gets the indices of one window's
// documents and returns its stories; a document in no story counts as a
// story of its own. It returns the pooled scores and every story built.
func (s EventSet) GroupWindows(days int, build func(window []int) ([]Story, error)) (Clustering, []Story, error) {
	var pool Pool
	var all []Story
	for _, w := range Windows(s.Docs, days) {
		stories, err := build(w)
		if err != nil {
			return Clustering{}, nil, err
		}
		label := map[int]int{}
		for k, st := range stories {
			for _, d := range st.Docs {
				if _, dup := label[d]; dup {
					return Clustering{}, nil, fmt.Errorf("eval: %s is in two stories", s.Docs[d].File)
				}
				label[d] = k
			}
		}
		gold := make([]string, len(w))
		pred := make([]int, len(w))
		for i, d := range w {
			gold[i] = s.Docs[d].Event
			k, ok := label[d]
			if !ok {
				k = len(stories) + i
			}
			pred[i] = k
		}
		pool.Add(gold, pred)
		all = append(all, stories...)
	}
	return pool.Result(), all, nil
}

// StorySummaryScores are story-summary ROUGE figures with the README's
// two baselines, computed over the same events.
type StorySummaryScores struct {
	System, Lead2, BestLead2 SummaryScores
}

// ScoreStorySummaries scores story summaries by the allsides-dev README's
// rule: for each event with a reference, the story holding most of its
// documents (ties: the first) is scored against the reference, ROUGE F1
// ×100 averaged over events. The baselines, on the same events: lead2 of
// the event's first document (in index order), and of its best document
// (the one whose Lead-2 scores the highest ROUGE-1 F1). lead returns the
// first sentences of a text.
func (s EventSet) ScoreStorySummaries(stories []Story, lead func(text string, n int) []string) StorySummaryScores {
	events := map[string][]int{}
	var order []string
	for i, d := range s.Docs {
		if _, ok := s.References[d.Event]; !ok {
			continue
		}
		if _, ok := events[d.Event]; !ok {
			order = append(order, d.Event)
		}
		events[d.Event] = append(events[d.Event], i)
	}
	var sys, lead2, best rougeSum
	for _, ev := range order {
		ref := s.References[ev]
		var pick *Story
		most := 0
		for k := range stories {
			n := 0
			for _, d := range stories[k].Docs {
				if s.Docs[d].Event == ev {
					n++
				}
			}
			if n > most {
				pick, most = &stories[k], n
			}
		}
		if pick != nil {
			sys.add(Rouge(strings.Join(pick.Summary, "\n"), ref))
		} else {
			sys.add(Scores{})
		}
		docs := events[ev]
		lead2.add(Rouge(strings.Join(lead(s.Docs[docs[0]].Text, 2), "\n"), ref))
		var top Scores
		for _, d := range docs {
			if r := Rouge(strings.Join(lead(s.Docs[d].Text, 2), "\n"), ref); r.R1.F > top.R1.F {
				top = r
			}
		}
		best.add(top)
	}
	return StorySummaryScores{System: sys.mean(), Lead2: lead2.mean(), BestLead2: best.mean()}
}

// rougeSum adds up F1 scores for a mean.
type rougeSum struct {
	r1, r2, rl, rlsum float64
	n                 int
}

func (r *rougeSum) add(s Scores) {
	r.r1 += s.R1.F
	r.r2 += s.R2.F
	r.rl += s.RL.F
	r.rlsum += s.RLsum.F
	r.n++
}

func (r rougeSum) mean() SummaryScores {
	if r.n == 0 {
		return SummaryScores{}
	}
	k := 100 / float64(r.n)
	return SummaryScores{R1: r.r1 * k, R2: r.r2 * k, RL: r.rl * k, RLsum: r.rlsum * k, Articles: r.n}
}
