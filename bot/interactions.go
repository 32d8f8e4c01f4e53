package bot

import (
	"context"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/news"
)

func (b *Bot) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	received := time.Now()
	b.track(func(ctx context.Context) {
		b.handleInteraction(context.WithValue(ctx, receivedKey{}, received), ic.Interaction)
	})
}

// handleInteraction routes an interaction. Every path answers it: at once
// when the answer is quick, else deferred first and edited later.
func (b *Bot) handleInteraction(ctx context.Context, i *discordgo.Interaction) {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		b.handleCommand(ctx, i)
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.autocomplete(ctx, i)
	case discordgo.InteractionMessageComponent:
		b.handleComponent(ctx, i)
	}
}

func (b *Bot) handleCommand(ctx context.Context, i *discordgo.Interaction) {
	data := i.ApplicationCommandData()
	opts := optionMap(data.Options)
	subName := ""
	if len(data.Options) > 0 && data.Options[0].Type == discordgo.ApplicationCommandOptionSubCommand {
		subName = data.Options[0].Name
		opts = optionMap(data.Options[0].Options)
	}
	if (data.Name == "feeds" && subName != "list") || (data.Name == "schedule" && subName != "show") {
		if !canManage(i) {
			b.reply(ctx, i, render.Error("Changing this channel's feeds or schedule needs the Manage Server permission."))
			return
		}
	}
	switch data.Name + " " + subName {
	case "digest now":
		b.digestNow(ctx, i)
	case "digest latest":
		b.digestLatest(ctx, i)
	case "search ":
		b.search(ctx, i, opts)
	case "article ":
		b.article(ctx, i, opts["id"])
	case "summarize ":
		b.summarizeTarget(ctx, i, opts["target"])
	case "feeds add":
		b.feedsAdd(ctx, i, opts["url"], opts["name"])
	case "feeds remove":
		b.feedsRemove(ctx, i, opts["feed"])
	case "feeds list":
		b.feedsList(ctx, i)
	case "schedule set":
		b.scheduleSet(ctx, i, opts["cron"], opts["timezone"])
	case "schedule show":
		b.scheduleShow(ctx, i)
	case "schedule off":
		b.scheduleOff(ctx, i)
	case "help ":
		b.reply(ctx, i, render.Help(commands()))
	default:
		b.reply(ctx, i, render.Error("This command is not known to this version of newsbrief."))
	}
}

// optionMap flattens string options by name.
func optionMap(opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]string {
	m := map[string]string{}
	for _, o := range opts {
		if o.Type == discordgo.ApplicationCommandOptionString {
			m[o.Name] = strings.TrimSpace(o.StringValue())
		}
	}
	return m
}

// canManage checks the Manage Server permission on receipt: the command's
// default permission can be overridden by server admins, and a command
// registered before a permission change may linger.
func canManage(i *discordgo.Interaction) bool {
	if i.Member == nil {
		return false // DMs: no server to manage
	}
	p := i.Member.Permissions
	return p&discordgo.PermissionAdministrator != 0 || p&discordgo.PermissionManageGuild != 0
}

func (b *Bot) handleComponent(ctx context.Context, i *discordgo.Interaction) {
	id := i.MessageComponentData().CustomID
	switch {
	case strings.HasPrefix(id, "story:"):
		b.storyMore(ctx, i, id)
	case strings.HasPrefix(id, "search:"):
		b.searchPage(ctx, i, id)
	default:
		b.reply(ctx, i, render.Error("This button is from an older version of newsbrief; run the command again."))
	}
}

// notFound is an error a user can act on.
func notFound(format string, args ...any) error {
	return news.Errorf(news.ENOTFOUND, format, args...)
}
