package schedule

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/news"
)

type channelLister struct {
	chans []news.Channel
	err   error
}

func (l channelLister) ScheduledChannels(context.Context) ([]news.Channel, error) {
	return l.chans, l.err
}

func TestFromChannels(t *testing.T) {
	st := FromChannels(channelLister{chans: []news.Channel{
		{ID: "1", GuildID: "g", Cron: "0 8 * * 1-5", Timezone: "Europe/Berlin"},
		{ID: "2", Cron: ""},
		{ID: "3", Cron: "0 8 * * *", PausedReason: "missing access"},
		{ID: "4", Cron: "@daily"},
	}})
	got, err := st.ScheduledJobs(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []Job{
		{ChannelID: "1", Cron: "0 8 * * 1-5", Timezone: "Europe/Berlin"},
		{ChannelID: "4", Cron: "@daily"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("jobs (-want +got):\n%s", diff)
	}

	boom := errors.New("boom")
	if _, err := FromChannels(channelLister{err: boom}).ScheduledJobs(t.Context()); !errors.Is(err, boom) {
		t.Errorf("error = %v, want it to wrap %v", err, boom)
	}
}
