package discordtest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/discordtest"
)

// rewrite sends discordgo's https://discord.com requests to the test server, and refuses
// anything else, so a test can never reach the internet.
type rewrite struct {
	base *url.URL
	next http.RoundTripper
}

func (rw rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != "discord.com" {
		return nil, fmt.Errorf("test transport: refusing %s", req.URL.Host)
	}
	r := req.Clone(req.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rw.base.Scheme, rw.base.Host, rw.base.Host
	return rw.next.RoundTrip(r)
}

// mustSession returns a discordgo session wired to srv, not yet open.
func mustSession(tb testing.TB, srv *discordtest.Server) *discordgo.Session {
	tb.Helper()
	s, err := discordgo.New("Bot " + srv.Token)
	if err != nil {
		tb.Fatalf("discordgo.New: %v", err)
	}
	base, err := url.Parse(srv.URL)
	if err != nil {
		tb.Fatalf("parse %q: %v", srv.URL, err)
	}
	s.Client = &http.Client{Transport: rewrite{base: base, next: http.DefaultTransport}, Timeout: 10 * time.Second}
	s.LogLevel = discordgo.LogError
	return s
}

// mustOpen opens the session under a timeout (Open has none) and closes it at cleanup,
// before the server's own cleanup runs.
func mustOpen(tb testing.TB, s *discordgo.Session) {
	tb.Helper()
	done := make(chan error, 1)
	go func() { done <- s.Open() }()
	select {
	case err := <-done:
		if err != nil {
			tb.Fatalf("Open: %v", err)
		}
	case <-time.After(10 * time.Second):
		tb.Fatalf("Open: timed out")
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
}

// connect starts a server and an open session, with handlers added before Open.
func connect(tb testing.TB, opts []discordtest.Option, handlers ...any) (*discordtest.Server, *discordgo.Session) {
	tb.Helper()
	srv := newServer(tb, opts...)
	s := mustSession(tb, srv)
	for _, h := range handlers {
		s.AddHandler(h)
	}
	mustOpen(tb, s)
	ctx := testContext(tb)
	if err := srv.WaitReady(ctx); err != nil {
		tb.Fatal(err)
	}
	return srv, s
}

func testContext(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	tb.Cleanup(cancel)
	return ctx
}

// registerDigest registers a /digest command with a subcommand, as the bot does at start.
func registerDigest(tb testing.TB, srv *discordtest.Server, s *discordgo.Session) []*discordgo.ApplicationCommand {
	tb.Helper()
	perm := int64(discordgo.PermissionManageGuild)
	cmds := []*discordgo.ApplicationCommand{
		{Name: "digest", Description: "Show today's digest", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "Topic", Autocomplete: true},
		}},
		{Name: "feeds", Description: "Manage feeds", DefaultMemberPermissions: &perm, Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add", Description: "Add a feed", Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "Feed URL", Required: true},
			}},
		}},
	}
	got, err := s.ApplicationCommandBulkOverwrite(srv.AppID, srv.GuildID, cmds)
	if err != nil {
		tb.Fatalf("ApplicationCommandBulkOverwrite: %v", err)
	}
	return got
}

// noMentions is what a well-behaved bot sends with every message.
var noMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}

// restCode extracts Discord's error code from a discordgo error.
func restCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return -1
}

// newServer starts a server that also checks its own responses against the spec.
func newServer(tb testing.TB, opts ...discordtest.Option) *discordtest.Server {
	tb.Helper()
	return discordtest.New(tb, append(opts, discordtest.WithResponseValidation())...)
}
