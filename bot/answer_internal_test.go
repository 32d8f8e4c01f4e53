package bot

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/discordtest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// The adapter is the one place that speaks the reply protocol: every
// combination of a route's mode and a handler's timing and outcome gets
// the answer Discord allows, through the real discordgo client and the
// local Discord. The routes' handlers are replaced by ones whose timing
// and outcome the option value chooses.
func TestAnswerProtocol(t *testing.T) {
	if testing.Short() {
		t.Skip("waits past the 1.5 s deferral several times")
	}
	dc := discordtest.New(t)
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "bot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sum := summarize.NewChain(summarize.ChainConfig{Fallback: summarize.NewExtractive()})
	b, err := New(Config{Token: dc.Token, APIURL: dc.URL, GuildID: dc.GuildID}, db, sum, digest.New(db, sum, digest.Options{}), nil)
	if err != nil {
		t.Fatal(err)
	}
	// behave answers after the delay its option names, with the outcome
	// it names: "ok", "invalid" (a user's mistake), "internal" or "panic".
	behave := func(opt string) handler {
		return func(_ *Bot, ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
			delay, outcome, _ := strings.Cut(r.opts[opt], " ")
			if d, err := time.ParseDuration(delay); err == nil {
				time.Sleep(d)
			}
			switch outcome {
			case "invalid":
				return nil, news.Errorf(news.EINVALID, "that is not a thing")
			case "internal":
				return nil, errors.New("dial tcp 10.0.0.53:5432: connection refused")
			case "panic":
				panic("handler bug")
			}
			return &discordgo.InteractionResponseData{Content: "the answer"}, nil
		}
	}
	// summarize: public; search: private; digest now: private and slow.
	for key, opt := range map[string]string{"summarize": "target", "search": "query", "digest now": ""} {
		r := b.routes[key]
		r.handle = behave(opt)
		if opt == "" {
			r.handle = func(b *Bot, ctx context.Context, req *request) (*discordgo.InteractionResponseData, error) {
				return behave("x")(b, ctx, &request{i: req.i, opts: map[string]string{"x": "10ms ok"}})
			}
		}
		b.routes[key] = r
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	waitCtx, stop := context.WithTimeout(ctx, 10*time.Second)
	defer stop()
	for b.Ready(waitCtx) != nil {
		if waitCtx.Err() != nil {
			t.Fatal("the bot did not start serving")
		}
		time.Sleep(10 * time.Millisecond)
	}

	const deferred = discordgo.InteractionResponseDeferredChannelMessageWithSource
	const message = discordgo.InteractionResponseChannelMessageWithSource
	tests := []struct {
		name, command, sub, opt, value string
		wantType                       discordgo.InteractionResponseType
		wantPrivate                    bool
		want                           string
	}{
		{"public and quick", "summarize", "", "target", "0s ok", message, false, "the answer"},
		{"private and quick", "search", "", "query", "0s ok", message, true, "the answer"},
		{"a quick mistake is private", "summarize", "", "target", "0s invalid", message, true, "⚠️ That is not a thing."},
		{"an internal error says nothing of it", "search", "", "query", "0s internal", message, true, "Something went wrong on our side"},
		{"a panic is an internal error", "summarize", "", "target", "0s panic", message, true, "Something went wrong on our side"},
		{"public and slow is deferred", "summarize", "", "target", "2s ok", deferred, false, "the answer"},
		{"private and slow is deferred privately", "search", "", "query", "2s ok", deferred, true, "the answer"},
		{"a slow private mistake stays private", "search", "", "query", "2s invalid", deferred, true, "⚠️ That is not a thing."},
		{"a slow public mistake is told privately", "summarize", "", "target", "2s invalid", deferred, true, "⚠️ That is not a thing."},
		{"a slow route defers at once", "digest", "now", "", "", deferred, true, "the answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []*discordgo.ApplicationCommandInteractionDataOption
			if tt.opt != "" {
				opts = append(opts, &discordgo.ApplicationCommandInteractionDataOption{Name: tt.opt, Type: discordgo.ApplicationCommandOptionString, Value: tt.value})
			}
			if tt.sub != "" {
				opts = []*discordgo.ApplicationCommandInteractionDataOption{{Name: tt.sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			p, err := dc.Interact(ctx, discordtest.Interaction{Name: tt.command, Options: opts, Permissions: discordgo.PermissionManageGuild})
			if err != nil {
				t.Fatal(err)
			}
			r, err := p.Wait(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if r.AckAfter > 2500*time.Millisecond {
				t.Errorf("acknowledged after %v", r.AckAfter)
			}
			if r.CallbackType != tt.wantType {
				t.Errorf("callback type %d, want %d", r.CallbackType, tt.wantType)
			}
			got, private := r.Data, r.Ephemeral
			if len(r.Followups) > 0 {
				// The asker's own answer after a public deferral.
				got = &discordgo.InteractionResponseData{Content: r.Followups[0].Content}
				private = r.Followups[0].Flags&discordgo.MessageFlagsEphemeral != 0
			}
			if got == nil || !strings.Contains(got.Content, tt.want) {
				t.Fatalf("answer %+v, want it to contain %q", got, tt.want)
			}
			if private != tt.wantPrivate {
				t.Errorf("private = %v, want %v", private, tt.wantPrivate)
			}
			if strings.Contains(got.Content, "10.0.0.53") || strings.Contains(got.Content, "dial tcp") {
				t.Errorf("the answer shows an internal error: %q", got.Content)
			}
		})
	}
}
