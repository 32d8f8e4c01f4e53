package render

import (
	"cmp"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbrief/newsbrief/news"
)

// SearchHit is one article found by a search.
type SearchHit struct {
	ID        int64
	Title     string
	URL       string
	Source    string
	Outlet    string // the publication, never a path
	Snippet   string
	Published time.Time // zero when unknown
}

// snippetMax keeps a page of ten hits well inside one description.
const snippetMax = 250

// Search renders page (from 0, as offsets count) of the hits for query:
// per hit its title in bold (linked) with its number, the snippet on a line
// of its own, then its outlet and date, with Prev and Next buttons whose
// custom IDs are SearchButtonID(page∓1, state). Prev is disabled on page 0
// and Next unless more is true; both are left out when there is only the
// one page. state is the caller's opaque token for the search; when it is
// longer than 60 runes the buttons are left out too, since their custom IDs
// could not hold it.
func Search(l Locale, query string, hits []SearchHit, page, perPage int, more bool, state string) *discordgo.InteractionResponseData {
	page = max(page, 0)
	d := &discordgo.InteractionResponseData{}
	q := line(query, 200)
	if len(hits) == 0 {
		d.Content = l.T("No articles match “%s”.", q)
		if page > 0 {
			d.Content = l.T("No more articles match “%s”.", q)
		}
	} else {
		e := &discordgo.MessageEmbed{Title: Truncate(l.T("Search: %s", q), MaxEmbedTitle)}
		lines := make([]string, len(hits))
		for i, h := range hits {
			l := "**`#" + strconv.FormatInt(h.ID, 10) + "` " + link(titleOr(h.Title, h.URL, ""), sourceTitleMax, h.URL) + "**"
			if s := line(h.Snippet, snippetMax); s != "" {
				l += "\n" + s
			}
			var meta []string
			if o := cmp.Or(h.Outlet, news.OutletOf("", h.URL, h.Source)); o != "" {
				meta = append(meta, line(o, outletMax))
			}
			if !h.Published.IsZero() {
				meta = append(meta, discordTime(h.Published, 'D'))
			}
			if len(meta) > 0 {
				l += "\n*" + strings.Join(meta, " · ") + "*"
			}
			lines[i] = l + "\n"
		}
		first := page*max(perPage, 1) + 1
		count := l.N(len(hits), "1 result", "%d results")
		if page > 0 || more {
			count = l.T("Results %d–%d", first, first+len(hits)-1)
		}
		e.Footer = &discordgo.MessageEmbedFooter{Text: count}
		d.Embeds = fill([]*discordgo.MessageEmbed{e}, lines, 1, func(n int) string {
			return "*" + l.T("and %d more on this page", n) + "*"
		})
		d.Embeds[0].Description = strings.TrimSpace(d.Embeds[0].Description)
	}
	if runes(state) <= maxState && (page > 0 || more) {
		// Disabled or not, custom IDs must differ: Prev on page 0 points at
		// page 0, Next at page 1.
		d.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: l.T("Prev"), Style: discordgo.SecondaryButton, CustomID: SearchButtonID(max(page-1, 0), state), Disabled: page == 0},
			discordgo.Button{Label: l.T("Next"), Style: discordgo.SecondaryButton, CustomID: SearchButtonID(page+1, state), Disabled: !more},
		}}}
	}
	return quiet(d)
}
