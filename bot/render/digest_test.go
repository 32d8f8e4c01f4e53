package render_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/news"
)

var (
	from = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	to   = from.Add(24 * time.Hour)
)

func normalBriefing() news.Briefing {
	at := func(h int) time.Time { return from.Add(time.Duration(h) * time.Hour) }
	return news.Briefing{
		ID: 7, Target: "123", From: from, To: to,
		Overview: "Storms hit the coast while markets rallied; a *new* telescope opened.",
		Stories: []news.Story{
			{
				Headline: "Storm closes coastal roads", Summary: "Heavy rain closed the coast road overnight. Crews expect to reopen it by noon.",
				Summarizer: "extractive", Sources: 2, Duplicates: 1, Latest: at(20), Score: 3.5,
				Articles: []news.StoryArticle{
					{ID: 11, Title: "Storm closes coastal roads", URL: "https://news.example/storm", Source: "https://news.example/feed.xml", Time: at(20)},
					{ID: 12, Title: "Coast road shut (again)", URL: "https://local.example/roads?id=4", Source: "https://local.example/rss", Time: at(18)},
					{ID: 13, Title: "Rain: what we know", URL: "https://news.example/rain", Source: "https://news.example/feed.xml", Time: at(17)},
				},
			},
			{
				Headline: "Markets rally on rate hopes", Summary: "Shares rose 2% as traders bet on a cut.",
				Summarizer: "llm", Sources: 1, Latest: at(15), Score: 2.1,
				Articles: []news.StoryArticle{{ID: 21, Title: "Markets rally on rate hopes", URL: "https://biz.example/markets", Source: "https://biz.example/feed", Time: at(15)}},
			},
			{
				Headline: "New telescope sees first light", Summary: "New telescope sees first light",
				Sources: 1, Latest: at(10), Score: 1.7,
				Articles: []news.StoryArticle{{ID: 31, Title: "New telescope sees first light", Source: "/srv/news/telescope.txt", Time: at(10)}},
			},
			{
				Headline: "Council_approves *budget*", Summary: "The council approved the budget 7-2.",
				Sources: 2, Latest: at(8), Score: 1.2,
				Articles: []news.StoryArticle{
					{ID: 41, Title: "Council approves budget", URL: "https://city.example/budget", Source: "https://city.example/feed"},
					{ID: 42, Title: "", URL: "https://other.example/b/2026-budget.html", Source: "https://other.example/feed"},
				},
			},
			{
				Headline: "Local team wins cup", Summary: "A late goal settled the final.",
				Sources: 1, Latest: at(2), Score: 0.9,
				Articles: []news.StoryArticle{{ID: 51, Title: "Local team wins cup", URL: "https://sport.example/cup", Source: "https://sport.example/rss"}},
			},
		},
		LeftOut: news.LeftOut{Stories: 3, Articles: 7, Duplicates: 1},
	}
}

func TestDigestGolden(t *testing.T) {
	tests := []struct {
		name string
		b    news.Briefing
	}{
		{"normal", normalBriefing()},
		{"empty", news.Briefing{From: from, To: to}},
		{"empty_left_out", news.Briefing{From: from, To: to, LeftOut: news.LeftOut{Filtered: 2, Backfill: 40}}},
		{"everyone", news.Briefing{From: from, To: to, Stories: []news.Story{{
			Headline: "@everyone", Summary: "Ping <@123456> and @here, see <#42>.", Sources: 1, Latest: from,
			Articles: []news.StoryArticle{{ID: 1, Title: "@everyone", URL: "https://x.example/a", Source: "https://x.example/feed"}},
		}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := render.Digest(tt.b, 42)
			MustCheck(t, msgs...)
			golden(t, "digest_"+tt.name, msgs)
		})
	}
}

func TestDigestEmpty(t *testing.T) {
	msgs := render.Digest(news.Briefing{From: from, To: to}, 1)
	if len(msgs) != 1 || msgs[0].Content != "No new articles since the last digest." || len(msgs[0].Embeds) != 0 {
		t.Fatalf("got %+v, want one message of content", msgs)
	}
}

// Discord must get "parse":[] — a missing or null list pings everyone.
func TestDigestEveryoneNoPing(t *testing.T) {
	b := news.Briefing{From: from, To: to, Stories: []news.Story{{
		Headline: "@everyone", Sources: 1,
		Articles: []news.StoryArticle{{ID: 1, Title: "@everyone", URL: "https://x.example/a"}},
	}}}
	for _, m := range render.Digest(b, 1) {
		raw, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(raw), `"allowed_mentions":{"parse":[]`) {
			t.Errorf("message JSON lacks \"parse\":[]: %s", raw)
		}
		for _, e := range m.Embeds {
			for _, s := range []string{e.Title, e.Description} {
				if strings.Contains(s, "@everyone") {
					t.Errorf("embed text %q still reads as a mention", s)
				}
			}
		}
	}
}

// hugeBriefing breaks every limit it can: long Markdown-laden headlines
// with mentions, 4000-rune summaries, 30 sources a story.
func hugeBriefing(stories, sources int) news.Briefing {
	b := news.Briefing{From: from, To: to, Overview: strings.Repeat("overview words ", 400),
		LeftOut: news.LeftOut{Stories: 100, Articles: 900, Filtered: 3, Duplicates: 12, Backfill: 1}}
	for i := range stories {
		s := news.Story{
			Headline: strings.Repeat(fmt.Sprintf("**bold** _it_ @everyone [x](y) `c` %d ", i), 20)[:500],
			Summary:  strings.Repeat("A long summary sentence with *stars* and <@1> mentions. ", 72)[:4000],
			Sources:  sources, Duplicates: i, Latest: from.Add(time.Duration(i) * time.Minute),
		}
		for j := range sources {
			s.Articles = append(s.Articles, news.StoryArticle{
				ID:    int64(i*100 + j),
				Title: strings.Repeat("Source title with | pipes ", 8),
				URL:   fmt.Sprintf("https://example.com/%d/%d/%s", i, j, strings.Repeat("path/", 30)),
			})
		}
		b.Stories = append(b.Stories, s)
	}
	return b
}

func TestDigestHuge(t *testing.T) {
	b := hugeBriefing(60, 30)
	msgs := render.Digest(b, 99)
	if len(msgs) < 2 {
		t.Fatalf("got %d messages, want several", len(msgs))
	}
	MustCheck(t, msgs...)
	next := 0 // the story the next story embed must show
	for i, m := range msgs {
		buttons := buttonIDs(m)
		var stories []string
		for _, e := range m.Embeds {
			if strings.HasPrefix(e.Title, fmt.Sprintf("%d. ", next+1)) {
				checkWordCut(t, strings.TrimPrefix(e.Title, fmt.Sprintf("%d. ", next+1)), render.Escape(b.Stories[next].Headline))
				summary, _, _ := strings.Cut(e.Description, "\n")
				checkWordCut(t, summary, render.Escape(b.Stories[next].Summary))
				stories = append(stories, render.StoryButtonID(99, next))
				next++
			}
		}
		if strings.Join(buttons, " ") != strings.Join(stories, " ") {
			t.Errorf("message %d: buttons %v, want one per story %v", i, buttons, stories)
		}
	}
	if next != len(b.Stories) {
		t.Errorf("messages show %d stories in order, want %d", next, len(b.Stories))
	}
	last := msgs[len(msgs)-1].Embeds
	if d := last[len(last)-1].Description; !strings.Contains(d, "100 more stories (900 articles) not shown") {
		t.Errorf("last embed is %q, want the left-out counts", d)
	}
}

// checkWordCut fails unless got is full, or a prefix of full cut at a
// space and ended with an ellipsis.
func checkWordCut(t *testing.T, got, full string) {
	t.Helper()
	if got == full {
		return
	}
	kept, ok := strings.CutSuffix(got, "…")
	if !ok || !strings.HasPrefix(full, kept+" ") {
		t.Errorf("%.60q… is not %.60q… cut between words", got, full)
	}
}

func buttonIDs(m *discordgo.MessageSend) []string {
	var ids []string
	for _, c := range m.Components {
		for _, b := range c.(discordgo.ActionsRow).Components {
			ids = append(ids, b.(discordgo.Button).CustomID)
		}
	}
	return ids
}

func TestDigestDeterministic(t *testing.T) {
	a, _ := json.Marshal(render.Digest(hugeBriefing(12, 8), 1))
	b, _ := json.Marshal(render.Digest(hugeBriefing(12, 8), 1))
	if string(a) != string(b) {
		t.Error("two renderings of one briefing differ")
	}
}

func FuzzDigest(f *testing.F) {
	f.Add("Storm closes roads", "Rain fell.", "Title", "https://x.example/a", 3)
	f.Add(strings.Repeat("@everyone *", 60), strings.Repeat("<@1> `", 900), strings.Repeat("[", 300), "", 40)
	f.Add("", "", "", "ftp://nope", 0)
	f.Fuzz(func(t *testing.T, headline, summary, title, url string, n int) {
		n = max(0, n%24) // enough stories to need several messages
		b := news.Briefing{From: from, To: to, Overview: summary, LeftOut: news.LeftOut{Stories: n}}
		for i := range n {
			s := news.Story{Headline: headline, Summary: summary, Sources: i}
			for j := range i % 35 {
				s.Articles = append(s.Articles, news.StoryArticle{ID: int64(j), Title: title, URL: url, Source: url})
			}
			b.Stories = append(b.Stories, s)
		}
		MustCheck(t, render.Digest(b, int64(n))...)
	})
}
