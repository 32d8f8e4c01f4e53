package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/news"
)

// manageServer is the permission that commands changing a channel's
// configuration require (set as default_member_permissions, and checked
// again on receipt: server admins can override the default).
var manageServer int64 = discordgo.PermissionManageGuild

func strOpt(name, desc string, required, autocomplete bool) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString,
		Name: name, Description: desc, Required: required, Autocomplete: autocomplete}
}

func sub(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand,
		Name: name, Description: desc, Options: opts}
}

// commands are the slash commands; their names are an interface scripts
// and docs rely on.
func commands() []*discordgo.ApplicationCommand {
	noDM := false
	return []*discordgo.ApplicationCommand{
		{Name: "digest", Description: "News briefings for this channel", DMPermission: &noDM, Options: []*discordgo.ApplicationCommandOption{
			sub("now", "Build and post a briefing of this channel's news now"),
			sub("latest", "Show the last briefing posted here"),
		}},
		{Name: "search", Description: "Search the stored articles", Options: []*discordgo.ApplicationCommandOption{
			strOpt("query", "Words to look for; \"quoted phrases\" stay together", true, false),
			strOpt("since", "Only articles from this long ago, e.g. 12h, 7d", false, false),
			strOpt("feed", "Only articles from this feed", false, true),
		}},
		{Name: "article", Description: "Show one stored article with its summary", Options: []*discordgo.ApplicationCommandOption{
			strOpt("id", "The article's number, or start typing its title", true, true),
		}},
		{Name: "summarize", Description: "Summarize a web page or a stored article", Options: []*discordgo.ApplicationCommandOption{
			strOpt("target", "A link to an article, or a stored article's number", true, false),
		}},
		{Name: "feeds", Description: "This channel's feed subscriptions", DMPermission: &noDM, DefaultMemberPermissions: &manageServer,
			Options: []*discordgo.ApplicationCommandOption{
				sub("add", "Subscribe this channel to a feed", strOpt("url", "The feed's address (RSS, Atom or JSON Feed)", true, false), strOpt("name", "A name to show for it", false, false)),
				sub("remove", "Unsubscribe this channel from a feed", strOpt("feed", "The feed to remove", true, true)),
				sub("list", "List this channel's feeds"),
			}},
		{Name: "schedule", Description: "When this channel gets its briefing", DMPermission: &noDM, DefaultMemberPermissions: &manageServer,
			Options: []*discordgo.ApplicationCommandOption{
				sub("set", "Post a briefing on a cron schedule", strOpt("cron", "Minute hour day month weekday, e.g. 0 8 * * 1-5", true, false),
					strOpt("timezone", "IANA time zone, e.g. Europe/Berlin (default UTC)", false, true)),
				sub("show", "Show the schedule and its next three runs"),
				sub("off", "Stop posting scheduled briefings here"),
			}},
		{Name: "help", Description: "What newsbrief can do"},
	}
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
	b.log.Info("bot: slash commands registered", "count", len(cmds), "guild", b.cfg.GuildID)
	return b.st.SetValue(ctx, key, hash)
}
