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

// handleInteraction routes an interaction to its table entry; the adapter
// answers it.
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
	req := &request{i: i, l: render.LocaleFor(string(i.Locale)), opts: optionMap(data.Options)}
	key := data.Name
	if len(data.Options) > 0 && data.Options[0].Type == discordgo.ApplicationCommandOptionSubCommand {
		key += " " + data.Options[0].Name
		req.opts = optionMap(data.Options[0].Options)
	}
	r, ok := b.routes[key]
	switch {
	case !ok:
		b.answer(ctx, i, mode{private: true}, refuse("This command is not known to this version of newsbrief."))
	case r.manage && !canManage(i):
		b.answer(ctx, i, r.mode, refuse("Changing this channel's feeds or schedule needs the Manage Server permission."))
	default:
		b.answer(ctx, i, r.mode, func(ctx context.Context) (*discordgo.InteractionResponseData, error) {
			return r.handle(b, ctx, req)
		})
	}
}

func (b *Bot) handleComponent(ctx context.Context, i *discordgo.Interaction) {
	data := i.MessageComponentData()
	id := data.CustomID
	for _, c := range b.components {
		if strings.HasPrefix(id, c.prefix) {
			req := &request{i: i, l: render.LocaleFor(string(i.Locale)), customID: id, values: data.Values}
			b.answer(ctx, i, c.mode, func(ctx context.Context) (*discordgo.InteractionResponseData, error) {
				return c.handle(b, ctx, req)
			})
			return
		}
	}
	b.answer(ctx, i, mode{private: true}, refuse("This button is from an older version of newsbrief; run the command again."))
}

// refuse is a handler that answers with an error the user can act on.
func refuse(msg string) func(context.Context) (*discordgo.InteractionResponseData, error) {
	return func(context.Context) (*discordgo.InteractionResponseData, error) {
		return nil, news.Errorf(news.EINVALID, "%s", msg)
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

// notFound is an error a user can act on.
func notFound(format string, args ...any) error {
	return news.Errorf(news.ENOTFOUND, format, args...)
}
