package discordtest_test

import (
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/discordtest"
)

func TestReady(t *testing.T) {
	t.Parallel()
	ready := make(chan *discordgo.Ready, 1)
	guild := make(chan *discordgo.GuildCreate, 1)
	srv, _ := connect(t, nil,
		func(_ *discordgo.Session, r *discordgo.Ready) { ready <- r },
		func(_ *discordgo.Session, g *discordgo.GuildCreate) { guild <- g },
	)
	select {
	case r := <-ready:
		if r.User == nil || r.User.ID != srv.BotUserID || !r.User.Bot || r.SessionID == "" || r.Version != 9 {
			t.Errorf("READY = user %+v session %q v %d", r.User, r.SessionID, r.Version)
		}
		if r.Application == nil || r.Application.ID != srv.AppID {
			t.Errorf("READY application = %+v, want id %s", r.Application, srv.AppID)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no READY")
	}
	select {
	case g := <-guild:
		if g.ID != srv.GuildID || len(g.Channels) != 1 || g.Channels[0].ID != srv.ChannelID {
			t.Errorf("GUILD_CREATE = %s with %d channels", g.ID, len(g.Channels))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no GUILD_CREATE")
	}
	if got := srv.Identifies(); got != 1 {
		t.Errorf("Identifies() = %d, want 1", got)
	}
}

// messageLog collects MESSAGE_CREATEs.
type messageLog chan *discordgo.MessageCreate

func (l messageLog) handler(_ *discordgo.Session, m *discordgo.MessageCreate) { l <- m }

func (l messageLog) next(t *testing.T) *discordgo.MessageCreate {
	t.Helper()
	select {
	case m := <-l:
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("no MESSAGE_CREATE")
		return nil
	}
}

func TestReconnectResumesWithoutLoss(t *testing.T) {
	t.Parallel()
	msgs := make(messageLog, 8)
	srv, _ := connect(t, nil, msgs.handler)
	ctx := testContext(t)

	srv.Reconnect()
	// Sent while the client is away (discordgo sleeps 1 s before redialling): must be replayed.
	id := srv.Mention(ctx, srv.ChannelID, "", "while away")
	if got := msgs.next(t); got.ID != id {
		t.Fatalf("got message %s, want %s", got.ID, id)
	}
	if err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	// discordgo's heartbeat goroutine can race its op 7 handling and resume a second time.
	if srv.Resumes() < 1 || srv.Identifies() != 1 {
		t.Errorf("resumes %d identifies %d, want ≥1 and 1", srv.Resumes(), srv.Identifies())
	}
	id2 := srv.Mention(ctx, srv.ChannelID, "", "after")
	if got := msgs.next(t); got.ID != id2 {
		t.Fatalf("got message %s, want %s", got.ID, id2)
	}
}

func TestInvalidSessionReidentifies(t *testing.T) {
	t.Parallel()
	ready := make(chan struct{}, 4)
	srv, _ := connect(t, nil, func(*discordgo.Session, *discordgo.Ready) { ready <- struct{}{} })
	<-ready
	srv.InvalidSession(false)
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		t.Fatal("no second READY after INVALID_SESSION")
	}
	if got := srv.Identifies(); got != 2 {
		t.Errorf("Identifies() = %d, want 2", got)
	}
}

func TestMessageContentVisibility(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		intent  bool
		mention bool
		want    string
	}{
		{name: "plain message without intent is blanked", want: ""},
		{name: "mention is visible", mention: true, want: "hello"},
		{name: "plain message with intent", intent: true, want: "hello"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			msgs := make(messageLog, 1)
			srv := newServer(t, discordtest.WithMessageContentIntent(tt.intent))
			s := mustSession(t, srv)
			if tt.intent {
				s.Identify.Intents |= discordgo.IntentMessageContent
			}
			s.AddHandler(msgs.handler)
			mustOpen(t, s)
			ctx := testContext(t)
			want := tt.want
			if tt.mention {
				srv.Mention(ctx, srv.ChannelID, "", "hello")
				want = "<@" + srv.BotUserID + "> hello"
			} else {
				srv.Post(ctx, srv.ChannelID, "", "hello")
			}
			m := msgs.next(t)
			if m.Content != want {
				t.Errorf("content = %q, want %q", m.Content, want)
			}
			if m.Author == nil || m.Author.ID != srv.UserID || m.GuildID != srv.GuildID || m.Timestamp.IsZero() {
				t.Errorf("message = author %+v guild %q time %v", m.Author, m.GuildID, m.Timestamp)
			}
			mentioned := len(m.Mentions) == 1 && m.Mentions[0].ID == srv.BotUserID
			if mentioned != tt.mention {
				t.Errorf("mentions = %v, want bot mentioned %v", m.Mentions, tt.mention)
			}
		})
	}
}

func TestDisallowedIntentIsAViolation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	s := mustSession(t, srv)
	s.Identify.Intents |= discordgo.IntentMessageContent
	s.ShouldReconnectOnError = false
	done := make(chan error, 1)
	go func() { done <- s.Open() }()
	select {
	case err := <-done:
		if err == nil {
			_ = s.Close()
			t.Fatal("Open succeeded with a disallowed intent")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Open hung")
	}
	if len(srv.Violations()) == 0 {
		t.Error("no violation recorded")
	}
	srv.ResetViolations()
}
