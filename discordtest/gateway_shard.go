package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
)

// shard is one gateway session of the app: its dispatch log survives reconnects so RESUME can
// replay what the client missed. Discord gives every shard a session of its own, with its own
// sequence numbers, and routes a guild's events only to the shard that owns the guild.
type shard struct {
	g  *gateway
	id int

	ready      atomic.Bool // a connection finished IDENTIFY→READY or RESUME→RESUMED
	identifies atomic.Int64
	resumes    atomic.Int64
	dispatched atomic.Int64 // frames written to a client at least once

	// Guarded by gateway.mu.
	active    *gwConn
	sessionID string
	seq       int64
	log       []*frame
	intents   int64 // -1 until the first IDENTIFY
}

// WaitReady waits until every shard's client has completed IDENTIFY→READY or RESUME→RESUMED
// and is still connected.
func (s *Server) WaitReady(ctx context.Context) error {
	for i := range s.gw.shards {
		if err := s.WaitShardReady(ctx, i); err != nil {
			return err
		}
	}
	return nil
}

// WaitShardReady waits until the client of one shard is ready, as WaitReady does for all.
func (s *Server) WaitShardReady(ctx context.Context, shard int) error {
	sh := s.gw.shard(shard)
	if sh == nil {
		return fmt.Errorf("discordtest: no shard %d of %d", shard, len(s.gw.shards))
	}
	err := s.waitFor(ctx, func() bool { return sh.ready.Load() || s.closed })
	if err == nil && !sh.ready.Load() {
		return fmt.Errorf("discordtest: server closed before shard %d's client was ready", shard)
	}
	if err != nil {
		return fmt.Errorf("wait for READY of shard %d: %w", shard, err)
	}
	return nil
}

// Identifies returns how many IDENTIFYs the server accepted, over all shards.
func (s *Server) Identifies() int {
	n := 0
	for _, sh := range s.gw.shards {
		n += int(sh.identifies.Load())
	}
	return n
}

// ShardIdentifies returns how many IDENTIFYs the server accepted for one shard (0 for a shard
// the app does not have).
func (s *Server) ShardIdentifies(shard int) int {
	if sh := s.gw.shard(shard); sh != nil {
		return int(sh.identifies.Load())
	}
	return 0
}

// Resumes returns how many RESUMEs the server accepted, over all shards.
func (s *Server) Resumes() int {
	n := 0
	for _, sh := range s.gw.shards {
		n += int(sh.resumes.Load())
	}
	return n
}

// Dispatched returns how many dispatches (READY and GUILD_CREATE included) were written to the
// shard's clients; a frame replayed by RESUME counts once.
func (s *Server) Dispatched(shard int) int {
	if sh := s.gw.shard(shard); sh != nil {
		return int(sh.dispatched.Load())
	}
	return 0
}

// Reconnect sends op 7 RECONNECT to shard 0's client; see ReconnectShard.
func (s *Server) Reconnect() { s.ReconnectShard(0) }

// ReconnectShard sends op 7 RECONNECT to the shard's connected client; discordgo closes, waits
// 1 s, redials and RESUMEs. Dispatches meanwhile are queued and replayed.
func (s *Server) ReconnectShard(shard int) {
	if sh := s.gw.shard(shard); sh != nil {
		sh.sendControl(map[string]any{"op": opReconnect, "d": nil})
		return
	}
	s.logf("ReconnectShard(%d): no such shard", shard)
}

// InvalidSession sends op 9 INVALID_SESSION to shard 0's client; discordgo re-IDENTIFYs on the
// same socket.
func (s *Server) InvalidSession(resumable bool) {
	s.gw.shards[0].sendControl(map[string]any{"op": opInvalidSession, "d": resumable})
}

// sendControl sends an op 7 or 9 and stops dispatching to the connection until the client
// resumes or identifies again.
func (sh *shard) sendControl(v any) {
	g := sh.g
	g.mu.Lock()
	defer g.mu.Unlock()
	c := sh.active
	if c == nil {
		g.s.logf("no connected client on shard %d for op %v", sh.id, v)
		return
	}
	sh.setActiveLocked(nil)
	c.ready = false
	if err := g.writeLocked(c, v); err != nil {
		g.s.logf("gateway write: %v", err)
	}
}

// setActiveLocked changes the connection dispatches go to and wakes waiters.
func (sh *shard) setActiveLocked(c *gwConn) {
	sh.active = c
	sh.ready.Store(c != nil)
	sh.g.s.mu.Lock()
	sh.g.s.notifyLocked()
	sh.g.s.mu.Unlock()
}

// dispatch sequences an event into the shard's log and sends it if a client is ready; if
// not, RESUME (or the next IDENTIFY) delivers it.
func (sh *shard) dispatch(name string, d any) {
	b, err := json.Marshal(d)
	if err != nil {
		sh.g.s.violate("discordtest bug: encode %s: %v", name, err)
		return
	}
	sh.g.mu.Lock()
	defer sh.g.mu.Unlock()
	sh.appendLocked(name, b)
}

func (sh *shard) appendLocked(name string, b json.RawMessage) {
	sh.seq++
	f := &frame{seq: sh.seq, name: name, data: b}
	sh.log = append(sh.log, f)
	if sh.active != nil && sh.active.ready {
		sh.sendFrameLocked(sh.active, f)
	}
}

func (sh *shard) sendFrameLocked(c *gwConn, f *frame) {
	err := sh.g.writeLocked(c, map[string]any{"op": opDispatch, "s": f.seq, "t": f.name, "d": f.data})
	if err != nil {
		sh.g.s.logf("dispatch %s: %v", f.name, err)
		return
	}
	if !f.delivered {
		sh.dispatched.Add(1)
	}
	f.delivered = true
}

func (sh *shard) hasContentIntent() bool {
	sh.g.mu.Lock()
	defer sh.g.mu.Unlock()
	return sh.intents > 0 && sh.intents&intentMessageContent != 0
}

// hasIntent says whether the shard's last IDENTIFY asked for the intent (yes before any
// IDENTIFY, so early dispatches queue rather than vanish).
func (sh *shard) hasIntent(i int64) bool {
	sh.g.mu.Lock()
	defer sh.g.mu.Unlock()
	return sh.intents < 0 || sh.intents&i != 0
}
