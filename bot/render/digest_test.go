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
					{ID: 11, Title: "Storm closes coastal roads", URL: "https://news.example/storm", Source: "https://news.example/feed.xml", Outlet: "News Example", Time: at(20), Published: at(20)},
					{ID: 12, Title: "Coast road shut (again)", URL: "https://local.example/roads?id=4", Source: "https://local.example/rss", Outlet: "The Local", Time: at(18), Published: at(18)},
					{ID: 13, Title: "Rain: what we know", URL: "https://news.example/rain", Source: "https://news.example/feed.xml", Outlet: "News Example", Time: at(17)},
				},
			},
			{
				Headline: "Markets rally on rate hopes", Summary: "Shares rose 2% as traders bet on a cut.",
				Summarizer: "llm", Sources: 1, Latest: at(15), Score: 2.1,
				Articles:  []news.StoryArticle{{ID: 21, Title: "Markets rally on rate hopes", URL: "https://biz.example/markets", Source: "https://biz.example/feed", Outlet: "Biz Daily", Time: at(15)}},
				Continues: &news.Continuation{DigestID: 6, Headline: "Markets wait for the bank", At: from.Add(-24 * time.Hour)},
			},
			{
				Headline: "New telescope sees first light", Summary: "New telescope sees first light",
				Sources: 1, Latest: at(10), Score: 1.7,
				Articles: []news.StoryArticle{{ID: 31, Title: "New telescope sees first light", Source: "/srv/news/telescope.txt", Outlet: "news", Time: at(10)}},
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
		More: []news.Story{
			{Headline: "Harbour fees rise", Articles: []news.StoryArticle{{ID: 61, Title: "Harbour fees rise", URL: "https://port.example/fees", Outlet: "Port News"}}},
			{Headline: "Library opens late", Articles: []news.StoryArticle{{ID: 71, Title: "Library opens late", Source: "/srv/news/library.txt", Outlet: "news"}}},
		},
		LeftOut: news.LeftOut{Stories: 3, Articles: 7, Duplicates: 1},
	}
}

func TestDigestGolden(t *testing.T) {
	tests := []struct {
		name string
		b    news.Briefing
		l    render.Locale
	}{
		{name: "normal", b: normalBriefing()},
		{name: "normal_de", b: normalBriefing(), l: render.German},
		{name: "empty", b: news.Briefing{From: from, To: to}},
		{name: "empty_left_out", b: news.Briefing{From: from, To: to, LeftOut: news.LeftOut{Filtered: 2, Backfill: 40}}},
		{name: "everyone", b: news.Briefing{From: from, To: to, Stories: []news.Story{{
			Headline: "@everyone", Summary: "Ping <@123456> and @here, see <#42>.", Sources: 1, Latest: from,
			Articles: []news.StoryArticle{{ID: 1, Title: "@everyone", URL: "https://x.example/a", Source: "https://x.example/feed"}},
		}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.l == "" {
				tt.l = render.English
			}
			msgs := render.Digest(tt.l, tt.b, 42, map[int64]string{6: "https://discord.com/channels/1/123/456"})
			MustCheck(t, msgs...)
			golden(t, "digest_"+tt.name, msgs)
			var shown []string
			for _, m := range msgs {
				shown = append(shown, render.Shown(m.Content, m.Embeds, m.Components))
			}
			goldenShown(t, "digest_"+tt.name, shown...)
		})
	}
}

func TestDigestEmpty(t *testing.T) {
	msgs := render.Digest(render.English, news.Briefing{From: from, To: to}, 1, nil)
	if len(msgs) != 1 || msgs[0].Content != "No new articles since the last briefing." || len(msgs[0].Embeds) != 0 {
		t.Fatalf("got %+v, want one message of content", msgs)
	}
}

// Discord must get "parse":[] — a missing or null list pings everyone.
func TestDigestEveryoneNoPing(t *testing.T) {
	b := news.Briefing{From: from, To: to, Stories: []news.Story{{
		Headline: "@everyone", Sources: 1,
		Articles: []news.StoryArticle{{ID: 1, Title: "@everyone", URL: "https://x.example/a"}},
	}}}
	for _, m := range render.Digest(render.English, b, 1, nil) {
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
	msgs := render.Digest(render.English, b, 99, nil)
	if len(msgs) < 2 {
		t.Fatalf("got %d messages, want several", len(msgs))
	}
	MustFit(t, msgs...)
	next := 0 // the story the next block must show
	for i, m := range msgs {
		var want []string
		for _, e := range m.Embeds {
			for _, block := range strings.Split(e.Description, "\n\n") {
				num := fmt.Sprintf("**%d. ", next+1)
				if !strings.HasPrefix(block, num) {
					continue
				}
				head, summary, _ := strings.Cut(strings.TrimPrefix(block, num), "\n")
				head = strings.TrimSuffix(head, "**")
				if text, _, isLink := strings.Cut(strings.TrimPrefix(head, "["), "]("); isLink {
					head = text
				}
				checkWordCut(t, head, render.Escape(strings.Join(strings.Fields(b.Stories[next].Headline), " ")))
				summary, _, _ = strings.Cut(summary, "\n")
				checkWordCut(t, summary, render.Escape(strings.Join(strings.Fields(b.Stories[next].Summary), " ")))
				want = append(want, fmt.Sprint(next))
				next++
			}
		}
		if got := menuValues(m); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("message %d: menu %v, want one option per story shown %v", i, got, want)
		}
	}
	if next != len(b.Stories) {
		t.Errorf("messages show %d stories in order, want %d", next, len(b.Stories))
	}
	last := msgs[len(msgs)-1]
	if shown := render.Shown(last.Content, last.Embeds, nil); !strings.Contains(shown, "100 more stories not shown.") {
		t.Errorf("the last message ends %q, want the left-out counts", shown[max(0, len(shown)-200):])
	}
}

// checkWordCut fails unless got is full, or a prefix of full cut at a
// space and ended with an ellipsis.
func checkWordCut(t *testing.T, got, full string) {
	t.Helper()
	if got == full {
		return
	}
	// Whole sentences, or words ended with an ellipsis.
	kept, _ := strings.CutSuffix(got, "…")
	if !strings.HasPrefix(full, kept+" ") {
		t.Errorf("%.60q… is not %.60q… cut between words", got, full)
	}
}

// menuValues lists the values of a message's story menu.
func menuValues(m *discordgo.MessageSend) []string {
	var vals []string
	for _, c := range m.Components {
		for _, x := range c.(discordgo.ActionsRow).Components {
			if menu, ok := x.(discordgo.SelectMenu); ok {
				for _, o := range menu.Options {
					vals = append(vals, o.Value)
				}
			}
		}
	}
	return vals
}

func TestDigestDeterministic(t *testing.T) {
	a, _ := json.Marshal(render.Digest(render.English, hugeBriefing(12, 8), 1, nil))
	b, _ := json.Marshal(render.Digest(render.English, hugeBriefing(12, 8), 1, nil))
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
		for _, l := range []render.Locale{render.English, render.German} {
			MustFit(t, render.Digest(l, b, int64(n), nil)...)
		}
	})
}
