package digest_test

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

// Tests over the development sets of ../shared/eval, measured by the rule
// of their READMEs (as 'newsbrief eval stories' does). The floors sit a
// little under what the defaults reach, so that a change that loses
// quality fails.

func mustEvents(t *testing.T, name string) eval.EventSet {
	t.Helper()
	dir := filepath.Join("../../shared/eval", name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("evaluation data not found at %s (needs ../shared/eval next to the checkout): %v", dir, err)
	}
	set, err := eval.LoadEvents(dir)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// eventArticle is a document as stored: published at noon UTC of day
// (its own date when day is zero, else 1 Jan 2020).
func eventArticle(d eval.EventDoc, day time.Time) news.Article {
	if day.IsZero() {
		day = cmp.Or(d.Date, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	a := news.Article{Title: d.Title, Body: d.Text, Source: d.File, PublishedAt: day.Add(12 * time.Hour),
		Language: analyzer.Detect(d.Title + "\n\n" + d.Text)} // as ingest does
	if u, err := news.CanonicalURL(d.URL); err == nil && d.URL != "" {
		a.URL = u
	}
	return a
}

// buildWindow stores the window's documents in a fresh database and
// builds a digest of all of them.
func buildWindow(t *testing.T, set eval.EventSet, idx []int) []eval.Story {
	t.Helper()
	ctx := context.Background()
	db := mustOpen(t)
	idx = slices.Clone(idx)
	slices.SortFunc(idx, func(x, y int) int { return cmp.Compare(set.Docs[x].File, set.Docs[y].File) })
	arts := make([]news.Article, len(idx))
	for i, d := range idx {
		arts[i] = eventArticle(set.Docs[d], time.Time{})
	}
	res, err := db.AddArticles(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	docsOf := map[int64][]int{}
	for i, r := range res {
		root := cmp.Or(r.DuplicateOf, r.ID)
		docsOf[root] = append(docsOf[root], idx[i])
	}
	from := arts[0].PublishedAt.Truncate(24 * time.Hour)
	to := from
	for _, a := range arts {
		if day := a.PublishedAt.Truncate(24 * time.Hour); day.Before(from) {
			from = day
		}
		if end := a.PublishedAt.Truncate(24 * time.Hour).Add(24 * time.Hour); end.After(to) {
			to = end
		}
	}
	br, err := digest.New(db, summarize.NewExtractive(), digest.Options{Now: func() time.Time { return to }}).
		Build(ctx, digest.Request{From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	stories := make([]eval.Story, len(br.Stories))
	for k, s := range br.Stories {
		for _, a := range s.Articles {
			stories[k].Docs = append(stories[k].Docs, docsOf[a.ID]...)
		}
		stories[k].Summary = summarize.Sentences(s.Summary)
	}
	return stories
}

func TestAllSidesGrouping(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 120 digests")
	}
	set := mustEvents(t, "allsides-dev")
	build := func(idx []int) ([]eval.Story, error) { return buildWindow(t, set, idx), nil }
	daily, stories, err := set.GroupWindows(1, build)
	if err != nil {
		t.Fatal(err)
	}
	weekly, _, err := set.GroupWindows(7, build)
	if err != nil {
		t.Fatal(err)
	}
	sum := set.ScoreStorySummaries(stories, summarize.Lead)
	t.Logf("BCubed daily P %.3f R %.3f F1 %.3f; weekly P %.3f R %.3f F1 %.3f", daily.BP, daily.BR, daily.BF, weekly.BP, weekly.BR, weekly.BF)
	t.Logf("story summaries R1 %.2f (Lead-2 %.2f, best-article Lead-2 %.2f)", sum.System.R1, sum.Lead2.R1, sum.BestLead2.R1)
	for _, c := range []struct {
		name       string
		got, floor float64
	}{
		{"daily BCubed F1", daily.BF, 0.92},
		{"weekly BCubed F1", weekly.BF, 0.88},
		{"story summary ROUGE-1", sum.System.R1, 35.5},
		{"story summary ROUGE-1 above Lead-2", sum.System.R1 - sum.Lead2.R1, 1.5},
	} {
		if c.got < c.floor {
			t.Errorf("%s = %.3f, want ≥ %.3f", c.name, c.got, c.floor)
		}
	}
}

func TestECBPlusGrouping(t *testing.T) {
	set := mustEvents(t, "ecbplus-dev")
	got, _, err := set.GroupWindows(0, func(idx []int) ([]eval.Story, error) { return buildWindow(t, set, idx), nil })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("BCubed P %.3f R %.3f F1 %.3f", got.BP, got.BR, got.BF)
	if got.BF < 0.88 {
		t.Errorf("BCubed F1 = %.3f, want ≥ 0.88", got.BF)
	}
}

// TestAllSidesContinues records a digest of each day of the set with the
// last report of every event held back, then one a day later with those
// reports and the next day's events: the held-back reports' stories
// continue the earlier stories, the next day's own events mostly do not,
// and a digest over the first day again shows none of its stories.
func TestAllSidesContinues(t *testing.T) {
	set := mustEvents(t, "allsides-dev")
	ctx := context.Background()
	days := eval.Windows(set.Docs, 1)
	var updates, linked, fresh, misLinked int
	for w := 0; w+1 < len(days) && w < 20; w++ {
		first, next := days[w], days[w+1]
		d0 := set.Docs[first[0]].Date
		d1 := set.Docs[next[0]].Date
		if d1.Sub(d0) != 24*time.Hour {
			continue
		}
		db := mustOpen(t)
		last := map[string]int{}
		for _, i := range first {
			last[set.Docs[i].Event] = i // index order: the event's last report
		}
		var early, late []news.Article
		heldBack := map[string]bool{}
		for _, i := range first {
			if last[set.Docs[i].Event] == i {
				late = append(late, eventArticle(set.Docs[i], d1))
				heldBack[set.Docs[i].File] = true
			} else {
				early = append(early, eventArticle(set.Docs[i], d0))
			}
		}
		for _, i := range next {
			late = append(late, eventArticle(set.Docs[i], d1))
		}
		mustAdd(t, db, early)
		mustAdd(t, db, late)
		eventOf := map[string]string{}
		for _, d := range set.Docs {
			eventOf[d.File] = d.Event
		}
		day0, day1 := d0, d0.Add(24*time.Hour)
		bd := func(at time.Time) *digest.Builder {
			return digest.New(db, summarize.NewExtractive(), digest.Options{Now: func() time.Time { return at }})
		}
		b0, err := bd(day1).Build(ctx, digest.Request{Target: "cli", From: day0, To: day1})
		if err != nil {
			t.Fatal(err)
		}
		if b0.ID, err = db.RecordDigest(ctx, b0); err != nil {
			t.Fatal(err)
		}
		earlier := map[string]string{} // headline -> event
		for _, s := range b0.Stories {
			earlier[s.Headline] = eventOf[s.Articles[0].Source]
		}
		b1, err := bd(day1.Add(24*time.Hour)).Build(ctx, digest.Request{Target: "cli"})
		if err != nil {
			t.Fatal(err)
		}
		if !b1.From.Equal(day1) {
			t.Fatalf("second digest starts %v, want where the recorded one ended (%v)", b1.From, day1)
		}
		for _, s := range b1.Stories {
			held := heldBack[s.Articles[0].Source]
			switch {
			case held:
				updates++
				if c := s.Continues; c != nil && c.DigestID == b0.ID && earlier[c.Headline] == eventOf[s.Articles[0].Source] {
					linked++
				}
			default:
				fresh++
				if s.Continues != nil {
					misLinked++
				}
			}
		}
		again, err := bd(day1).Build(ctx, digest.Request{Target: "cli", From: day0, To: day1})
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Stories) != 0 || again.LeftOut.Repeats != len(b0.Stories) {
			t.Errorf("%s again: %d stories shown, %d left out as repeats; want 0 and %d",
				d0.Format(time.DateOnly), len(again.Stories), again.LeftOut.Repeats, len(b0.Stories))
		}
	}
	if updates == 0 {
		t.Fatal("no consecutive days in the set")
	}
	t.Logf("%d of %d held-back reports continue their earlier story; %d of %d new stories marked as updates",
		linked, updates, misLinked, fresh)
	if float64(linked) < 0.65*float64(updates) {
		t.Errorf("%d of %d held-back reports continue their story, want ≥ 65%%", linked, updates)
	}
	if float64(misLinked) > 0.15*float64(fresh) {
		t.Errorf("%d of %d new stories marked as updates, want ≤ 15%%", misLinked, fresh)
	}
}
