package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/discordtest"
)

// The tests in this file run the real newsbrief binary as separate
// processes against the local Discord, and kill them as a machine or an
// orchestrator would (SIGKILL): what a process does in memory cannot help
// it there.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// newsbriefBinary builds the program once for the test run.
func newsbriefBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the newsbrief binary")
	}
	if raceDetector {
		// The binary is built without it; its processes were checked by
		// the run without the race detector, and repeating them here
		// would only take minutes.
		t.Skip("runs the newsbrief binary, which the race detector does not watch")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "newsbrief-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "newsbrief")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// process is one running newsbrief.
type process struct {
	t    *testing.T
	name string
	cmd  *exec.Cmd
	logs *syncBuffer
	addr string // HTTP_ADDR
	done chan struct{}
}

// syncBuffer collects a process's output.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// processEnv is the environment every process of a test shares: the local
// Discord, the database, and nothing from the developer's own settings.
func processEnv(dc *discordtest.Server, dsn string, extra ...string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.TempDir(),
		"ENV_FILE=" + os.DevNull,
		"DISCORD_TOKEN=" + dc.Token,
		"DISCORD_API_URL=" + dc.URL,
		"DATABASE_URL=" + dsn,
		"LOG_FORMAT=json",
		"FETCH_ALLOW_PRIVATE=true",
		"DIGEST_WINDOW=3650d", // the samples are old news
	}
	return append(env, extra...)
}

// startProcess runs `newsbrief args...` with env and, for `run`, waits
// until it is ready (its /readyz answers 200).
func startProcess(t *testing.T, name string, env []string, args ...string) *process {
	t.Helper()
	p := &process{t: t, name: name, logs: &syncBuffer{}, done: make(chan struct{})}
	if len(args) > 0 && args[0] == "run" {
		p.addr = freeAddr(t)
		env = append(env, "HTTP_ADDR="+p.addr)
	}
	p.cmd = exec.Command(newsbriefBinary(t), args...)
	p.cmd.Env = env
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("%s's output:\n%s", p.name, p.logs.String())
		}
	})
	if p.addr == "" {
		return p
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + p.addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case <-p.done:
			t.Fatalf("%s exited before it was ready:\n%s", name, p.logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s was not ready in 30 s:\n%s", name, p.logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kill ends the process with SIGKILL, as a crash would: no cleanup runs.
func (p *process) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// runOK runs a one-shot command of the binary and fails the test unless
// it succeeds.
func runOK(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(newsbriefBinary(t), args...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("newsbrief %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// slashCommand dispatches a slash command (with a subcommand and string
// options) and returns the final answer's text.
func slashCommand(t *testing.T, dc *discordtest.Server, channelID, name, sub string, opts ...string) string {
	t.Helper()
	var options []*discordgo.ApplicationCommandInteractionDataOption
	for i := 0; i+1 < len(opts); i += 2 {
		options = append(options, &discordgo.ApplicationCommandInteractionDataOption{
			Name: opts[i], Type: discordgo.ApplicationCommandOptionString, Value: opts[i+1]})
	}
	if sub != "" {
		options = []*discordgo.ApplicationCommandInteractionDataOption{{
			Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: options}}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p, err := dc.Interact(ctx, discordtest.Interaction{Name: name, Options: options, ChannelID: channelID,
		Permissions: discordgo.PermissionManageGuild})
	if err != nil {
		t.Fatalf("/%s %s: %v", name, sub, err)
	}
	r, err := p.Wait(ctx)
	if err != nil {
		t.Fatalf("/%s %s: %v", name, sub, err)
	}
	if r.Data == nil {
		return ""
	}
	var sb strings.Builder
	sb.WriteString(r.Data.Content)
	for _, e := range r.Data.Embeds {
		sb.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			sb.WriteString("\n" + f.Name + "\n" + f.Value)
		}
	}
	return sb.String()
}

// scheduledRuns counts the scheduled briefings posted in a channel: each
// run's messages carry its 20-character nonce followed by their index, so
// the first message of each run is counted. Discord keeps one message per
// nonce, so a run sent twice shows once, which is the point of them.
func scheduledRuns(dc *discordtest.Server, channelID string) int {
	n := 0
	for _, m := range dc.Messages(channelID) {
		if len(m.Nonce) == 21 && strings.HasSuffix(m.Nonce, "0") {
			n++
		}
	}
	return n
}

// untilMinuteBoundary waits, if need be, so that at least margin is left
// before the next minute starts: a schedule set now reaches every process
// before it first fires.
func untilMinuteBoundary(margin time.Duration) {
	now := time.Now()
	next := now.Truncate(time.Minute).Add(time.Minute)
	if next.Sub(now) < margin {
		time.Sleep(next.Sub(now) + time.Second)
	}
}

// waitFor polls cond until deadline.
func waitForUntil(t *testing.T, what string, deadline time.Time, cond func() bool) {
	t.Helper()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
