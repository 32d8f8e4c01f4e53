package discordtest_test

import (
	"errors"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/discordtest"
)

// answer is how a test bot answers an interaction.
type answer func(s *discordgo.Session, i *discordgo.Interaction) error

func interactionBot(t *testing.T, opts []discordtest.Option, a answer) (*discordtest.Server, *discordgo.Session, chan error) {
	t.Helper()
	errs := make(chan error, 4)
	srv, s := connect(t, opts, func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		errs <- a(s, ic.Interaction)
	})
	registerDigest(t, srv, s)
	return srv, s, errs
}

func reply(content string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: content, AllowedMentions: noMentions},
	}
}

func TestInteractionResponses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		answer   answer
		wantType discordgo.InteractionResponseType
		want     string
		eph      bool
	}{
		{
			name: "immediate reply",
			answer: func(s *discordgo.Session, i *discordgo.Interaction) error {
				return s.InteractionRespond(i, reply("today"))
			},
			wantType: discordgo.InteractionResponseChannelMessageWithSource,
			want:     "today",
		},
		{
			name: "deferred then edited",
			answer: func(s *discordgo.Session, i *discordgo.Interaction) error {
				err := s.InteractionRespond(i, &discordgo.InteractionResponse{
					Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
					Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
				})
				if err != nil {
					return err
				}
				content := "summarised"
				embeds := []*discordgo.MessageEmbed{{Title: "Digest", Description: "news"}}
				_, err = s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, AllowedMentions: noMentions})
				return err
			},
			wantType: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			want:     "summarised",
			eph:      true,
		},
		{
			name: "deferred then followup",
			answer: func(s *discordgo.Session, i *discordgo.Interaction) error {
				err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
				if err != nil {
					return err
				}
				m, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "later", AllowedMentions: noMentions})
				if err == nil && (m == nil || m.ID == "" || m.Content != "later") {
					return errors.New("followup message not returned")
				}
				return err
			},
			wantType: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			want:     "later",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, _, errs := interactionBot(t, nil, tt.answer)
			ctx := testContext(t)
			p, err := srv.Interact(ctx, discordtest.Interaction{Name: "digest"})
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.Wait(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := <-errs; err != nil {
				t.Fatalf("bot: %v", err)
			}
			if got.CallbackType != tt.wantType || got.Data == nil || got.Data.Content != tt.want || got.Ephemeral != tt.eph {
				t.Errorf("response = type %d data %+v ephemeral %v", got.CallbackType, got.Data, got.Ephemeral)
			}
			if got.AckAfter <= 0 || got.AckAfter > time.Second {
				t.Errorf("AckAfter = %v", got.AckAfter)
			}
		})
	}
}

func TestLateAnswerIsUnknownInteraction(t *testing.T) {
	t.Parallel()
	opts := []discordtest.Option{discordtest.WithInteractionDeadline(50 * time.Millisecond)}
	srv, _, errs := interactionBot(t, opts, func(s *discordgo.Session, i *discordgo.Interaction) error {
		time.Sleep(150 * time.Millisecond)
		return s.InteractionRespond(i, reply("too late"))
	})
	ctx := testContext(t)
	p, err := srv.Interact(ctx, discordtest.Interaction{Name: "digest"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Wait(ctx); !errors.Is(err, discordtest.ErrNotAcknowledged) {
		t.Errorf("Wait = %v, want ErrNotAcknowledged", err)
	}
	if code := restCode(<-errs); code != 10062 {
		t.Errorf("late InteractionRespond code = %d, want 10062", code)
	}
}

func TestDoubleAck(t *testing.T) {
	t.Parallel()
	srv, _, errs := interactionBot(t, nil, func(s *discordgo.Session, i *discordgo.Interaction) error {
		if err := s.InteractionRespond(i, reply("one")); err != nil {
			return err
		}
		return s.InteractionRespond(i, reply("two"))
	})
	ctx := testContext(t)
	p, err := srv.Interact(ctx, discordtest.Interaction{Name: "digest"})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := p.Wait(ctx); err != nil || got.Data.Content != "one" {
		t.Errorf("Wait = %+v, %v", got, err)
	}
	if code := restCode(<-errs); code != 40060 {
		t.Errorf("second ack code = %d, want 40060", code)
	}
}

func TestExpiredTokenCannotEdit(t *testing.T) {
	t.Parallel()
	opts := []discordtest.Option{discordtest.WithTokenLifetime(100 * time.Millisecond)}
	srv, _, errs := interactionBot(t, opts, func(s *discordgo.Session, i *discordgo.Interaction) error {
		err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
		if err != nil {
			return err
		}
		time.Sleep(200 * time.Millisecond)
		content := "stale"
		_, err = s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions})
		return err
	})
	ctx := testContext(t)
	if _, err := srv.Interact(ctx, discordtest.Interaction{Name: "digest"}); err != nil {
		t.Fatal(err)
	}
	if code := restCode(<-errs); code != 50027 {
		t.Errorf("edit after token expiry code = %d, want 50027", code)
	}
}

func TestInteractionPayload(t *testing.T) {
	t.Parallel()
	seen := make(chan *discordgo.Interaction, 1)
	srv, _, errs := interactionBot(t, nil, func(s *discordgo.Session, i *discordgo.Interaction) error {
		seen <- i
		return s.InteractionRespond(i, reply("ok"))
	})
	ctx := testContext(t)
	opts := []*discordgo.ApplicationCommandInteractionDataOption{{
		Name: "add", Type: discordgo.ApplicationCommandOptionSubCommand,
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "url", Type: discordgo.ApplicationCommandOptionString, Value: "https://example.org/feed"}},
	}}
	if _, err := srv.Interact(ctx, discordtest.Interaction{Name: "feeds", Options: opts}); err == nil {
		t.Error("a member without MANAGE_GUILD could use /feeds")
	}
	p, err := srv.Interact(ctx, discordtest.Interaction{Name: "feeds", Options: opts, Permissions: discordgo.PermissionManageGuild})
	if err != nil {
		t.Fatal(err)
	}
	i := <-seen
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	if _, err := p.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	data := i.ApplicationCommandData()
	if i.AppID != srv.AppID || i.GuildID != srv.GuildID || i.ChannelID != srv.ChannelID || i.Member == nil ||
		i.Member.User.ID != srv.UserID || i.Member.Permissions&discordgo.PermissionManageGuild == 0 || i.AppPermissions == 0 || i.Version != 1 {
		t.Errorf("interaction = %+v member %+v", i, i.Member)
	}
	if data.Name != "feeds" || data.ID == "" || data.Options[0].Options[0].StringValue() != "https://example.org/feed" {
		t.Errorf("data = %+v", data)
	}
}

func TestComponentAndAutocomplete(t *testing.T) {
	t.Parallel()
	srv, _, errs := interactionBot(t, nil, func(s *discordgo.Session, i *discordgo.Interaction) error {
		switch i.Type {
		case discordgo.InteractionApplicationCommandAutocomplete:
			return s.InteractionRespond(i, &discordgo.InteractionResponse{
				Type: discordgo.InteractionApplicationCommandAutocompleteResult,
				Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "Science", Value: "science"}}},
			})
		default:
			return s.InteractionRespond(i, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseUpdateMessage,
				Data: &discordgo.InteractionResponseData{Content: "page 2 of " + i.Message.ID, Components: []discordgo.MessageComponent{}},
			})
		}
	})
	ctx := testContext(t)
	p, err := srv.Interact(ctx, discordtest.Interaction{
		Type: discordgo.InteractionApplicationCommandAutocomplete, Name: "digest",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "topic", Type: discordgo.ApplicationCommandOptionString, Value: "sci", Focused: true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Wait(ctx)
	if err != nil || <-errs != nil || len(got.Choices) != 1 || got.Choices[0].Name != "Science" {
		t.Fatalf("autocomplete = %+v, %v", got, err)
	}

	s := mustSession(t, srv)
	msg, err := s.ChannelMessageSendComplex(srv.ChannelID, &discordgo.MessageSend{
		Content: "page 1", AllowedMentions: noMentions,
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Next", Style: discordgo.PrimaryButton, CustomID: "digest:next"},
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Interact(ctx, discordtest.Interaction{Type: discordgo.InteractionMessageComponent, CustomID: "nope", MessageID: msg.ID}); err == nil {
		t.Error("Interact accepted a custom_id that is not on the message")
	}
	p, err = srv.Interact(ctx, discordtest.Interaction{Type: discordgo.InteractionMessageComponent, CustomID: "digest:next", MessageID: msg.ID})
	if err != nil {
		t.Fatal(err)
	}
	got, err = p.Wait(ctx)
	if err != nil || <-errs != nil || got.Data.Content != "page 2 of "+msg.ID {
		t.Fatalf("component = %+v, %v", got, err)
	}
	if m := srv.Messages(srv.ChannelID); len(m) != 1 || m[0].Content != "page 2 of "+msg.ID {
		t.Errorf("channel messages after update = %+v", m)
	}
}
