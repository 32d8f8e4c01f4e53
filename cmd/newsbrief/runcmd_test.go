package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/discordtest"
)

// freeAddr is a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// newsbrief run, wired as a user runs it: against the local Discord, with
// the health and metrics listener on, until the context ends.
func TestRunServesDiscordAndMetrics(t *testing.T) {
	dc := discordtest.New(t)
	addr := freeAddr(t)
	c := newCLI(t, "DISCORD_TOKEN", dc.Token, "DISCORD_API_URL", dc.URL, "DISCORD_GUILD_ID", dc.GuildID, "HTTP_ADDR", addr)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var stdout, stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"newsbrief", "run"}, func(k string) string { return c.env[k] }, &stdout, &stderr)
	}()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run: %v\n%s", err, stderr.String())
			}
		case <-time.After(20 * time.Second):
			t.Errorf("run did not stop")
		}
	}()

	deadline := time.Now().Add(10 * time.Second)
	for {
		if code, _ := get(t, "http://"+addr+"/readyz"); code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			code, body := get(t, "http://"+addr+"/readyz")
			t.Fatalf("/readyz never ready: %d %s\n%s", code, body, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code, body := get(t, "http://"+addr+"/healthz"); code != http.StatusOK || !strings.Contains(body, "ok") {
		t.Errorf("/healthz: %d %q", code, body)
	}
	if out := c.ok("healthcheck"); !strings.Contains(out, "ok") {
		t.Errorf("healthcheck: %q", out)
	}
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	p, err := dc.Interact(wctx, discordtest.Interaction{Name: "help"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Wait(wctx); err != nil {
		t.Fatal(err)
	}
	// The bot records the acknowledgement once Discord has answered its
	// callback, a moment after the interaction is complete here.
	var metricsText string
	for range 200 {
		_, metricsText = get(t, "http://"+addr+"/metrics")
		if strings.Contains(metricsText, `newsbrief_interaction_ack_seconds_count{command="help"} 1`) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, want := range []string{`newsbrief_interaction_ack_seconds_count{command="help"} 1`, "newsbrief_digests_posted_total 0"} {
		if !strings.Contains(metricsText, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(metricsText, dc.Token) || strings.Contains(stderr.String(), dc.Token) {
		t.Errorf("the Discord token leaked into /metrics or the logs")
	}
}

func TestRunNeedsAToken(t *testing.T) {
	c := newCLI(t)
	if _, _, err := c.run("run"); err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("run without a token: %v", err)
	}
}

func TestHealthcheckFails(t *testing.T) {
	if _, _, err := newCLI(t).run("healthcheck"); err == nil || !strings.Contains(err.Error(), "HTTP_ADDR") {
		t.Errorf("healthcheck without HTTP_ADDR: %v", err)
	}
	if _, _, err := newCLI(t, "HTTP_ADDR", freeAddr(t)).run("healthcheck"); err == nil {
		t.Errorf("healthcheck with nothing listening succeeded")
	}
}
