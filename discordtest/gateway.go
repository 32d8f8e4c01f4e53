package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
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

// gateway is one bot's gateway session: its dispatch log survives reconnects so RESUME can
// replay what the client missed. Lock order: gateway.mu may be held when taking Server.mu,
// never the reverse.
type gateway struct {
	s  *Server
	up websocket.Upgrader

	ready      atomic.Bool // a connection finished IDENTIFY→READY or RESUME→RESUMED
	identifies atomic.Int64
	resumes    atomic.Int64

	mu        sync.Mutex
	closed    bool
	conns     map[*gwConn]bool
	active    *gwConn
	sessionID string
	seq       int64
	log       []*frame
	intents   int64 // -1 until the first IDENTIFY
}

// gwConn is one websocket; writes happen under gateway.mu, which gorilla requires anyway
// (one writer at a time).
type gwConn struct {
	ws    *websocket.Conn
	ready bool
}

// frame is a dispatch in the session log.
type frame struct {
	seq       int64
	name      string
	data      json.RawMessage
	delivered bool // written to a ready connection at least once
}

func newGateway(s *Server) *gateway {
	return &gateway{s: s, conns: map[*gwConn]bool{}, intents: -1}
}

// WaitReady waits until a client has completed IDENTIFY→READY or RESUME→RESUMED and is still
// connected.
func (s *Server) WaitReady(ctx context.Context) error {
	err := s.waitFor(ctx, func() bool { return s.gw.ready.Load() || s.closed })
	if err == nil && !s.gw.ready.Load() {
		return fmt.Errorf("discordtest: server closed before a client was ready")
	}
	if err != nil {
		return fmt.Errorf("wait for READY: %w", err)
	}
	return nil
}

// Identifies returns how many IDENTIFYs the server accepted.
func (s *Server) Identifies() int { return int(s.gw.identifies.Load()) }

// Resumes returns how many RESUMEs the server accepted.
func (s *Server) Resumes() int { return int(s.gw.resumes.Load()) }

// Reconnect sends op 7 RECONNECT to the connected client; discordgo closes, waits 1 s,
// redials and RESUMEs. Dispatches meanwhile are queued and replayed.
func (s *Server) Reconnect() {
	s.gw.sendControl(map[string]any{"op": opReconnect, "d": nil})
}

// InvalidSession sends op 9 INVALID_SESSION; discordgo re-IDENTIFYs on the same socket.
func (s *Server) InvalidSession(resumable bool) {
	s.gw.sendControl(map[string]any{"op": opInvalidSession, "d": resumable})
}

// sendControl sends an op 7 or 9 and stops dispatching to the connection until the client
// resumes or identifies again.
func (g *gateway) sendControl(v any) {
	g.mu.Lock()
	defer g.mu.Unlock()
	c := g.active
	if c == nil {
		g.s.logf("no connected client for op %v", v)
		return
	}
	g.setActiveLocked(nil)
	c.ready = false
	if err := g.writeLocked(c, v); err != nil {
		g.s.logf("gateway write: %v", err)
	}
}

// setActiveLocked changes the connection dispatches go to and wakes waiters.
func (g *gateway) setActiveLocked(c *gwConn) {
	g.active = c
	g.ready.Store(c != nil)
	g.s.mu.Lock()
	g.s.notifyLocked()
	g.s.mu.Unlock()
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

// dispatch sequences an event into the session log and sends it if a client is ready; if
// not, RESUME (or the next IDENTIFY) delivers it.
func (g *gateway) dispatch(name string, d any) {
	b, err := json.Marshal(d)
	if err != nil {
		g.s.violate("discordtest bug: encode %s: %v", name, err)
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.appendLocked(name, b)
}

func (g *gateway) appendLocked(name string, b json.RawMessage) {
	g.seq++
	f := &frame{seq: g.seq, name: name, data: b}
	g.log = append(g.log, f)
	if g.active != nil && g.active.ready {
		g.sendFrameLocked(g.active, f)
	}
}

func (g *gateway) sendFrameLocked(c *gwConn, f *frame) {
	err := g.writeLocked(c, map[string]any{"op": opDispatch, "s": f.seq, "t": f.name, "d": f.data})
	if err != nil {
		g.s.logf("dispatch %s: %v", f.name, err)
		return
	}
	f.delivered = true
}

func (g *gateway) hasContentIntent() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.intents > 0 && g.intents&intentMessageContent != 0
}

// hasIntent says whether the last IDENTIFY asked for the intent (yes before any IDENTIFY, so
// early dispatches queue rather than vanish).
func (g *gateway) hasIntent(i int64) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.intents < 0 || g.intents&i != 0
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
	g.active = nil
	g.ready.Store(false)
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
	if g.active == c {
		g.setActiveLocked(nil)
	}
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
	if g.active == c {
		g.setActiveLocked(nil)
	}
}
