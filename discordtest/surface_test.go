package discordtest_test

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestRESTSurface calls every route through discordgo; the server validates its own responses
// against the spec, so a shape discordgo or Discord would not produce fails here.
func TestRESTSurface(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := mustSession(t, srv)
	me, err := s.User("@me")
	if err != nil || me.ID != srv.BotUserID || !me.Bot {
		t.Errorf("User(@me) = %+v, %v", me, err)
	}
	app, err := s.Application("@me")
	if err != nil || app.ID != srv.AppID {
		t.Errorf("Application(@me) = %+v, %v", app, err)
	}
	gb, err := s.GatewayBot()
	if err != nil || gb.Shards != 1 || !strings.HasPrefix(gb.URL, "ws://127.0.0.1:") {
		t.Errorf("GatewayBot = %+v, %v", gb, err)
	}
	ch, err := s.Channel(srv.ChannelID)
	if err != nil || ch.GuildID != srv.GuildID || ch.Type != discordgo.ChannelTypeGuildText {
		t.Errorf("Channel = %+v, %v", ch, err)
	}
	m, err := s.ChannelMessageSendComplex(srv.ChannelID, &discordgo.MessageSend{
		Content: "with a file", AllowedMentions: noMentions,
		Files: []*discordgo.File{{Name: "digest.txt", ContentType: "text/plain", Reader: strings.NewReader("news")}},
	})
	if err != nil || m.Author.ID != srv.BotUserID || m.Timestamp.IsZero() {
		t.Fatalf("multipart send = %+v, %v", m, err)
	}
	content := "edited"
	if _, err := s.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: m.ID, Channel: srv.ChannelID, Content: &content}); err != nil {
		t.Errorf("edit: %v", err)
	}
	got, err := s.ChannelMessage(srv.ChannelID, m.ID)
	if err != nil || got.Content != "edited" || got.EditedTimestamp == nil {
		t.Errorf("ChannelMessage = %+v, %v", got, err)
	}
	reply, err := s.ChannelMessageSendComplex(srv.ChannelID, &discordgo.MessageSend{
		Content: "reply", AllowedMentions: noMentions, Reference: m.Reference(),
	})
	if err != nil || reply.Type != discordgo.MessageTypeReply || reply.MessageReference == nil {
		t.Errorf("reply = %+v, %v", reply, err)
	}
	if _, err := s.ChannelMessageSendComplex(srv.ChannelID, &discordgo.MessageSend{
		Content: "reply", AllowedMentions: noMentions, Reference: &discordgo.MessageReference{MessageID: "1", ChannelID: srv.ChannelID},
	}); restCode(err) != 50035 {
		t.Errorf("reply to an unknown message: %v", err)
	}
	srv.ResetViolations()
	msgs := srv.Messages(srv.ChannelID)
	if len(msgs) != 2 || msgs[0].Content != "edited" || msgs[1].MessageReference == nil || len(msgs[0].AllowedMentions) == 0 {
		t.Errorf("Messages = %+v", msgs)
	}
}

func TestDMContentVisible(t *testing.T) {
	t.Parallel()
	msgs := make(messageLog, 1)
	srv, _ := connect(t, nil, msgs.handler)
	dm := srv.AddDM(srv.UserID)
	srv.Post(testContext(t), dm, "", "hello")
	if m := msgs.next(t); m.Content != "hello" || m.GuildID != "" {
		t.Errorf("DM = %q in guild %q", m.Content, m.GuildID)
	}
}
