package bot

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/news"
)

// deferAfter is how long the adapter waits for a handler before it
// acknowledges the interaction with a deferral: Discord drops an
// interaction not acknowledged within 3 s, and the rest of that budget
// is the round trip.
const deferAfter = 1500 * time.Millisecond

// result is a handler's answer.
type result struct {
	data *discordgo.InteractionResponseData
	err  error
}

// errPanicked stands for a handler that panicked: the user is told
// something went wrong, the log has the stack.
var errPanicked = errors.New("bot: the handler panicked")

// answer is the one place that speaks Discord's interaction reply
// protocol. It runs the handler; a quick answer is the initial response,
// a slow one is deferred first (at once for slow routes, else after
// deferAfter) and then completed by editing the reply. Errors become a
// sentence for the user, privately whenever the protocol allows.
func (b *Bot) answer(ctx context.Context, i *discordgo.Interaction, m mode, run func(context.Context) (*discordgo.InteractionResponseData, error)) {
	// The handler has the reply window; the answer itself goes out on ctx.
	hctx, cancel := context.WithTimeout(ctx, replyWindow)
	defer cancel()
	results := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				b.log.Error("bot: handler panicked", "command", commandName(i), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				results <- result{err: errPanicked}
			}
		}()
		data, err := run(hctx)
		results <- result{data, err}
	}()
	if !m.slow {
		timer := time.NewTimer(deferAfter)
		select {
		case r := <-results:
			timer.Stop()
			b.respond(ctx, i, m, r)
			return
		case <-timer.C:
		}
	}
	deferred := b.deferResponse(ctx, i, m)
	r := <-results // the handler finishes either way, so shutdown can wait for it
	if deferred {
		b.complete(ctx, i, m, r)
	}
}

// respond gives the handler's answer as the initial response.
func (b *Bot) respond(ctx context.Context, i *discordgo.Interaction, m mode, r result) {
	switch {
	case r.err != nil:
		// Not acknowledged yet: the error can be the asker's alone even
		// when the answer would have been public or an update.
		b.callback(ctx, i, discordgo.InteractionResponseChannelMessageWithSource, withVisibility(b.errorReply(i, r.err), true))
	case m.update:
		b.callback(ctx, i, discordgo.InteractionResponseUpdateMessage, withVisibility(r.data, false))
	default:
		b.callback(ctx, i, discordgo.InteractionResponseChannelMessageWithSource, withVisibility(r.data, m.private))
	}
}

// deferResponse acknowledges an interaction whose answer is not ready:
// a component that updates its message defers the update, anything else
// shows "thinking…" to whoever will see the answer.
func (b *Bot) deferResponse(ctx context.Context, i *discordgo.Interaction, m mode) bool {
	if m.update {
		return b.callback(ctx, i, discordgo.InteractionResponseDeferredMessageUpdate, nil)
	}
	return b.callback(ctx, i, discordgo.InteractionResponseDeferredChannelMessageWithSource,
		withVisibility(&discordgo.InteractionResponseData{}, m.private))
}

// complete turns a deferred response into its answer.
func (b *Bot) complete(ctx context.Context, i *discordgo.Interaction, m mode, r result) {
	if r.err == nil {
		b.editOriginal(ctx, i, r.data)
		return
	}
	data := b.errorReply(i, r.err)
	if m.private && !m.update {
		b.editOriginal(ctx, i, data) // the deferral is private already
		return
	}
	// The deferred message is public (or is the component's message):
	// answer the asker alone. A public "thinking…" is removed first, as
	// Discord makes the first followup after a deferral take its place
	// and its visibility.
	if !m.update {
		if err := b.session.InteractionResponseDelete(i, discordgo.WithContext(ctx)); err != nil {
			b.log.Warn("bot: removing a deferred reply", "command", commandName(i), "err", err)
		}
	}
	if _, err := b.session.FollowupMessageCreate(i, true, &discordgo.WebhookParams{
		Content: data.Content, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: render.NoMentions(),
	}, discordgo.WithContext(ctx)); err != nil {
		b.log.Warn("bot: answering an interaction", "command", commandName(i), "err", err)
	}
}

// callback sends the initial response; it reports whether Discord took it.
func (b *Bot) callback(ctx context.Context, i *discordgo.Interaction, typ discordgo.InteractionResponseType, data *discordgo.InteractionResponseData) bool {
	if data != nil && data.AllowedMentions == nil {
		data.AllowedMentions = render.NoMentions()
	}
	err := b.session.InteractionRespond(i, &discordgo.InteractionResponse{Type: typ, Data: data}, discordgo.WithContext(ctx))
	if err != nil {
		b.log.Warn("bot: answering an interaction", "command", commandName(i), "err", err)
		return false
	}
	if at, ok := ctx.Value(receivedKey{}).(time.Time); ok {
		b.cfg.Metrics.ObserveInteraction(commandName(i), time.Since(at))
	}
	return true
}

// editOriginal replaces the deferred reply (or the component's message)
// with data.
func (b *Bot) editOriginal(ctx context.Context, i *discordgo.Interaction, data *discordgo.InteractionResponseData) {
	edit := &discordgo.WebhookEdit{Content: &data.Content, AllowedMentions: render.NoMentions()}
	embeds := data.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	edit.Embeds = &embeds
	if data.Components != nil {
		edit.Components = &data.Components
	}
	if _, err := b.session.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx)); err != nil {
		b.log.Warn("bot: completing an interaction", "command", commandName(i), "err", err)
	}
}

// withVisibility marks data ephemeral or not, whatever it said before:
// the route decides who sees an answer.
func withVisibility(data *discordgo.InteractionResponseData, private bool) *discordgo.InteractionResponseData {
	if data == nil {
		data = &discordgo.InteractionResponseData{}
	}
	if private {
		data.Flags |= discordgo.MessageFlagsEphemeral
	} else {
		data.Flags &^= discordgo.MessageFlagsEphemeral
	}
	return data
}

// replyWindow bounds a handler: Discord keeps an interaction's token for
// 15 minutes, and an answer after that is lost. The LLM's part is bounded
// far sooner (ReplyLLMTimeout).
const replyWindow = 14 * time.Minute

// replyDeadline is when the LLM part of a reply begun now must end.
func (b *Bot) replyDeadline() time.Time {
	return time.Now().Add(b.cfg.ReplyLLMTimeout)
}

// receivedKey keys the time an interaction arrived in its context.
type receivedKey struct{}

// errorReply is the message a user sees for err, in their words when we
// have them.
func (b *Bot) errorReply(i *discordgo.Interaction, err error) *discordgo.InteractionResponseData {
	return render.Error(render.LocaleFor(string(i.Locale)).T(b.userError(commandName(i), err)))
}

// userError is the one sentence a user sees for err: the message of an
// error classified where it arose, else a generic one; only internal
// errors are logged, once, here.
func (b *Bot) userError(what string, err error) string {
	var ne *news.Error
	if errors.As(err, &ne) && ne.Code != news.EINTERNAL {
		return ne.Message
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "That took too long; please try again in a moment."
	}
	if !errors.Is(err, errPanicked) {
		b.log.Error("bot: command failed", "command", what, "err", err)
	}
	return "Something went wrong on our side; the details are in the bot's log."
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
