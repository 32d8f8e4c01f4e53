package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/metrics"
	"github.com/newsbrief/newsbrief/news"
)

// channelLocks serialise digests per channel, so that /digest now and a
// scheduled run cannot both build from the same last digest.
type channelLocks struct{ m sync.Map }

func (l *channelLocks) lock(id string) func() {
	v, _ := l.m.LoadOrStore(id, &sync.Mutex{})
	mu := v.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

// buildFor builds the briefing of a channel's window ending at to: since
// its last digest, over its subscribed feeds (everything stored when it
// has none).
func (b *Bot) buildFor(ctx context.Context, channelID string, to time.Time) (news.Briefing, error) {
	subs, err := b.st.Subscriptions(ctx, channelID)
	if err != nil {
		return news.Briefing{}, err
	}
	var f digest.Filter
	for _, s := range subs {
		f.FeedIDs = append(f.FeedIDs, s.ID)
	}
	// The channel's /language, if any: what an LLM writes its stories in.
	c, err := b.st.Channel(ctx, channelID)
	if err != nil && news.ErrorCode(err) != news.ENOTFOUND {
		return news.Briefing{}, err
	}
	return b.digests.Build(ctx, digest.Request{Target: channelID, To: to, Filter: f, MaxStories: b.cfg.MaxStories, Language: c.Language})
}

// owner names this process in claims: stable across its restarts, so a
// restarted process resumes its own pending posts at once.
func (b *Bot) owner() string {
	return fmt.Sprintf("shard-%d", b.cfg.ShardID)
}

// postScheduled posts a channel's digest for the scheduled time at,
// exactly once: the post is claimed (the intent recorded) before anything
// is sent, so among several processes one posts it; a retry finds it, and
// a resend after a crash reuses the recorded briefing and the same nonces,
// which Discord deduplicates (enforce_nonce). The claim is renewed while
// the post is under way, so only a dead process's post is taken over.
func (b *Bot) postScheduled(ctx context.Context, channelID string, at time.Time) error {
	unlock := b.locks.lock(channelID)
	defer unlock()
	p, claimed, err := b.st.ClaimPost(ctx, channelID, at, b.owner(), b.cfg.PostLease)
	if err != nil {
		return err
	}
	if !claimed {
		b.log.Debug("bot: scheduled digest handled elsewhere", "channel_id", channelID, "scheduled_at", at, "state", p.State)
		return nil
	}
	ctx, stop := b.holdClaim(ctx, p)
	defer stop()
	var br news.Briefing
	if p.DigestID != 0 {
		br, err = b.st.Digest(ctx, p.DigestID)
	} else if br, err = b.buildFor(ctx, channelID, at); err == nil {
		p.DigestID, err = b.st.RecordPostDigest(ctx, p, br)
		br.ID = p.DigestID
	}
	if err != nil {
		b.cfg.Metrics.DigestFailed(metrics.FailureBuild)
		return fmt.Errorf("bot: building the digest for %s: %w", channelID, err)
	}
	guildID, locale := "", render.English
	if c, err := b.st.Channel(ctx, channelID); err == nil {
		guildID, locale = c.GuildID, render.LocaleFor(c.Language)
	}
	ids, err := b.sendAll(ctx, channelID, render.Digest(locale, br, br.ID, b.earlier(ctx, br, guildID)), p.Nonce)
	p.MessageIDs = ids
	if err != nil {
		if reason, permanent := permanentError(err); permanent {
			return b.stopPost(ctx, p, reason, err)
		}
		// Left pending: the sweep of any process resends it once the
		// claim's lease runs out, and the nonces keep what was sent from
		// doubling.
		b.cfg.Metrics.DigestFailed(metrics.FailureTransient)
		return fmt.Errorf("bot: posting the digest to %s: %w", channelID, err)
	}
	p.State = news.PostSent
	if err := b.st.FinishPost(ctx, p); err != nil {
		return err
	}
	if err := b.st.SetDigestMessages(ctx, br.ID, ids); err != nil {
		b.log.Warn("bot: recording where a briefing was posted", "digest_id", br.ID, "err", err)
	}
	b.cfg.Metrics.DigestPosted()
	b.log.Info("bot: digest posted", "channel_id", channelID, "scheduled_at", at, "stories", len(br.Stories), "messages", len(ids))
	return nil
}

// stopPost handles an error retrying cannot fix (the channel is gone, or
// the bot may not post there): the schedule is paused with the reason, and
// the post stays pending, released, with what it sent so far, so that when
// the schedule is set again the rest of the briefing is posted (any
// process's sweep finishes it) and nothing of it is lost or doubled.
func (b *Bot) stopPost(ctx context.Context, p news.Post, reason string, err error) error {
	b.cfg.Metrics.DigestFailed(metrics.FailurePermanent)
	p.Error = reason
	if perr := b.st.PauseChannel(ctx, p.ChannelID, reason); perr != nil {
		b.log.Error("bot: pausing the schedule", "channel_id", p.ChannelID, "err", perr)
	}
	if rerr := b.st.ReleasePost(ctx, p); rerr != nil {
		b.log.Error("bot: releasing a stopped post", "channel_id", p.ChannelID, "err", rerr)
	}
	if rerr := b.reloadSchedules(ctx); rerr != nil {
		b.log.Warn("bot: reloading schedules", "err", rerr)
	}
	return fmt.Errorf("bot: posting the digest to %s failed for good (%s), so its schedule is paused: %w", p.ChannelID, reason, err)
}

// holdClaim renews the claim on p every third of its lease until stop is
// called; the returned context ends if the claim is lost, so that a
// process that was too slow stops before sending what another now sends.
func (b *Bot) holdClaim(ctx context.Context, p news.Post) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(b.cfg.PostLease / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			held, err := b.st.RenewPost(ctx, p.ChannelID, p.ScheduledAt, b.owner(), b.cfg.PostLease)
			if err == nil && !held {
				cancel(errors.New("bot: another process took the post over"))
				return
			}
			if err != nil {
				b.log.Warn("bot: renewing a post's claim", "channel_id", p.ChannelID, "err", err)
			}
		}
	})
	return ctx, func() {
		close(done)
		wg.Wait()
		cancel(nil)
	}
}

// sendAll sends messages in order; with a nonce, each carries nonce+index
// and enforce_nonce. It returns the IDs of the messages sent. A transient
// failure (5xx, a dropped connection) is retried a few times with backoff:
// the nonce makes a resend of a message Discord did receive harmless.
func (b *Bot) sendAll(ctx context.Context, channelID string, msgs []*discordgo.MessageSend, nonce string) ([]string, error) {
	var ids []string
	for i, m := range msgs {
		if m.AllowedMentions == nil {
			m.AllowedMentions = render.NoMentions()
		}
		n := ""
		if nonce != "" {
			n = nonce + strconv.Itoa(i)
		}
		msg, err := b.send(ctx, channelID, m, n)
		for wait := time.Second; err != nil && n != "" && transient(err) && wait <= 8*time.Second; wait *= 2 {
			b.log.Warn("bot: retrying a message", "channel_id", channelID, "wait", wait, "err", err)
			select {
			case <-ctx.Done():
				return ids, context.Cause(ctx)
			case <-time.After(wait):
			}
			msg, err = b.send(ctx, channelID, m, n)
		}
		if err != nil {
			return ids, err
		}
		ids = append(ids, msg.ID)
	}
	return ids, nil
}

// transient reports whether retrying the request may work: a server error
// or a connection that failed, not a refusal.
func transient(err error) bool {
	var re *discordgo.RESTError
	if errors.As(err, &re) {
		return re.Response != nil && re.Response.StatusCode >= 500
	}
	var ue *url.Error
	return errors.As(err, &ue) && !errors.Is(err, context.Canceled)
}

// nonceMessage is a message with the nonce fields discordgo's MessageSend
// lacks.
type nonceMessage struct {
	*discordgo.MessageSend
	Nonce        string `json:"nonce,omitempty"`
	EnforceNonce bool   `json:"enforce_nonce,omitempty"`
}

func (b *Bot) send(ctx context.Context, channelID string, m *discordgo.MessageSend, nonce string) (*discordgo.Message, error) {
	if nonce == "" {
		return b.session.ChannelMessageSendComplex(channelID, m, discordgo.WithContext(ctx))
	}
	endpoint := discordgo.EndpointChannelMessages(channelID)
	body, err := b.session.RequestWithBucketID("POST", endpoint,
		nonceMessage{MessageSend: m, Nonce: nonce, EnforceNonce: true}, endpoint, discordgo.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	var msg discordgo.Message
	if err := json.Unmarshal(body, &msg); err != nil {
		return nil, fmt.Errorf("bot: reading the posted message: %w", err)
	}
	return &msg, nil
}

// permanentError tells errors that retrying cannot fix (the channel is
// gone, or the bot may not see or post in it) and says why.
func permanentError(err error) (string, bool) {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Message == nil {
		return "", false
	}
	switch re.Message.Code {
	case discordgo.ErrCodeUnknownChannel:
		return "Discord says this channel no longer exists (10003)", true
	case discordgo.ErrCodeMissingAccess:
		return "the bot cannot see this channel (Missing Access, 50001)", true
	case discordgo.ErrCodeMissingPermissions:
		return "the bot may not post here (Missing Permissions, 50013): give it Send Messages and Embed Links", true
	}
	return "", false
}

// wakeSweep has the sweep look for posts to finish now: a schedule
// changed, perhaps resumed with a post its pause left unfinished.
func (b *Bot) wakeSweep() {
	select {
	case b.sweepNow <- struct{}{}:
	default:
	}
}

// sweepPosts takes over, every SweepEvery, the scheduled posts that
// another process claimed and did not finish before its lease ran out (it
// died), if they are still within the grace window.
func (b *Bot) sweepPosts(ctx context.Context) {
	t := time.NewTicker(b.cfg.SweepEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-b.sweepNow:
		}
		now := b.now()
		stale, err := b.st.StalePosts(ctx, now.Add(-b.cfg.Grace), now)
		if err != nil {
			b.log.Warn("bot: looking for stale posts", "err", err)
			continue
		}
		for _, p := range stale {
			b.log.Info("bot: taking over a stale post", "channel_id", p.ChannelID, "scheduled_at", p.ScheduledAt)
			b.track(func(ctx context.Context) {
				if err := b.postScheduled(ctx, p.ChannelID, p.ScheduledAt); err != nil {
					b.log.Warn("bot: stale post", "channel_id", p.ChannelID, "err", err)
				}
			})
		}
	}
}
