package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes discordgo uses.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opPresence       = 3
	opVoiceState     = 4
	opResume         = 6
	opReconnect      = 7
	opRequestMembers = 8
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatAck   = 11
)

// Privileged intents; the app has none enabled but MESSAGE_CONTENT when the option says so.
const (
	intentGuildMembers   = 1 << 1
	intentGuildPresences = 1 << 8
	intentMessageContent = 1 << 15
)

// writeTimeout bounds a write to a client that stopped reading, so the server never hangs.
const writeTimeout = 5 * time.Second

// gateway accepts websockets and hands each to the shard its IDENTIFY or RESUME names. One
// mutex guards every shard's session and every connection: writes to a socket must be
// serialised anyway, and a fake needs no finer locking. Lock order: gateway.mu may be held
// when taking Server.mu, never the reverse.
type gateway struct {
	s      *Server
	up     websocket.Upgrader
	shards []*shard // fixed at New: WithShards(n) gives n

	mu     sync.Mutex
	closed bool
	conns  map[*gwConn]bool
}

// gwConn is one websocket; writes happen under gateway.mu, which gorilla requires anyway
// (one writer at a time).
type gwConn struct {
	ws    *websocket.Conn
	ready bool
	shard *shard // the shard the connection identified or resumed as; nil before
}

// frame is a dispatch in a shard's session log.
type frame struct {
	seq       int64
	name      string
	data      json.RawMessage
	delivered bool // written to a ready connection at least once
}

func newGateway(s *Server, n int) *gateway {
	g := &gateway{s: s, conns: map[*gwConn]bool{}}
	for i := range n {
		g.shards = append(g.shards, &shard{g: g, id: i, intents: -1})
	}
	return g
}

// shard returns shard i, or nil when the app has no such shard.
func (g *gateway) shard(i int) *shard {
	if i < 0 || i >= len(g.shards) {
		return nil
	}
	return g.shards[i]
}

func (g *gateway) writeLocked(c *gwConn, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode gateway frame: %w", err)
	}
	if err := c.ws.SetWriteDeadline(time.Now().Add(writeTimeout)); err != nil {
		return fmt.Errorf("gateway deadline: %w", err)
	}
	if err := c.ws.WriteMessage(websocket.TextMessage, b); err != nil {
		return fmt.Errorf("gateway write: %w", err)
	}
	return nil
}

// detachLocked stops dispatching to c if it is its shard's active connection.
func (g *gateway) detachLocked(c *gwConn) {
	if c.shard != nil && c.shard.active == c {
		c.shard.setActiveLocked(nil)
	}
}

func (g *gateway) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closed = true
	for c := range g.conns {
		msg := websocket.FormatCloseMessage(websocket.CloseGoingAway, "server closing")
		_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second)) // best effort
		_ = c.ws.Close()                                                                // the reader goroutine sees the error and exits
	}
	for _, sh := range g.shards {
		sh.active = nil
		sh.ready.Store(false)
	}
}

func (g *gateway) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("v") != "9" || q.Get("encoding") != "json" {
		g.s.violate("gateway dialled with %q: want ?v=9&encoding=json", r.URL.RawQuery)
	}
	ws, err := g.up.Upgrade(w, r, nil)
	if err != nil {
		g.s.logf("gateway upgrade: %v", err)
		return
	}
	c := &gwConn{ws: ws}
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		_ = ws.Close() // refusing a client after Close
		return
	}
	g.conns[c] = true
	err = g.writeLocked(c, map[string]any{"op": opHello, "d": map[string]any{
		"heartbeat_interval": g.s.cfg.heartbeatInterval.Milliseconds(), "_trace": []string{"discordtest"},
	}})
	g.mu.Unlock()
	if err == nil {
		g.readLoop(c)
	}
	g.mu.Lock()
	delete(g.conns, c)
	g.detachLocked(c)
	g.mu.Unlock()
	_ = ws.Close() // already closed by the peer or by close()
}

// readLoop handles a client's frames until the connection ends.
func (g *gateway) readLoop(c *gwConn) {
	for {
		_, b, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		var in struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(b, &in); err != nil {
			g.s.violate("gateway: frame is not JSON: %v", err)
			g.closeWith(c, 4002, "Error while decoding payload.")
			return
		}
		switch in.Op {
		case opHeartbeat:
			g.mu.Lock()
			err = g.writeLocked(c, map[string]any{"op": opHeartbeatAck})
			g.mu.Unlock()
		case opIdentify:
			err = g.identify(c, in.D)
		case opResume:
			err = g.resume(c, in.D)
		case opPresence, opVoiceState, opRequestMembers:
			// Accepted and ignored: nothing the bot's tests observe.
		default:
			g.s.violate("gateway: unknown opcode %d", in.Op)
			g.closeWith(c, 4001, "Unknown opcode.")
			return
		}
		if err != nil {
			g.s.logf("%v", err)
			return
		}
	}
}

// closeWith closes a connection with a Discord close code.
func (g *gateway) closeWith(c *gwConn, code int, text string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	msg := websocket.FormatCloseMessage(code, text)
	_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second)) // best effort
	_ = c.ws.Close()                                                                // ends readLoop
	g.detachLocked(c)
}
