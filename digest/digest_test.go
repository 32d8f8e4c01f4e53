package digest_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

// storyView is what TestBuild checks of a story: its headline, its
// articles' titles in order, and its counts.
type storyView struct {
	Headline   string
	Titles     []string
	Sources    int
	Duplicates int
}

func view(b news.Briefing) []storyView {
	var out []storyView
	for _, s := range b.Stories {
		v := storyView{Headline: s.Headline, Sources: s.Sources, Duplicates: s.Duplicates}
		for _, a := range s.Articles {
			v.Titles = append(v.Titles, a.Title)
		}
		out = append(out, v)
	}
	return out
}

// Fixture headlines.
const (
	tramCourier = "Tram extension to Eastgate approved despite Millbrook objections"
	tramHerald  = "Council approves £412m Line 4 tram extension to Eastgate"
	tramLedger  = "Eastgate tram: what the Line 4 extension means for you"
	stormHerald = "Storm Edda: hundreds of homes flooded as sea wall fails in Saltmere"
	stormFile   = "Saltmere counts the cost as Storm Edda clean-up begins"
	rateCut     = "Reserve Bank cuts interest rates to 3.75% as inflation eases"
	rateCopy    = "Interest rates cut to 3.75% in split Reserve Bank vote"
	football    = "Mensah-Lyle double sends Rovers top of the Second Division"
	museum      = "Northbridge Maritime Museum reopens after £34m refit"
)

var (
	tramStory     = storyView{tramHerald, []string{tramHerald, tramCourier, tramLedger}, 3, 0}
	stormStory    = storyView{stormHerald, []string{stormHerald, stormFile}, 2, 0}
	rateStory     = storyView{rateCut, []string{rateCut}, 1, 1}
	footballStory = storyView{football, []string{football}, 1, 0}
	museumStory   = storyView{museum, []string{museum}, 1, 0}
)

func TestBuild(t *testing.T) {
	db, feeds, _ := mustFixture(t)
	b := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock})
	tests := []struct {
		name    string
		req     digest.Request
		want    []storyView
		wantOut news.LeftOut
	}{{
		// Three outlets beat two, two beat one; the syndicated copy counts
		// once; the back catalogue and the day-old article stay out.
		name:    "all stories",
		want:    []storyView{tramStory, stormStory, rateStory, footballStory, museumStory},
		wantOut: news.LeftOut{Duplicates: 1, Backfill: 1},
	}, {
		name:    "max stories",
		req:     digest.Request{MaxStories: 2},
		want:    []storyView{tramStory, stormStory},
		wantOut: news.LeftOut{Stories: 3, Articles: 3, Duplicates: 1, Backfill: 1},
	}, {
		name:    "max stories above the count",
		req:     digest.Request{MaxStories: 50},
		want:    []storyView{tramStory, stormStory, rateStory, footballStory, museumStory},
		wantOut: news.LeftOut{Duplicates: 1, Backfill: 1},
	}, {
		name:    "explicit window",
		req:     digest.Request{From: now.Add(-48 * time.Hour), To: now.Add(-9 * time.Hour)},
		want:    []storyView{footballStory, museumStory, {"Old bridge closes for repairs", []string{"Old bridge closes for repairs"}, 1, 0}},
		wantOut: news.LeftOut{},
	}, {
		name: "feed filter",
		req:  digest.Request{Filter: digest.Filter{FeedIDs: []int64{feeds[heraldFeed]}}},
		want: []storyView{{tramHerald, []string{tramHerald}, 1, 0}, {stormHerald, []string{stormHerald}, 1, 0}, footballStory},
		// Other feeds' articles are not this briefing's business: the
		// footer does not count them as filtered out.
		wantOut: news.LeftOut{},
	}, {
		// With the original filtered out, the copy is news in its own right.
		name:    "feed filter keeps a copy whose original it drops",
		req:     digest.Request{Filter: digest.Filter{FeedIDs: []int64{feeds[wireFeed]}}},
		want:    []storyView{{rateCopy, []string{rateCopy}, 1, 0}},
		wantOut: news.LeftOut{},
	}, {
		name:    "source directory prefix",
		req:     digest.Request{Filter: digest.Filter{Sources: []string{"/srv/wire"}}},
		want:    []storyView{{tramLedger, []string{tramLedger}, 1, 0}, {stormFile, []string{stormFile}, 1, 0}, museumStory},
		wantOut: news.LeftOut{Filtered: 6, Backfill: 1},
	}, {
		name:    "source prefix stops at a path boundary",
		req:     digest.Request{Filter: digest.Filter{Sources: []string{"/srv/wi", "https://herald.ex"}}},
		wantOut: news.LeftOut{Filtered: 9, Backfill: 1},
	}, {
		name:    "source exact and URL prefix",
		req:     digest.Request{Filter: digest.Filter{Sources: []string{"/srv/wire/arts/maritime-museum.txt", "https://courier.example/city"}}},
		want:    []storyView{{tramCourier, []string{tramCourier}, 1, 0}, museumStory},
		wantOut: news.LeftOut{Filtered: 7, Backfill: 1},
	}, {
		name:    "sections ignore case",
		req:     digest.Request{Filter: digest.Filter{Sections: []string{"TRANSPORT", "arts"}}},
		want:    []storyView{{tramHerald, []string{tramHerald, tramLedger}, 2, 0}, museumStory},
		wantOut: news.LeftOut{Filtered: 6, Backfill: 1},
	}, {
		name:    "include words and phrases",
		req:     digest.Request{Filter: digest.Filter{Include: []string{"Interest Rates", "wheelchair"}}},
		want:    []storyView{rateStory, museumStory},
		wantOut: news.LeftOut{Filtered: 6, Duplicates: 1, Backfill: 1},
	}, {
		name:    "include matches whole words only",
		req:     digest.Request{Filter: digest.Filter{Include: []string{"tra", "rat"}}},
		wantOut: news.LeftOut{Filtered: 9, Backfill: 1},
	}, {
		name:    "exclude",
		req:     digest.Request{Filter: digest.Filter{Exclude: []string{"storm", "ROVERS", "museum"}}},
		want:    []storyView{tramStory, rateStory},
		wantOut: news.LeftOut{Filtered: 4, Duplicates: 1, Backfill: 1},
	}, {
		name:    "filters combine",
		req:     digest.Request{Filter: digest.Filter{Include: []string{"tram"}, Exclude: []string{"commuters"}, Sources: []string{"https://"}}},
		want:    []storyView{{tramCourier, []string{tramCourier, tramHerald}, 2, 0}},
		wantOut: news.LeftOut{Filtered: 7, Backfill: 1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := b.Build(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, view(got)); diff != "" {
				t.Errorf("stories (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantOut, got.LeftOut); diff != "" {
				t.Errorf("left out (-want +got):\n%s", diff)
			}
			for _, s := range got.Stories {
				if s.Summary == "" || s.Summarizer != "extractive" {
					t.Errorf("story %q: summary %q by %q", s.Headline, s.Summary, s.Summarizer)
				}
			}
		})
	}
}

func TestBuildWindow(t *testing.T) {
	ctx := context.Background()
	db, _, _ := mustFixture(t)
	last := news.Briefing{Target: "chan-1", From: now.Add(-48 * time.Hour), To: now.Add(-150 * time.Minute)}
	if _, err := db.RecordDigest(ctx, last); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordDigest(ctx, news.Briefing{Target: "future", To: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	b := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock, Window: 12 * time.Hour})
	tests := []struct {
		name     string
		req      digest.Request
		from, to time.Time
		articles int
	}{
		{"from the last digest", digest.Request{Target: "chan-1"}, last.To, now, 2},
		{"no digest yet: the default window", digest.Request{Target: "chan-2"}, now.Add(-12 * time.Hour), now, 8},
		{"no target", digest.Request{}, now.Add(-12 * time.Hour), now, 8},
		{"explicit from wins", digest.Request{Target: "chan-1", From: now.Add(-5 * time.Hour)}, now.Add(-5 * time.Hour), now, 5},
		{"explicit to", digest.Request{Target: "chan-1", To: now.Add(-time.Hour)}, last.To, now.Add(-time.Hour), 1},
		{"last digest after to", digest.Request{Target: "future"}, now.Add(-12 * time.Hour), now, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := b.Build(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if !got.From.Equal(tt.from) || !got.To.Equal(tt.to) {
				t.Errorf("window [%v, %v), want [%v, %v)", got.From, got.To, tt.from, tt.to)
			}
			n := 0
			for _, s := range got.Stories {
				n += len(s.Articles) + s.Duplicates
			}
			if n != tt.articles {
				t.Errorf("%d articles in stories, want %d", n, tt.articles)
			}
			if got.Target != tt.req.Target {
				t.Errorf("target %q, want %q", got.Target, tt.req.Target)
			}
		})
	}
}

func TestBuildInvalid(t *testing.T) {
	b := digest.New(&fakeStore{}, summarize.NewExtractive(), digest.Options{Now: clock})
	for _, req := range []digest.Request{
		{From: now, To: now.Add(-time.Hour)},
		{MaxStories: -1},
	} {
		if _, err := b.Build(context.Background(), req); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("Build(%+v): %v, want an EINVALID error", req, err)
		}
	}
}

func TestBuildEmpty(t *testing.T) {
	b := digest.New(mustOpen(t), summarize.NewExtractive(), digest.Options{Now: clock})
	got, err := b.Build(context.Background(), digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	want := news.Briefing{From: now.Add(-digest.DefaultWindow), To: now}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestBuildDeterministic builds the fixture's briefing twice from the store,
// and from the same articles in shuffled orders: all must be equal.
func TestBuildDeterministic(t *testing.T) {
	ctx := context.Background()
	db, _, stored := mustFixture(t)
	opts := digest.Options{Now: clock, PrioritySources: []string{"herald.example"}}
	want, err := digest.New(db, summarize.NewExtractive(), opts).Build(ctx, digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	again, err := digest.New(db, summarize.NewExtractive(), opts).Build(ctx, digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, again); diff != "" {
		t.Fatalf("second build differs (-first +second):\n%s", diff)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5 {
		shuffled := slices.Clone(stored)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got, err := digest.New(&fakeStore{articles: shuffled}, summarize.NewExtractive(), opts).Build(ctx, digest.Request{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("shuffle %d differs (-store +shuffled):\n%s", i, diff)
		}
	}
}

func TestBuildPrioritySources(t *testing.T) {
	db, _, _ := mustFixture(t)
	tests := []struct {
		name     string
		priority []string
		want     []string // headlines
	}{
		{"none", nil, []string{tramHerald, stormHerald, rateCut, football, museum}},
		// 1.5 × the museum's 0.66 beats the rate cut's 0.9, not the storm's 2.
		{"directory", []string{"/srv/wire/arts"}, []string{tramHerald, stormHerald, museum, rateCut, football}},
		// The headline comes from a priority source when one covers the story.
		{"host", []string{"courier.example"}, []string{tramCourier, stormHerald, rateCut, football, museum}},
		{"URL prefix", []string{"https://herald.example/sport/"}, []string{tramHerald, stormHerald, football, rateCut, museum}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock, PrioritySources: tt.priority})
			got, err := b.Build(context.Background(), digest.Request{})
			if err != nil {
				t.Fatal(err)
			}
			var heads []string
			for _, s := range got.Stories {
				heads = append(heads, s.Headline)
			}
			if diff := cmp.Diff(tt.want, heads); diff != "" {
				t.Errorf("headlines (-want +got):\n%s", diff)
			}
		})
	}
}
