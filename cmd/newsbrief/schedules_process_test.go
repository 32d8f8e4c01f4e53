package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/discordtest"
	"github.com/newsbrief/newsbrief/store/storetest"
)

// Three newsbrief processes share one PostgreSQL database. A schedule set
// through one process reaches the two others, so that when that process
// is killed the next run is still posted, once, by a survivor; and a
// schedule turned off through one process stops in all of them.
func TestProcessesFollowSchedules(t *testing.T) {
	t.Parallel()
	dsn := storetest.PostgresDSN(t)
	dc := discordtest.New(t, discordtest.WithShards(3))
	_, doomed := dc.AddGuildOnShard(1) // its schedule is set through process 1, then killed
	_, turnedOff := dc.AddGuildOnShard(2)
	env := processEnv(dc, dsn, "SHARD_COUNT=3", "SCHEDULE_MIN_INTERVAL=1m")
	runOK(t, env, "ingest", "../../samples")
	var procs []*process
	for i := range 3 {
		procs = append(procs, startProcess(t, fmt.Sprintf("process %d", i), append(env, fmt.Sprintf("SHARD_ID=%d", i)), "run"))
	}

	untilMinuteBoundary(15 * time.Second)
	for _, ch := range []string{doomed, turnedOff} {
		if got := slashCommand(t, dc, ch, "schedule", "set", "cron", "* * * * *"); !strings.Contains(got, "* * * * *") {
			t.Fatalf("/schedule set: %s", got)
		}
	}
	procs[1].kill()
	first := time.Now().Truncate(time.Minute).Add(time.Minute)
	waitForUntil(t, "the first runs of both schedules", first.Add(30*time.Second), func() bool {
		return scheduledRuns(dc, doomed) == 1 && scheduledRuns(dc, turnedOff) == 1
	})

	if got := slashCommand(t, dc, turnedOff, "schedule", "off"); !strings.Contains(got, "off") {
		t.Fatalf("/schedule off: %s", got)
	}
	second := time.Now().Truncate(time.Minute).Add(time.Minute)
	waitForUntil(t, "the second run of the schedule left on", second.Add(30*time.Second), func() bool {
		return scheduledRuns(dc, doomed) == 2
	})
	time.Sleep(3 * time.Second) // time enough for a stale process to post
	if n := scheduledRuns(dc, doomed); n != 2 {
		t.Errorf("%d runs posted in the killed process's channel, want 2 (once a minute)", n)
	}
	if n := scheduledRuns(dc, turnedOff); n != 1 {
		t.Errorf("%d runs posted after /schedule off, want the 1 before it", n)
	}
}
