package bot

import (
	"context"
	"errors"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/news"
)

// reply answers an interaction at once (within Discord's 3 s).
func (b *Bot) reply(ctx context.Context, i *discordgo.Interaction, data *discordgo.InteractionResponseData) {
	b.respond(ctx, i, discordgo.InteractionResponseChannelMessageWithSource, data)
}

func (b *Bot) respond(ctx context.Context, i *discordgo.Interaction, typ discordgo.InteractionResponseType, data *discordgo.InteractionResponseData) {
	if data != nil && data.AllowedMentions == nil {
		data.AllowedMentions = render.NoMentions()
	}
	err := b.session.InteractionRespond(i, &discordgo.InteractionResponse{Type: typ, Data: data}, discordgo.WithContext(ctx))
	if err != nil {
		b.log.Warn("bot: answering an interaction", "command", commandName(i), "err", err)
		return
	}
	b.acknowledged(ctx, i)
}

// receivedKey keys the time an interaction arrived in its context.
type receivedKey struct{}

// acknowledged records how long the first answer to an interaction took.
func (b *Bot) acknowledged(ctx context.Context, i *discordgo.Interaction) {
	if at, ok := ctx.Value(receivedKey{}).(time.Time); ok {
		b.cfg.Metrics.ObserveInteraction(commandName(i), time.Since(at))
	}
}

// deferReply acknowledges an interaction whose answer may take longer than
// 3 s (LLM, fetch, digest); finish completes it by editing the reply.
func (b *Bot) deferReply(ctx context.Context, i *discordgo.Interaction, ephemeral bool) bool {
	data := &discordgo.InteractionResponseData{}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	err := b.session.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: data}, discordgo.WithContext(ctx))
	if err != nil {
		b.log.Warn("bot: deferring an interaction", "command", commandName(i), "err", err)
		return false
	}
	b.acknowledged(ctx, i)
	return true
}

// finish edits a deferred reply into its answer.
func (b *Bot) finish(ctx context.Context, i *discordgo.Interaction, data *discordgo.InteractionResponseData) {
	edit := &discordgo.WebhookEdit{Content: &data.Content, AllowedMentions: render.NoMentions()}
	if data.Embeds != nil {
		edit.Embeds = &data.Embeds
	} else {
		edit.Embeds = &[]*discordgo.MessageEmbed{}
	}
	if data.Components != nil {
		edit.Components = &data.Components
	}
	if _, err := b.session.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx)); err != nil {
		b.log.Warn("bot: completing an interaction", "command", commandName(i), "err", err)
	}
}

// userError is the one sentence a user sees for err; internal details go
// to the log only.
func (b *Bot) userError(i *discordgo.Interaction, err error) string {
	var ne *news.Error
	if errors.As(err, &ne) && ne.Code != news.EINTERNAL {
		return ne.Message
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "That took too long; please try again in a moment."
	}
	b.log.Error("bot: command failed", "command", commandName(i), "err", err)
	return "Something went wrong on our side; the details are in the bot's log."
}

// fail answers with an error, in whichever way the interaction still
// allows.
func (b *Bot) fail(ctx context.Context, i *discordgo.Interaction, deferred bool, err error) {
	data := render.Error(b.userError(i, err))
	if deferred {
		b.finish(ctx, i, data)
		return
	}
	b.reply(ctx, i, data)
}

// asResponse turns a rendered message into interaction response data.
func asResponse(m *discordgo.MessageSend, ephemeral bool) *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{Content: m.Content, Embeds: m.Embeds, Components: m.Components,
		AllowedMentions: render.NoMentions()}
	if ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return d
}

func commandName(i *discordgo.Interaction) string {
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		return i.ApplicationCommandData().Name
	case discordgo.InteractionMessageComponent:
		return i.MessageComponentData().CustomID
	}
	return i.Type.String()
}
