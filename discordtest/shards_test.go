package discordtest_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/newsbrief/newsbrief/discordtest"
)

// shardClient is one real discordgo session of a sharded bot, with what it received.
type shardClient struct {
	s      *discordgo.Session
	ready  chan readySeen
	guilds chan string
	inters chan *discordgo.Interaction
	msgs   messageLog
}

// readySeen is what a READY said, copied in the handler: discordgo's state goroutine keeps
// writing to the guilds READY points at.
type readySeen struct {
	shard  *[2]int
	guilds []string
}

// openShard opens shard id of count against srv; the shard answers every interaction with
// "from shard <id>".
func openShard(t *testing.T, srv *discordtest.Server, id, count int) *shardClient {
	t.Helper()
	c := &shardClient{
		s: mustSession(t, srv), ready: make(chan readySeen, 4), guilds: make(chan string, 8),
		inters: make(chan *discordgo.Interaction, 4), msgs: make(messageLog, 4),
	}
	c.s.ShardID, c.s.ShardCount = id, count
	// discordgo's state copies each GUILD_CREATE into the guild READY pointed at while READY
	// handlers run: without state, reading READY's guilds is not a data race.
	c.s.StateEnabled = false
	c.s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		seen := readySeen{shard: r.Shard}
		for _, g := range r.Guilds {
			seen.guilds = append(seen.guilds, g.ID)
		}
		c.ready <- seen
	})
	c.s.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) { c.guilds <- g.ID })
	c.s.AddHandler(c.msgs.handler)
	c.s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		c.inters <- ic.Interaction
		if err := s.InteractionRespond(ic.Interaction, reply("from shard "+strconv.Itoa(id))); err != nil {
			t.Errorf("shard %d respond: %v", id, err)
		}
	})
	mustOpen(t, c.s)
	return c
}

func TestShardsSplitGuildsAndDispatches(t *testing.T) {
	t.Parallel()
	srv := newServer(t, discordtest.WithShards(2))
	g0, c0 := srv.AddGuildOnShard(0)
	g1, c1 := srv.AddGuildOnShard(1)
	if srv.ShardOf(g0) != 0 || srv.ShardOf(g1) != 1 {
		t.Fatalf("ShardOf(%s) = %d, ShardOf(%s) = %d", g0, srv.ShardOf(g0), g1, srv.ShardOf(g1))
	}
	want := [2]map[string]bool{{g0: true}, {g1: true}}
	want[srv.ShardOf(srv.GuildID)][srv.GuildID] = true // New's default guild lands on either

	clients := []*shardClient{openShard(t, srv, 0, 2), openShard(t, srv, 1, 2)}
	ctx := testContext(t)
	if err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	for i, c := range clients {
		var r readySeen
		select {
		case r = <-c.ready:
		case <-time.After(5 * time.Second):
			t.Fatalf("shard %d: no READY", i)
		}
		if r.shard == nil || *r.shard != [2]int{i, 2} {
			t.Errorf("shard %d: READY shard = %v", i, r.shard)
		}
		if len(r.guilds) != len(want[i]) {
			t.Errorf("shard %d: READY has guilds %v, want %v", i, r.guilds, want[i])
		}
		for _, g := range r.guilds {
			if !want[i][g] {
				t.Errorf("shard %d: READY lists guild %s of another shard", i, g)
			}
		}
		for range want[i] {
			select {
			case id := <-c.guilds:
				if !want[i][id] {
					t.Errorf("shard %d: GUILD_CREATE for guild %s of another shard", i, id)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("shard %d: missing GUILD_CREATE", i)
			}
		}
		// READY plus a GUILD_CREATE per owned guild, nothing else.
		if got := srv.Dispatched(i); got != 1+len(want[i]) {
			t.Errorf("Dispatched(%d) = %d, want %d", i, got, 1+len(want[i]))
		}
		if got := srv.ShardIdentifies(i); got != 1 {
			t.Errorf("ShardIdentifies(%d) = %d, want 1", i, got)
		}
	}

	// A global command, so that it exists in both guilds.
	_, err := clients[1].s.ApplicationCommandBulkOverwrite(srv.AppID, "", []*discordgo.ApplicationCommand{
		{Name: "digest", Description: "Show today's digest"},
	})
	if err != nil {
		t.Fatal(err)
	}
	before0 := srv.Dispatched(0)
	p, err := srv.Interact(ctx, discordtest.Interaction{Name: "digest", ChannelID: c1})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := p.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Data == nil || resp.Data.Content != "from shard 1" {
		t.Errorf("interaction in a shard-1 guild answered with %+v", resp.Data)
	}
	if got := srv.Dispatched(0); got != before0 || len(clients[0].inters) != 0 {
		t.Errorf("shard 0 saw the shard-1 interaction: dispatched %d → %d", before0, got)
	}

	// A mention in a shard-0 guild reaches shard 0 only.
	id := srv.Mention(ctx, c0, "", "hi")
	if m := clients[0].msgs.next(t); m.ID != id || m.GuildID != g0 {
		t.Errorf("shard 0 got message %s in guild %s, want %s in %s", m.ID, m.GuildID, id, g0)
	}
	if len(clients[1].msgs) != 0 {
		t.Error("shard 1 got a message of a shard-0 guild")
	}

	// RECONNECT on shard 1: it resumes its own session, and what was sent meanwhile arrives.
	srv.ReconnectShard(1)
	id = srv.Mention(ctx, c1, "", "while away")
	if m := clients[1].msgs.next(t); m.ID != id {
		t.Errorf("shard 1 got message %s after RECONNECT, want %s", m.ID, id)
	}
	if err := srv.WaitShardReady(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if srv.Resumes() < 1 || srv.ShardIdentifies(1) != 1 || srv.ShardIdentifies(0) != 1 {
		t.Errorf("resumes %d, identifies %d/%d, want ≥1 and 1/1", srv.Resumes(), srv.ShardIdentifies(0), srv.ShardIdentifies(1))
	}
}

func TestShardIdentifyMismatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		id, count int
		code      int
	}{
		{name: "shard count differs", id: 0, count: 3, code: 4010},
		{name: "no shard on a sharded app", id: 0, count: 1, code: 4011},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, discordtest.WithShards(2))
			s := mustSession(t, srv)
			s.ShardID, s.ShardCount = tt.id, tt.count
			s.ShouldReconnectOnError = false
			done := make(chan error, 1)
			go func() { done <- s.Open() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Open hung")
			}
			var ce *websocket.CloseError
			if !errors.As(err, &ce) || ce.Code != tt.code {
				if err == nil {
					_ = s.Close()
				}
				t.Fatalf("Open = %v, want close %d", err, tt.code)
			}
			v := srv.Violations()
			if len(v) != 1 || !strings.Contains(v[0], "shard") {
				t.Errorf("violations = %q, want one about the shard", v)
			}
			srv.ResetViolations()
		})
	}
}

func TestGatewayBotReportsShards(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 3} {
		srv := newServer(t, discordtest.WithShards(n))
		got, err := mustSession(t, srv).GatewayBot()
		if err != nil {
			t.Fatal(err)
		}
		if got.Shards != n || !strings.HasPrefix(got.URL, "ws://") {
			t.Errorf("WithShards(%d): GET /gateway/bot = %+v", n, got)
		}
	}
}
