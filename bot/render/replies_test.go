package render_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/news"
)

func TestRepliesGolden(t *testing.T) {
	story := normalBriefing().Stories[0]
	article := news.Article{ID: 11, URL: "https://news.example/storm", Title: "@everyone: storm *closes* roads",
		Source: "https://www.news.example/feed.xml", PublishedAt: from}
	hits := []render.SearchHit{
		{ID: 11, Title: "Storm closes coastal roads", URL: "https://news.example/storm", Outlet: "News Example", Snippet: "Heavy rain closed the coast road.", Published: from},
		{ID: 31, Title: "New telescope", Source: "/srv/news/telescope.txt", Snippet: "First light at 21:00."},
	}
	help := []render.HelpEntry{
		{Usage: "/search query:<query> [since] [feed]", Description: "Search the stored articles", Example: "/search query:storm since:7d"},
		{Usage: "/feeds add url:<url> [name]", Description: "Subscribe this channel to a feed", Example: "/feeds add url:https://example.com/rss", Manage: true},
	}
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		name string
		got  *discordgo.InteractionResponseData
	}{
		{"story", render.Story(render.English, story, []string{"Heavy rain closed the coast road overnight.", "Crews expect to reopen it by noon."}, nil)},
		{"story_fallback_summary", render.Story(render.English, normalBriefing().Stories[2], nil, nil)},
		{"story_update", render.Story(render.English, normalBriefing().Stories[1], nil, map[int64]string{6: "https://discord.com/channels/1/123/456"})},
		{"more_stories", render.MoreStories(render.English, normalBriefing())},
		{"digest_latest", render.DigestReply(render.English, normalBriefing(), 42, nil)},
		{"search", render.Search(render.English, "storm", hits, 1, 10, true, "st:abc")},
		{"search_first_last", render.Search(render.English, "storm", hits, 0, 10, false, "st:abc")},
		{"search_first", render.Search(render.English, "storm", hits, 0, 10, true, "st:abc")},
		{"search_last_empty", render.Search(render.English, "storm", nil, 2, 10, false, "st:abc")},
		{"search_empty", render.Search(render.English, "*nothing*", nil, 0, 10, false, "st:abc")},
		{"article", render.Article(render.English, article, []string{"Rain closed roads.", "They reopen at noon."})},
		{"article_file", render.Article(render.English, news.Article{ID: 31, Source: "/srv/news/telescope.txt", FetchedAt: from}, nil)},
		{"summary", render.Summary(render.English, news.Article{Title: "Storm", URL: "https://news.example/storm", Source: "https://news.example/feed.xml", Outlet: "News Example"}, []string{"Rain fell."}, "llm")},
		{"feeds", render.Feeds(render.English, []render.FeedRow{
			{Name: "News Example", URL: "https://news.example/feed.xml", Status: "ok", LastPolled: from},
			{URL: "https://local.example/rss", Status: "failing: 503 (3 times)"},
		})},
		{"feeds_empty", render.Feeds(render.English, nil)},
		{"schedule", render.Schedule(render.English, "0 9 * * *", "Europe/Paris", []time.Time{to.In(cet), to.Add(24 * time.Hour).In(cet)}, "", false)},
		{"schedule_saved", render.Schedule(render.English, "0 9 * * *", "Europe/Paris", []time.Time{to.In(cet)}, "", true)},
		{"schedule_paused", render.Schedule(render.English, "0 9 * * 1-5", "", nil, "the bot may not post here (Missing Permissions, 50013)", false)},
		{"help", render.Help(render.English, help)},
		{"error", render.Error("That feed is not subscribed:\n https://x.example/a_b")},
		{"notice", render.Notice("Subscribed to **News Example**.")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			MustCheckData(t, tt.got)
			golden(t, tt.name, tt.got)
			goldenShown(t, tt.name, render.Shown(tt.got.Content, tt.got.Embeds, tt.got.Components))
		})
	}
}

func TestMessagesGolden(t *testing.T) {
	tests := []struct {
		name string
		got  *discordgo.MessageSend
	}{
		{"summary_message", render.SummaryMessage(render.English, news.Article{Title: "Storm", Source: "/srv/news/storm.txt"}, []string{"Rain fell."}, "extractive")},
		{"answer", render.AnswerMessage(render.English, render.AnswerView{Question: "what happened to the coast road @here?", Answered: true,
			Lines: []render.AnswerLine{
				{Text: "Heavy rain closed the coast road overnight.", Cites: []int{1, 2}},
				{Text: "Crews expect to reopen it by noon.", Cites: []int{1}},
			},
			Sources: []render.AnswerSource{
				{ID: 11, Title: "Storm closes coastal roads", URL: "https://news.example/storm", Outlet: "News Example", Published: from},
				{ID: 31, Title: "Rain: what we know", Outlet: "news"},
			}})},
		{"answer_llm", render.AnswerMessage(render.English, render.AnswerView{Question: "what happened to the coast road?", Answered: true, ByLLM: true,
			Lines:   []render.AnswerLine{{Text: "Rain closed the coast road overnight [1], and crews hope to reopen it by noon [2]."}},
			Sources: []render.AnswerSource{{ID: 11, Title: "Storm closes coastal roads", URL: "https://news.example/storm", Outlet: "News Example"}, {ID: 31, Title: "Rain: what we know", Outlet: "news"}}})},
		{"answer_none", render.AnswerMessage(render.English, render.AnswerView{Question: "Zaporizhzhia?", Note: "Nothing stored mentions Zaporizhzhia."})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			MustCheck(t, tt.got)
			golden(t, tt.name, tt.got)
			goldenShown(t, tt.name, render.Shown(tt.got.Content, tt.got.Embeds, tt.got.Components))
		})
	}
}

// TestRepliesHuge feeds every reply more than a message can hold.
func TestRepliesHuge(t *testing.T) {
	long := strings.Repeat("word *x* @everyone ", 400)
	story := hugeBriefing(1, 300).Stories[0]
	var hits []render.SearchHit
	var sources []render.AnswerSource
	var lines []render.AnswerLine
	var feeds []render.FeedRow
	for i := range 200 {
		u := fmt.Sprintf("https://example.com/%d/%s", i, strings.Repeat("p/", 500))
		hits = append(hits, render.SearchHit{ID: int64(i), Title: long, URL: u, Snippet: long, Published: from})
		sources = append(sources, render.AnswerSource{ID: int64(i), Title: long, URL: u, Outlet: long, Published: from})
		lines = append(lines, render.AnswerLine{Text: long, Cites: []int{i + 1, 1}})
		feeds = append(feeds, render.FeedRow{Name: long, URL: u, Status: long})
	}
	var help []render.HelpEntry
	for i := range 200 {
		help = append(help, render.HelpEntry{Usage: fmt.Sprintf("/cmd%d %s", i, long), Description: long, Example: long, Manage: i%2 == 0})
	}
	var next []time.Time
	for i := range 500 {
		next = append(next, from.Add(time.Duration(i)*time.Hour))
	}
	for name, d := range map[string]*discordgo.InteractionResponseData{
		"story":    render.Story(render.English, story, []string{long, long}, nil),
		"more":     render.MoreStories(render.English, hugeBriefing(60, 3)),
		"latest":   render.DigestReply(render.English, hugeBriefing(60, 30), 1, nil),
		"search":   render.Search(render.English, long, hits, 3, 200, true, strings.Repeat("s", 60)),
		"article":  render.Article(render.English, news.Article{ID: 1, Title: long, URL: hits[0].URL, Source: long}, []string{long, long}),
		"summary":  render.Summary(render.English, news.Article{Title: long, URL: "not a url", Outlet: long}, []string{long}, long),
		"feeds":    render.Feeds(render.English, feeds),
		"schedule": render.Schedule(render.English, long, long, next, long, true),
		"help":     render.Help(render.English, help),
		"error":    render.Error(long),
		"notice":   render.Notice(long),
	} {
		if err := render.CheckData(d); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, m := range []*discordgo.MessageSend{render.AnswerMessage(render.English, render.AnswerView{Question: long, Answered: true, Lines: lines, Sources: sources}), render.SummaryMessage(render.English, news.Article{Title: long, Outlet: long}, []string{long}, "")} {
		if err := render.Check(m); err != nil {
			t.Error(err)
		}
	}
}

func TestSearchLongStateHasNoButtons(t *testing.T) {
	d := render.Search(render.English, "q", []render.SearchHit{{ID: 1, Title: "t"}}, 0, 10, true, strings.Repeat("s", 61))
	if len(d.Components) != 0 {
		t.Errorf("got %d component rows for a state too long for a custom ID", len(d.Components))
	}
	MustCheckData(t, d)
}

func TestCheck(t *testing.T) {
	ok := func() *discordgo.MessageSend {
		return &discordgo.MessageSend{Content: "hi", AllowedMentions: render.NoMentions()}
	}
	embeds := func(n, size int) []*discordgo.MessageEmbed {
		var es []*discordgo.MessageEmbed
		for range n {
			es = append(es, &discordgo.MessageEmbed{Description: strings.Repeat("x", size)})
		}
		return es
	}
	button := func(id string) discordgo.MessageComponent {
		return discordgo.Button{Label: "b", CustomID: id}
	}
	row := func(cs ...discordgo.MessageComponent) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: cs}
	}
	tests := []struct {
		name    string
		edit    func(m *discordgo.MessageSend)
		wantErr string
	}{
		{"valid", func(m *discordgo.MessageSend) {}, ""},
		{"no allowed mentions", func(m *discordgo.MessageSend) { m.AllowedMentions = nil }, "allowed_mentions"},
		{"empty", func(m *discordgo.MessageSend) { m.Content = "" }, "empty"},
		{"content", func(m *discordgo.MessageSend) { m.Content = strings.Repeat("é", 2001) }, "content"},
		{"content at limit", func(m *discordgo.MessageSend) { m.Content = strings.Repeat("é", 2000) }, ""},
		{"11 embeds", func(m *discordgo.MessageSend) { m.Embeds = embeds(11, 1) }, "11 embeds"},
		{"total", func(m *discordgo.MessageSend) { m.Embeds = embeds(2, 3001) }, "6002"},
		{"description", func(m *discordgo.MessageSend) { m.Embeds = embeds(1, 4097) }, "description"},
		{"title", func(m *discordgo.MessageSend) {
			m.Embeds = []*discordgo.MessageEmbed{{Title: strings.Repeat("x", 257)}}
		}, "title"},
		{"empty field", func(m *discordgo.MessageSend) {
			m.Embeds = []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "n"}}}}
		}, "field 0"},
		{"footer", func(m *discordgo.MessageSend) {
			m.Embeds = []*discordgo.MessageEmbed{{Footer: &discordgo.MessageEmbedFooter{Text: strings.Repeat("x", 2049)}}}
		}, "footer"},
		{"bad url", func(m *discordgo.MessageSend) { m.Embeds = []*discordgo.MessageEmbed{{Title: "t", URL: "/srv/x"}} }, "url"},
		{"bad timestamp", func(m *discordgo.MessageSend) {
			m.Embeds = []*discordgo.MessageEmbed{{Title: "t", Timestamp: "yesterday"}}
		}, "timestamp"},
		{"6 buttons", func(m *discordgo.MessageSend) {
			m.Components = []discordgo.MessageComponent{row(button("1"), button("2"), button("3"), button("4"), button("5"), button("6"))}
		}, "6 buttons"},
		{"6 rows", func(m *discordgo.MessageSend) {
			for i := range 6 {
				m.Components = append(m.Components, row(button(fmt.Sprint(i))))
			}
		}, "6 action rows"},
		{"duplicate id", func(m *discordgo.MessageSend) {
			m.Components = []discordgo.MessageComponent{row(button("a"), button("a"))}
		}, "twice"},
		{"long id", func(m *discordgo.MessageSend) {
			m.Components = []discordgo.MessageComponent{row(button(strings.Repeat("i", 101)))}
		}, "custom_id"},
		{"long label", func(m *discordgo.MessageSend) {
			m.Components = []discordgo.MessageComponent{row(discordgo.Button{Label: strings.Repeat("l", 81), CustomID: "x"})}
		}, "label"},
		{"bare button", func(m *discordgo.MessageSend) { m.Components = []discordgo.MessageComponent{button("x")} }, "not an action row"},
		{"26 options", func(m *discordgo.MessageSend) {
			menu := discordgo.SelectMenu{CustomID: "m"}
			for i := range 26 {
				menu.Options = append(menu.Options, discordgo.SelectMenuOption{Label: "o", Value: fmt.Sprint(i)})
			}
			m.Components = []discordgo.MessageComponent{row(menu)}
		}, "26 options"},
		{"long option", func(m *discordgo.MessageSend) {
			menu := discordgo.SelectMenu{CustomID: "m", Options: []discordgo.SelectMenuOption{{Label: "o", Value: "v", Description: strings.Repeat("d", 101)}}}
			m.Components = []discordgo.MessageComponent{row(menu)}
		}, "description"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ok()
			tt.edit(m)
			err := render.Check(m)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Check: %v, want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Check: %v, want an error mentioning %q", err, tt.wantErr)
			}
		})
	}
}
