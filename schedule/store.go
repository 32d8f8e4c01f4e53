package schedule

import (
	"context"
	"fmt"

	"github.com/newsbrief/newsbrief/news"
)

// Job is one channel's schedule.
type Job struct {
	ChannelID string
	Cron      string // 5-field cron spec or descriptor
	Timezone  string // IANA name; "" is UTC
}

// Store lists the schedules to run.
type Store interface {
	// ScheduledJobs returns the jobs of unpaused channels with a non-empty
	// Cron. On error the scheduler keeps the jobs it already has.
	ScheduledJobs(ctx context.Context) ([]Job, error)
}

// ChannelLister is the part of the bot's store FromChannels needs;
// *store.DB has it.
type ChannelLister interface {
	ScheduledChannels(ctx context.Context) ([]news.Channel, error)
}

// FromChannels adapts a ChannelLister to Store.
func FromChannels(l ChannelLister) Store { return channelStore{l} }

type channelStore struct{ l ChannelLister }

func (c channelStore) ScheduledJobs(ctx context.Context) ([]Job, error) {
	chans, err := c.l.ScheduledChannels(ctx)
	if err != nil {
		return nil, fmt.Errorf("schedule: listing channels: %w", err)
	}
	jobs := make([]Job, 0, len(chans))
	for _, ch := range chans {
		// The store already filters these; a paused channel must not post
		// even if a store forgets to.
		if ch.Cron == "" || ch.PausedReason != "" {
			continue
		}
		jobs = append(jobs, Job{ChannelID: ch.ID, Cron: ch.Cron, Timezone: ch.Timezone})
	}
	return jobs, nil
}
