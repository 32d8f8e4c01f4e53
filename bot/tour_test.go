package bot_test

import (
	"context"
	"fmt"
	"html"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/discordtest"
)

// The tour: every command, every button and menu, a mention and a
// scheduled post, in the local Discord, as a new user would try them.
// Everything anyone reads must fit Discord and read well (render.Readable:
// no file path, no raw error, no repeated headline, no label cut in a
// word). With NEWSBRIEF_TOUR=file.html it also writes what Discord would
// show, 400 px wide like a phone, for a person to look at.
func TestTour(t *testing.T) {
	h := newHarness(t)
	ch := h.dc.ChannelID
	var seen []tourStop
	look := func(what string, r discordtest.Response) {
		t.Helper()
		if r.Data == nil {
			t.Errorf("%s: no answer", what)
			return
		}
		seen = append(seen, tourStop{what: what, private: r.Ephemeral, content: r.Data.Content, embeds: r.Data.Embeds, comps: r.Data.Components})
		if err := render.Readable(r.Data.Content, r.Data.Embeds, r.Data.Components); err != nil {
			t.Errorf("%s reads wrong: %v", what, err)
		}
	}
	posted := 0
	lookChannel := func(what string) {
		t.Helper()
		msgs := h.dc.Messages(ch)
		for _, m := range msgs[posted:] {
			seen = append(seen, tourStop{what: what, content: m.Content, embeds: m.Embeds, comps: m.Components})
			if err := render.Readable(m.Content, m.Embeds, m.Components); err != nil {
				t.Errorf("%s: a public message reads wrong: %v", what, err)
			}
		}
		posted = len(msgs)
	}

	look("/help", h.command(ch, 0, "help", ""))
	r := h.command(ch, 0, "search", "", "query", "the")
	look("/search query:the", r)
	if next := findButton(r.Data.Components, "search:1:"); next != "" {
		look("Next", h.interact(discordtest.Interaction{Type: discordgo.InteractionMessageComponent, CustomID: next, ChannelID: ch, MessageID: r.MessageID}))
	}
	look("/search query:tram since:2000-01-01", h.command(ch, 0, "search", "", "query", "tram", "since", "2000-01-01"))
	look("/search query:zeppelin", h.command(ch, 0, "search", "", "query", "zeppelin"))
	look("/article id:1", h.command(ch, 0, "article", "", "id", "1"))
	look("/article id:999", h.command(ch, 0, "article", "", "id", "999"))
	url := page(t, "Harbour ferry returns", "<p>The harbour ferry returned to service on Monday after a two-week repair of its engines.</p><p>Passengers queued from early morning, and the operator said timetables are back to normal.</p>")
	look("/summarize a page", h.command(ch, 0, "summarize", "", "target", url))
	look("/summarize an unreachable page", h.command(ch, 0, "summarize", "", "target", "http://"+closedAddr(t)+"/news"))
	look("/feeds add", h.command(ch, admin, "feeds", "add", "url", rssFeed(t), "name", "Quay Gazette"))
	look("/feeds add a page", h.command(ch, admin, "feeds", "add", "url", url))
	look("/feeds list", h.command(ch, admin, "feeds", "list"))
	look("/feeds remove", h.command(ch, admin, "feeds", "remove", "feed", "Quay Gazette"))
	look("/schedule set, too often", h.command(ch, admin, "schedule", "set", "cron", "* * * * *"))
	look("/schedule set, a bad zone", h.command(ch, admin, "schedule", "set", "cron", "0 8 * * *", "timezone", "Mars/Olympus"))
	look("/schedule set", h.command(ch, admin, "schedule", "set", "cron", "0 * * * *", "timezone", "Europe/Berlin"))
	look("/schedule show", h.command(ch, admin, "schedule", "show"))
	look("/digest latest, before any", h.command(ch, 0, "digest", "latest"))

	// The scheduled briefing, then its menu and /digest latest.
	top := h.clock.Now().Truncate(time.Hour).Add(time.Hour)
	h.advanceTo(top.Add(time.Second))
	waitFor(t, "the scheduled briefing", func() bool { return len(h.dc.Messages(ch)) > 0 })
	time.Sleep(100 * time.Millisecond)
	lookChannel("the scheduled briefing")
	msgs := h.dc.Messages(ch)
	if menu, values := findMenu(msgs[0].Components, "story:"); menu == "" {
		t.Errorf("the briefing has no story menu")
	} else {
		look("More on story 1", h.interact(discordtest.Interaction{Type: discordgo.InteractionMessageComponent, CustomID: menu, Values: values[:1], ChannelID: ch, MessageID: msgs[0].ID}))
	}
	look("/digest latest", h.command(ch, 0, "digest", "latest"))
	look("/digest now, nothing new", h.command(ch, 0, "digest", "now"))
	look("/schedule off", h.command(ch, admin, "schedule", "off"))

	// Mentions: a link, and a question.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	h.dc.Mention(ctx, ch, "", "<"+url+">")
	h.dc.Mention(ctx, ch, "", "what happened to the tram line?")
	if _, err := h.dc.WaitMessages(ctx, ch, posted+2); err != nil {
		t.Errorf("the mentions were not answered: %v", err)
	}
	lookChannel("replies to mentions")

	if out := os.Getenv("NEWSBRIEF_TOUR"); out != "" {
		if err := os.WriteFile(out, []byte(tourHTML(seen)), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", out)
	}
}

// tourStop is one message seen on the tour.
type tourStop struct {
	what    string
	private bool
	content string
	embeds  []*discordgo.MessageEmbed
	comps   []discordgo.MessageComponent
}

// tourHTML draws the messages roughly as Discord's dark theme does on a
// phone, 400 px wide: enough to see what people see.
func tourHTML(stops []tourStop) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><meta charset="utf-8"><style>
body{background:#313338;color:#dbdee1;font:15px/1.375 "gg sans","Noto Sans",sans-serif;width:400px;margin:0;padding:8px}
.what{color:#949ba4;font-size:12px;margin:14px 0 2px}.private{color:#949ba4;font-size:12px}
.embed{background:#2b2d31;border-left:4px solid #1e1f22;border-radius:4px;padding:8px 12px;margin:4px 0}
.title{font-weight:600;color:#f2f3f5}a{color:#00a8fc;text-decoration:none}.field{font-weight:600;margin-top:6px}
.footer{color:#b5bac1;font-size:12px;margin-top:6px}.ts{background:#3f4147;border-radius:3px;padding:0 2px}
.menu{background:#1e1f22;border-radius:4px;padding:8px;margin:4px 0;color:#949ba4}.btn{display:inline-block;background:#4e5058;color:#fff;border-radius:3px;padding:2px 12px;margin:4px 4px 0 0}
code{background:#2b2d31;border-radius:3px;padding:0 3px;font-size:13px}</style>`)
	for _, s := range stops {
		fmt.Fprintf(&b, `<div class="what">%s</div>`, html.EscapeString(s.what))
		if s.private {
			b.WriteString(`<div class="private">👁 Only you can see this</div>`)
		}
		if s.content != "" {
			b.WriteString("<div>" + tourMarkdown(s.content) + "</div>")
		}
		for _, e := range s.embeds {
			b.WriteString(`<div class="embed">`)
			if e.Author != nil {
				fmt.Fprintf(&b, `<div class="footer">%s</div>`, html.EscapeString(e.Author.Name))
			}
			if e.Title != "" {
				title := tourMarkdown(e.Title)
				if e.URL != "" {
					title = `<a href="#">` + title + `</a>`
				}
				b.WriteString(`<div class="title">` + title + `</div>`)
			}
			if e.Description != "" {
				b.WriteString("<div>" + tourMarkdown(e.Description) + "</div>")
			}
			for _, f := range e.Fields {
				b.WriteString(`<div class="field">` + tourMarkdown(f.Name) + "</div><div>" + tourMarkdown(f.Value) + "</div>")
			}
			if e.Footer != nil {
				fmt.Fprintf(&b, `<div class="footer">%s</div>`, html.EscapeString(e.Footer.Text))
			}
			b.WriteString("</div>")
		}
		for _, c := range s.comps {
			row, ok := c.(discordgo.ActionsRow)
			if p, isPtr := c.(*discordgo.ActionsRow); isPtr {
				row, ok = *p, true
			}
			if !ok {
				continue
			}
			for _, x := range row.Components {
				switch v := x.(type) {
				case discordgo.SelectMenu:
					fmt.Fprintf(&b, `<div class="menu">%s ⌄</div>`, html.EscapeString(v.Placeholder))
				case *discordgo.SelectMenu:
					fmt.Fprintf(&b, `<div class="menu">%s ⌄</div>`, html.EscapeString(v.Placeholder))
				case discordgo.Button:
					fmt.Fprintf(&b, `<span class="btn">%s</span>`, html.EscapeString(v.Label))
				case *discordgo.Button:
					fmt.Fprintf(&b, `<span class="btn">%s</span>`, html.EscapeString(v.Label))
				}
			}
		}
	}
	return b.String()
}

var (
	tourLink  = regexp.MustCompile(`\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)\)`)
	tourBold  = regexp.MustCompile(`\*\*(.+?)\*\*`)
	tourItal  = regexp.MustCompile(`(^|[^\\*])\*([^*\n]+?)\*`)
	tourCode  = regexp.MustCompile("`([^`]+)`")
	tourStamp = regexp.MustCompile(`&lt;t:(\d+):([a-zA-Z])&gt;`)
	tourEsc   = regexp.MustCompile(`\\([^0-9A-Za-z\s])`)
)

// tourMarkdown renders the Markdown Discord renders in messages.
func tourMarkdown(s string) string {
	s = html.EscapeString(s)
	s = tourStamp.ReplaceAllStringFunc(s, func(m string) string {
		sub := tourStamp.FindStringSubmatch(m)
		n, _ := strconv.ParseInt(sub[1], 10, 64)
		layout := "2 January 2006 15:04"
		if sub[2] == "R" {
			layout = "2 Jan, 15:04"
		}
		return `<span class="ts">` + time.Unix(n, 0).UTC().Format(layout) + `</span>`
	})
	s = tourLink.ReplaceAllString(s, `<a href="#">$1</a>`)
	// Discord shows code as written: no emphasis or escapes inside.
	var out strings.Builder
	last := 0
	for _, m := range tourCode.FindAllStringSubmatchIndex(s, -1) {
		out.WriteString(tourEmphasis(s[last:m[0]]))
		out.WriteString("<code>" + s[m[2]:m[3]] + "</code>")
		last = m[1]
	}
	out.WriteString(tourEmphasis(s[last:]))
	return strings.ReplaceAll(out.String(), "\n", "<br>")
}

func tourEmphasis(s string) string {
	s = tourBold.ReplaceAllString(s, "<b>$1</b>")
	s = tourItal.ReplaceAllString(s, "$1<i>$2</i>")
	return tourEsc.ReplaceAllString(s, "$1")
}
