package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/news"
)

// handler computes the answer to an interaction. It never talks to
// Discord's reply protocol itself: the adapter (answer) acknowledges,
// defers, sends or edits, and turns a returned error into words.
type handler func(b *Bot, ctx context.Context, r *request) (*discordgo.InteractionResponseData, error)

// request is what a handler gets: the interaction and its options.
type request struct {
	i *discordgo.Interaction
	// l is the asker's locale: the words of a private reply. What the bot
	// posts to the channel is in the channel's language.
	l    render.Locale
	opts map[string]string // string options by name (a subcommand's own)
	// customID is a component's custom_id, values what a menu chose.
	customID string
	values   []string
}

// mode is how the adapter answers.
type mode struct {
	// private answers only the user who asked (ephemeral), errors included.
	private bool
	// slow acknowledges at once with a deferral (a digest, an LLM, a
	// fetch) instead of waiting deferAfter for the handler first.
	slow bool
	// update replaces the message a component is on instead of answering
	// with a new one.
	update bool
}

// route is one slash command (or subcommand): its definition, who may use
// it, how it is answered and its handler.
type route struct {
	group, name string // "feeds", "add"; name is "" for a command without subcommands
	desc        string
	options     []*discordgo.ApplicationCommandOption
	example     string // for /help
	// manage: the user needs Manage Server (checked on receipt, as server
	// admins can override a command's default permission).
	manage bool
	mode
	handle handler
}

// key is the route's name as interactions carry it: "feeds add", "help".
func (r route) key() string {
	if r.name == "" {
		return r.group
	}
	return r.group + " " + r.name
}

// group describes a top-level command whose routes are subcommands.
type group struct {
	name, desc string
	guildOnly  bool // not in DMs
	// manageDefault hides the command from members without Manage Server
	// by default (default_member_permissions).
	manageDefault bool
}

// component answers the buttons of earlier replies, by custom_id prefix.
type component struct {
	prefix string
	mode
	handle handler
}

// groups and routes are the slash commands; their names and options are
// an interface that scripts and docs rely on.
func groups() []group {
	return []group{
		{name: "digest", desc: "News briefings for this channel", guildOnly: true},
		{name: "search", desc: "Search the stored articles"},
		{name: "ask", desc: "Ask a question: the answer from stored articles, with its sources"},
		{name: "article", desc: "Show one stored article with its summary"},
		{name: "summarize", desc: "Summarize a web page or a stored article"},
		{name: "feeds", desc: "This channel's feed subscriptions", guildOnly: true, manageDefault: true},
		{name: "schedule", desc: "When this channel gets its briefing", guildOnly: true, manageDefault: true},
		{name: "language", desc: "The language of this channel's briefings", guildOnly: true},
		{name: "help", desc: "What newsbrief can do"},
	}
}

func routes() []route {
	return []route{
		{group: "digest", name: "now", desc: "Build and post a briefing of this channel's news now",
			mode: mode{private: true, slow: true}, example: "/digest now", handle: (*Bot).digestNow},
		{group: "digest", name: "latest", desc: "Show the last briefing posted here",
			mode: mode{private: true}, example: "/digest latest", handle: (*Bot).digestLatest},
		{group: "search", options: []*discordgo.ApplicationCommandOption{
			strOpt("query", "Words to look for; \"quoted phrases\" stay together", true, false),
			strOpt("since", "Only articles since then: 12h, 7d or a date such as 2026-11-01", false, false),
			strOpt("feed", "Only articles from this feed", false, true),
		}, mode: mode{private: true}, example: "/search query:storm since:7d", handle: (*Bot).search},
		{group: "ask", options: []*discordgo.ApplicationCommandOption{
			strOpt("question", "What you want to know, e.g. what happened to the tram line?", true, false),
			strOpt("since", "Only articles since then: 12h, 7d or a date such as 2026-11-01", false, false),
		}, example: "/ask question:what did the council decide about the tram? since:7d", handle: (*Bot).ask},
		{group: "article", options: []*discordgo.ApplicationCommandOption{
			strOpt("id", "The article's number, or start typing its title", true, true),
		}, example: "/article id:42", handle: (*Bot).article},
		{group: "summarize", options: []*discordgo.ApplicationCommandOption{
			strOpt("target", "A link to an article, or a stored article's number", true, false),
		}, example: "/summarize target:https://example.com/news/story", handle: (*Bot).summarizeTarget},
		{group: "feeds", name: "add", desc: "Subscribe this channel to a feed", options: []*discordgo.ApplicationCommandOption{
			strOpt("url", "The feed's address (RSS, Atom or JSON Feed)", true, false),
			strOpt("name", "A name to show for it", false, false),
		}, manage: true, mode: mode{private: true, slow: true}, example: "/feeds add url:https://example.com/rss", handle: (*Bot).feedsAdd},
		{group: "feeds", name: "remove", desc: "Unsubscribe this channel from a feed", options: []*discordgo.ApplicationCommandOption{
			strOpt("feed", "The feed to remove", true, true),
		}, manage: true, mode: mode{private: true}, example: "/feeds remove feed:Example News", handle: (*Bot).feedsRemove},
		{group: "feeds", name: "list", desc: "List this channel's feeds",
			mode: mode{private: true}, example: "/feeds list", handle: (*Bot).feedsList},
		{group: "schedule", name: "set", desc: "Post a briefing on a cron schedule", options: []*discordgo.ApplicationCommandOption{
			strOpt("cron", "Minute hour day month weekday, e.g. 0 8 * * 1-5", true, false),
			strOpt("timezone", "IANA time zone, e.g. Europe/Berlin (default UTC)", false, true),
		}, manage: true, mode: mode{private: true}, example: "/schedule set cron:0 8 * * 1-5 timezone:Europe/Berlin", handle: (*Bot).scheduleSet},
		{group: "schedule", name: "show", desc: "Show the schedule and its next three runs",
			mode: mode{private: true}, example: "/schedule show", handle: (*Bot).scheduleShow},
		{group: "schedule", name: "off", desc: "Stop posting scheduled briefings here",
			manage: true, mode: mode{private: true}, example: "/schedule off", handle: (*Bot).scheduleOff},
		{group: "language", name: "set", desc: "Write this channel's briefings in a language (with an LLM)", options: []*discordgo.ApplicationCommandOption{
			strOpt("language", "A language code or name (de, French, …), or auto for the articles' own", true, false),
		}, manage: true, example: "/language set language:de", mode: mode{private: true}, handle: (*Bot).languageSet},
		{group: "language", name: "show", desc: "Show the language of this channel's briefings",
			example: "/language show", mode: mode{private: true}, handle: (*Bot).languageShow},
		{group: "help", mode: mode{private: true}, handle: (*Bot).help},
	}
}

func components() []component {
	return []component{
		{prefix: "story:", mode: mode{private: true, slow: true}, handle: (*Bot).storyMore},
		{prefix: "stories:", mode: mode{private: true}, handle: (*Bot).moreStories},
		{prefix: "search:", mode: mode{update: true}, handle: (*Bot).searchPage},
	}
}

func strOpt(name, desc string, required, autocomplete bool) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString,
		Name: name, Description: desc, DescriptionLocalizations: localizations(desc), Required: required, Autocomplete: autocomplete}
}

// localizations are a description's translations; an option takes them
// as a map, not a pointer to one.
func localizations(desc string) map[discordgo.Locale]string {
	if m := render.Localizations(desc); m != nil {
		return *m
	}
	return nil
}

// manageServer is the permission that commands changing a channel's
// configuration require by default.
const manageServer int64 = discordgo.PermissionManageGuild

// commands builds the definitions Discord is given from the groups and
// routes: a group with named routes becomes a command with subcommands.
func commands() []*discordgo.ApplicationCommand {
	rs := routes()
	var out []*discordgo.ApplicationCommand
	for _, g := range groups() {
		c := &discordgo.ApplicationCommand{Name: g.name, Description: g.desc, DescriptionLocalizations: render.Localizations(g.desc)}
		if g.guildOnly {
			noDM := false
			c.DMPermission = &noDM
		}
		if g.manageDefault {
			perm := manageServer
			c.DefaultMemberPermissions = &perm
		}
		for _, r := range rs {
			switch {
			case r.group != g.name:
			case r.name == "":
				c.Options = r.options
			default:
				c.Options = append(c.Options, &discordgo.ApplicationCommandOption{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: r.name, Description: r.desc,
					DescriptionLocalizations: localizations(r.desc), Options: r.options})
			}
		}
		out = append(out, c)
	}
	return out
}

// commandsKey names the stored hash of the registered command set.
func commandsKey(appID, guildID string) string {
	return "commands:" + appID + ":" + guildID
}

// registerCommands overwrites the application's commands in one request,
// to DISCORD_GUILD_ID when set, else globally, and only when their
// definitions changed since the last registration: global command
// updates are rate-limited and take time to spread.
func (b *Bot) registerCommands(ctx context.Context) error {
	if b.session.ShardID != 0 {
		return nil // one process registers for all
	}
	cmds := commands()
	data, err := json.Marshal(cmds)
	if err != nil {
		return fmt.Errorf("bot: encoding commands: %w", err)
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	key := commandsKey(b.AppID(), b.cfg.GuildID)
	if old, err := b.st.Value(ctx, key); err == nil && old == hash {
		b.log.Debug("bot: slash commands unchanged")
		return nil
	} else if err != nil && news.ErrorCode(err) != news.ENOTFOUND {
		return err
	}
	if _, err := b.session.ApplicationCommandBulkOverwrite(b.AppID(), b.cfg.GuildID, cmds, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("bot: registering slash commands: %w", err)
	}
	b.log.Info("bot: slash commands registered", "count", len(cmds), "guild_id", b.cfg.GuildID)
	return b.st.SetValue(ctx, key, hash)
}

// helpEntries explains the routes for /help: usage with options as
// name:<value> (required) or [name] (optional), description and example.
func helpEntries() []render.HelpEntry {
	descs := map[string]string{}
	for _, g := range groups() {
		descs[g.name] = g.desc
	}
	var out []render.HelpEntry
	for _, r := range routes() {
		if r.example == "" {
			continue // /help itself
		}
		usage := "/" + r.key()
		for _, o := range r.options {
			if o.Required {
				usage += " " + o.Name + ":<" + o.Name + ">"
			} else {
				usage += " [" + o.Name + "]"
			}
		}
		desc := r.desc
		if desc == "" {
			desc = descs[r.group]
		}
		out = append(out, render.HelpEntry{Usage: usage, Description: desc, Example: r.example, Manage: r.manage})
	}
	return out
}
