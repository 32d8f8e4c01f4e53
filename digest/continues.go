package digest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/cluster"
	"github.com/newsbrief/newsbrief/news"
)

const (
	// followWindow is how far back earlier briefings are looked at for the
	// stories a briefing continues, and followDigests how many at most.
	followWindow  = 7 * 24 * time.Hour
	followDigests = 20
	// followTau is the similarity at which a story continues an earlier
	// one. It is above the grouping threshold: an earlier story is known
	// only by its headline, titles and summary, and calling a new event
	// an update misleads more than missing a link. On allsides-dev (see
	// TestAllSidesContinues) 0.2 links 70% of the reports held back a day
	// to their story and marks 11% of the next day's events as updates
	// (many of them later turns of the same affair); 0.15 links 80% and
	// marks 23%.
	followTau = 0.2
)

// follow marks the stories that continue a story of an earlier briefing
// for target, and drops those whose articles were all in earlier
// briefings, counting them in left. Without a target there is no history.
func (b *Builder) follow(ctx context.Context, target string, from time.Time, stories []story, left *news.LeftOut) ([]story, error) {
	if target == "" || len(stories) == 0 {
		return stories, nil
	}
	hist, err := b.st.RecentDigests(ctx, target, from.Add(-followWindow), followDigests)
	if err != nil {
		return nil, fmt.Errorf("digest: reading earlier briefings: %w", err)
	}
	briefed := map[int64]bool{}
	var earlier []cluster.Doc
	var refs []news.Continuation
	for _, br := range hist {
		for _, s := range br.Stories {
			titles := make([]string, 0, len(s.Articles))
			for _, a := range s.Articles {
				briefed[a.ID] = true
				titles = append(titles, a.Title)
			}
			// A briefing keeps no language: cluster detects it from the text.
			earlier = append(earlier, cluster.Doc{Title: s.Headline + "\n" + strings.Join(titles, "\n"), Lead: s.Summary, Time: s.Latest})
			refs = append(refs, news.Continuation{DigestID: br.ID, Headline: s.Headline, At: br.To})
		}
	}
	if len(earlier) == 0 {
		return stories, nil
	}
	kept := stories[:0]
	var docs []cluster.Doc
	for _, s := range stories {
		if allBriefed(s, briefed) {
			left.Repeats++
			continue
		}
		kept = append(kept, s)
		docs = append(docs, storyDoc(s))
	}
	for i, j := range cluster.Match(docs, earlier, b.opts.Clustering, followTau) {
		if j >= 0 {
			ref := refs[j]
			kept[i].continues = &ref
		}
	}
	return kept, nil
}

// allBriefed reports whether every article of s, copies included, was in
// an earlier briefing.
func allBriefed(s story, briefed map[int64]bool) bool {
	for _, it := range s.items {
		if !briefed[it.a.ID] {
			return false
		}
		for _, c := range it.copies {
			if !briefed[c.ID] {
				return false
			}
		}
	}
	return true
}

// storyDoc is a story as Match compares it with earlier ones: its titles,
// and the lead of its first article.
func storyDoc(s story) cluster.Doc {
	titles := make([]string, len(s.items))
	for i, it := range s.items {
		titles[i] = it.a.Title
	}
	first := s.items[0].a
	return cluster.Doc{Title: strings.Join(titles, "\n"), Lead: cluster.Lead(first.Body), Time: s.items[len(s.items)-1].a.Time(),
		Language: first.Language}
}
