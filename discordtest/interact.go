package discordtest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Interaction describes an INTERACTION_CREATE to dispatch; zero fields get defaults.
type Interaction struct {
	Type      discordgo.InteractionType // 2 command (default), 3 component, 4 autocomplete
	Name      string                    // command name, e.g. "digest"
	Options   []*discordgo.ApplicationCommandInteractionDataOption
	CustomID  string   // components
	Values    []string // select menus
	MessageID string   // components: the message the component is on
	ChannelID string   // default s.ChannelID
	GuildID   string   // default the channel's guild
	UserID    string   // default s.UserID
	// Permissions are the member's permissions beyond what @everyone has by default (view,
	// send, read history, use application commands); e.g. discordgo.PermissionManageGuild.
	Permissions int64
	// Locale is the user's client language, e.g. "de" (default "en-US").
	Locale discordgo.Locale
}

// everyonePermissions is what a plain member of a default guild may do.
const everyonePermissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionReadMessageHistory | discordgo.PermissionUseSlashCommands |
	discordgo.PermissionEmbedLinks | discordgo.PermissionAttachFiles | discordgo.PermissionAddReactions

// appPermissions is what the bot may do in its channels.
const appPermissions = everyonePermissions | discordgo.PermissionManageMessages

// ErrNotAcknowledged is returned by Pending.Wait when the deadline for the initial response
// passed without one: the user saw "This interaction failed".
var ErrNotAcknowledged = errors.New("discordtest: interaction not acknowledged in time")

// Pending is a dispatched interaction awaiting the bot's answer.
type Pending struct {
	s  *Server
	it *interaction
	// ID and Token identify the interaction as the bot saw it.
	ID, Token string
}

// Response is the bot's final answer to an interaction.
type Response struct {
	CallbackType discordgo.InteractionResponseType
	AckAfter     time.Duration // from dispatch to the callback
	// Data is the callback data (types 4, 7, 9), or for deferred responses (5, 6) the message
	// as edited (or the first followup when @original was never edited).
	Data      *discordgo.InteractionResponseData
	Followups []discordgo.Message
	Choices   []*discordgo.ApplicationCommandOptionChoice // autocomplete (type 8)
	Ephemeral bool
	// MessageID is the reply message's ID (for its buttons); empty when
	// the answer made no message (autocomplete).
	MessageID string
}

// interaction is the server's record of one; guarded by Server.mu.
type interaction struct {
	id, token    string
	typ          discordgo.InteractionType
	channelID    string
	guildID      string
	dispatched   time.Time
	acked        bool
	callbackType discordgo.InteractionResponseType
	ackAfter     time.Duration
	data         *discordgo.InteractionResponseData
	ephemeral    bool
	original     *discordgo.Message // the reply, or the component's message for types 6/7
	componentMsg *discordgo.Message
	edited       bool
	deleted      bool
	followups    []*discordgo.Message
}

// final says whether the bot has given its last word.
func (it *interaction) final() bool {
	switch it.callbackType {
	case discordgo.InteractionResponseDeferredChannelMessageWithSource, discordgo.InteractionResponseDeferredMessageUpdate:
		// A deleted deferral is final once something replaces it.
		return it.edited || len(it.followups) > 0
	}
	return it.acked
}

// Wait returns the bot's final answer: a type 4/7/8/9 callback, or a deferred callback (5/6)
// followed by an edit of @original or a followup. It returns ErrNotAcknowledged when the
// deadline passes without a callback.
func (p *Pending) Wait(ctx context.Context) (Response, error) {
	s, it := p.s, p.it
	for {
		s.mu.Lock()
		if it.final() {
			r := it.response()
			s.mu.Unlock()
			return r, nil
		}
		late := !it.acked && time.Since(it.dispatched) > s.cfg.deadline
		ch := s.changed
		wake := time.Until(it.dispatched.Add(s.cfg.deadline)) + time.Millisecond
		s.mu.Unlock()
		if late {
			return Response{}, ErrNotAcknowledged
		}
		timer := time.NewTimer(max(wake, time.Millisecond))
		select {
		case <-ch:
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return Response{}, fmt.Errorf("discordtest: waiting for interaction %s: %w", it.id, ctx.Err())
		}
		timer.Stop()
	}
}

// response builds the Response; Server.mu must be held.
func (it *interaction) response() Response {
	r := Response{CallbackType: it.callbackType, AckAfter: it.ackAfter, Ephemeral: it.ephemeral}
	if it.original != nil {
		r.MessageID = it.original.ID
	}
	for _, f := range it.followups {
		r.Followups = append(r.Followups, *f)
	}
	switch it.callbackType {
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if it.data != nil {
			r.Choices = it.data.Choices
		}
		r.Data = it.data
	case discordgo.InteractionResponseDeferredChannelMessageWithSource, discordgo.InteractionResponseDeferredMessageUpdate:
		switch {
		case it.edited && it.original != nil:
			r.Data = responseData(it.original)
		case len(it.followups) > 0:
			r.Data = responseData(it.followups[0])
		}
	default:
		r.Data = it.data
	}
	return r
}

func responseData(m *discordgo.Message) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		Content:    m.Content,
		Embeds:     m.Embeds,
		Components: m.Components,
		Flags:      m.Flags,
	}
}
