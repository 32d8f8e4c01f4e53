package discordtest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestMessageLimits(t *testing.T) {
	t.Parallel()
	long := func(n int) string { return strings.Repeat("x", n) }
	embeds := func(n int) []*discordgo.MessageEmbed {
		out := make([]*discordgo.MessageEmbed, n)
		for i := range out {
			out[i] = &discordgo.MessageEmbed{Title: "t"}
		}
		return out
	}
	fields := func(n int) []*discordgo.MessageEmbedField {
		out := make([]*discordgo.MessageEmbedField, n)
		for i := range out {
			out[i] = &discordgo.MessageEmbedField{Name: "n", Value: "v"}
		}
		return out
	}
	row := func(n int) discordgo.ActionsRow {
		r := discordgo.ActionsRow{}
		for i := range n {
			r.Components = append(r.Components, discordgo.Button{Label: "b", Style: discordgo.PrimaryButton, CustomID: "b" + string(rune('a'+i))})
		}
		return r
	}
	tests := []struct {
		name string
		msg  discordgo.MessageSend
		code int // 0: accepted
	}{
		{name: "plain", msg: discordgo.MessageSend{Content: "hi"}},
		{name: "content 2000", msg: discordgo.MessageSend{Content: long(2000)}},
		{name: "content 2001", msg: discordgo.MessageSend{Content: long(2001)}, code: 50035},
		{name: "empty", msg: discordgo.MessageSend{}, code: 50006},
		{name: "embed title 256", msg: discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Title: long(256)}}}},
		{name: "embed title 257", msg: discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Title: long(257)}}}, code: 50035},
		{name: "description 4097", msg: discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Description: long(4097)}}}, code: 50035},
		{name: "11 embeds", msg: discordgo.MessageSend{Embeds: embeds(11)}, code: 50035},
		{name: "26 fields", msg: discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Fields: fields(26)}}}, code: 50035},
		{name: "field value 1025", msg: discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: long(1025)}}}}}, code: 50035},
		{name: "footer 2049", msg: discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Title: "t", Footer: &discordgo.MessageEmbedFooter{Text: long(2049)}}}}, code: 50035},
		{name: "embed total 6001", msg: discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{
			{Description: long(4000)}, {Description: long(2001)},
		}}, code: 50035},
		{name: "5 buttons", msg: discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{row(5)}}},
		{name: "6 buttons", msg: discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{row(6)}}, code: 50035},
		{name: "custom_id 101", msg: discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "b", Style: discordgo.PrimaryButton, CustomID: long(101)},
		}}}}, code: 50035},
		{name: "label 81", msg: discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: long(81), Style: discordgo.PrimaryButton, CustomID: "x"},
		}}}}, code: 50035},
	}
	srv := newServer(t)
	s := mustSession(t, srv)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := tt.msg
			msg.AllowedMentions = noMentions
			_, err := s.ChannelMessageSendComplex(srv.ChannelID, &msg)
			got := 0
			if err != nil {
				got = restCode(err)
			}
			if got != tt.code {
				t.Errorf("code = %d (%v), want %d", got, err, tt.code)
			}
			if v := srv.Violations(); (len(v) > 0) != (tt.code != 0) {
				t.Errorf("violations = %q", v)
			}
			srv.ResetViolations()
		})
	}
}

func TestMissingAllowedMentionsIsAViolation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := mustSession(t, srv)
	if _, err := s.ChannelMessageSend(srv.ChannelID, "@everyone look"); err != nil {
		t.Fatalf("Discord accepts it: %v", err)
	}
	v := srv.Violations()
	if len(v) != 1 || !strings.Contains(v[0], "allowed_mentions") {
		t.Errorf("violations = %q", v)
	}
	srv.ResetViolations()
}

func TestRateLimitRetried(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := mustSession(t, srv)
	limited := make(chan *discordgo.RateLimit, 4)
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.RateLimit) { limited <- r })
	srv.RateLimit("POST", "/channels/", 1, 200*time.Millisecond)
	start := time.Now()
	m, err := s.ChannelMessageSendComplex(srv.ChannelID, &discordgo.MessageSend{Content: "hi", AllowedMentions: noMentions})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < 200*time.Millisecond {
		t.Errorf("retried after %v, before retry_after", took)
	}
	select {
	case r := <-limited:
		if r.RetryAfter != 200*time.Millisecond {
			t.Errorf("RetryAfter = %v", r.RetryAfter)
		}
	case <-time.After(time.Second):
		t.Error("no RateLimit event")
	}
	if got := srv.Messages(srv.ChannelID); len(got) != 1 || got[0].ID != m.ID {
		t.Errorf("messages = %+v", got)
	}
}

func TestNonceDedupe(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := mustSession(t, srv)
	// discordgo's MessageSend has no nonce: the bot sends its own body.
	body := map[string]any{
		"content": "digest", "nonce": "digest-42", "enforce_nonce": true,
		"allowed_mentions": map[string]any{"parse": []string{}},
	}
	var ids []string
	for range 2 {
		raw, err := s.RequestWithBucketID("POST", discordgo.EndpointChannelMessages(srv.ChannelID), body, discordgo.EndpointChannelMessages(srv.ChannelID))
		if err != nil {
			t.Fatal(err)
		}
		var m discordgo.Message
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	got := srv.Messages(srv.ChannelID)
	if ids[0] != ids[1] || len(got) != 1 || got[0].Nonce != "digest-42" || !got[0].EnforceNonce {
		t.Errorf("ids %v, messages %+v", ids, got)
	}
}

func TestBulkOverwrite(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := mustSession(t, srv)
	got := registerDigest(t, srv, s)
	again := registerDigest(t, srv, s)
	if len(got) != 2 || got[0].ID == "" || got[0].ApplicationID != srv.AppID || got[0].Version == "" {
		t.Fatalf("overwrite returned %+v", got)
	}
	if again[0].ID != got[0].ID {
		t.Errorf("command ID changed across identical overwrites: %s → %s", got[0].ID, again[0].ID)
	}
	stored := srv.Commands(srv.GuildID)
	if len(stored) != 2 || stored[1].Name != "feeds" || stored[1].DefaultMemberPermissions == nil || *stored[1].DefaultMemberPermissions != discordgo.PermissionManageGuild {
		t.Errorf("stored %+v", stored)
	}
	listed, err := s.ApplicationCommands(srv.AppID, srv.GuildID)
	if err != nil || len(listed) != 2 {
		t.Errorf("ApplicationCommands = %d, %v", len(listed), err)
	}
	if srv.CommandPuts() != 2 || len(srv.Commands("")) != 0 {
		t.Errorf("puts %d, global %d", srv.CommandPuts(), len(srv.Commands("")))
	}
}

func TestCommandLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cmd  discordgo.ApplicationCommand
		ok   bool
	}{
		{name: "valid", cmd: discordgo.ApplicationCommand{Name: "digest", Description: "d"}, ok: true},
		{name: "uppercase", cmd: discordgo.ApplicationCommand{Name: "Digest", Description: "d"}},
		{name: "space", cmd: discordgo.ApplicationCommand{Name: "my digest", Description: "d"}},
		{name: "33 chars", cmd: discordgo.ApplicationCommand{Name: strings.Repeat("a", 33), Description: "d"}},
		{name: "no description", cmd: discordgo.ApplicationCommand{Name: "digest"}},
		{name: "description 101", cmd: discordgo.ApplicationCommand{Name: "digest", Description: strings.Repeat("d", 101)}},
		{name: "localized", cmd: discordgo.ApplicationCommand{Name: "digest", Description: "d",
			DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.German: "Überblick"}}, ok: true},
		{name: "unknown locale", cmd: discordgo.ApplicationCommand{Name: "digest", Description: "d",
			DescriptionLocalizations: &map[discordgo.Locale]string{"xx": "d"}}},
		{name: "localized description 101", cmd: discordgo.ApplicationCommand{Name: "digest", Description: "d",
			DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.German: strings.Repeat("d", 101)}}},
		{name: "required after optional", cmd: discordgo.ApplicationCommand{Name: "digest", Description: "d", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "a", Description: "a"},
			{Type: discordgo.ApplicationCommandOptionString, Name: "b", Description: "b", Required: true},
		}}},
	}
	srv := newServer(t)
	s := mustSession(t, srv)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ApplicationCommandBulkOverwrite(srv.AppID, "", []*discordgo.ApplicationCommand{&tt.cmd})
			if (err == nil) != tt.ok || !tt.ok && restCode(err) != 50035 {
				t.Errorf("err = %v, want ok %v", err, tt.ok)
			}
			if v := srv.Violations(); (len(v) == 0) != tt.ok {
				t.Errorf("violations = %q", v)
			}
			srv.ResetViolations()
		})
	}
}

func TestFailChannel(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := mustSession(t, srv)
	other := srv.AddChannel(srv.GuildID, "news")
	srv.FailChannel(other, http.StatusForbidden, 50013)
	_, err := s.ChannelMessageSendComplex(other, &discordgo.MessageSend{Content: "x", AllowedMentions: noMentions})
	if restCode(err) != 50013 {
		t.Errorf("send to failing channel: %v", err)
	}
	_, err = s.ChannelMessageSendComplex("123", &discordgo.MessageSend{Content: "x", AllowedMentions: noMentions})
	if restCode(err) != 10003 {
		t.Errorf("send to unknown channel: %v", err)
	}
}

func TestAuthAndUnknownRoutes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, auth, path string
		status           int
	}{
		{name: "bad token", auth: "Bot nope", path: "/api/v9/users/@me", status: 401},
		{name: "no such route", auth: "Bot ", path: "/api/v9/nothing/here", status: 404},
		{name: "ok", auth: "Bot ", path: "/api/v9/gateway", status: 200},
	}
	srv := newServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest("GET", srv.URL+tt.path, bytes.NewReader(nil))
			if err != nil {
				t.Fatal(err)
			}
			auth := tt.auth
			if auth == "Bot " {
				auth += srv.Token
			}
			req.Header.Set("Authorization", auth)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status == 200 && resp.Header.Get("X-RateLimit-Bucket") == "" {
				t.Error("no rate-limit headers")
			}
			srv.ResetViolations()
		})
	}
}
