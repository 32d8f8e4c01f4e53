package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/discordtest"
	"github.com/newsbrief/newsbrief/store/storetest"
)

// The secrets of the drills below: each is a value no output may show.
const (
	dbSecret    = "DbPassw0rdSecret"
	kvSecret    = "KvPassw0rdSecret"
	pgEnvSecret = "PgEnvPassw0rdSecret"
	tokenSecret = "MTIzNDU2Nzg5.DiscordTokenSecret.0123456789"
	keySecret   = "sk-LlmKeySecret0123456789abcdef"
	feedSecret  = "FeedPassw0rdSecret"
)

var allSecrets = []string{dbSecret, kvSecret, pgEnvSecret, tokenSecret, keySecret, feedSecret}

// echoServer answers every request with 401 and the credentials it was
// sent quoted in the message, as a careless or hostile server would.
func echoServer(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		auth := strings.NewReplacer(`"`, "'").Replace(r.Header.Get("Authorization"))
		fmt.Fprintf(w, `{"message": "Incorrect credentials provided: %s", "code": 0, "error": {"message": "Incorrect API key provided: %s", "type": "invalid_request_error"}}`, auth, auth)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// hangServer accepts connections and never answers.
func hangServer(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		l.Close()
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().String()
}

// feedURLField is a feed's URL in JSON or OPML output.
var feedURLField = regexp.MustCompile(`xmlUrl="[^"]*"|"url": "[^"]*"`)

// noSecret fails the test when any secret shows in what a command wrote.
func noSecret(t *testing.T, what string, outputs ...string) {
	t.Helper()
	for _, out := range outputs {
		for _, s := range allSecrets {
			if strings.Contains(out, s) {
				t.Errorf("%s shows the secret %q:\n%s", what, s, out)
			}
		}
	}
}

// Every command, and run, with secrets in every setting that holds one,
// against databases, Discords, LLMs and pages that refuse, hang or echo
// the credentials back: no secret appears in stdout, stderr (the log at
// debug level included) or the final error.
func TestNoSecretInAnyOutput(t *testing.T) {
	refused := "127.0.0.1:" + strings.Split(closedPort(t), ":")[1]
	hung := hangServer(t)
	echo := echoServer(t)
	feedURL := "http://reader:" + feedSecret + "@" + refused + "/feed.xml"
	sample := filepath.Join("..", "..", "samples")
	opml := filepath.Join(t.TempDir(), "feeds.opml")
	if err := os.WriteFile(opml, []byte(`<opml version="2.0"><body><outline type="rss" xmlUrl="`+feedURL+`"/></body></opml>`), 0o600); err != nil {
		t.Fatal(err)
	}
	commands := [][]string{
		{"demo"}, {"ingest", sample}, {"ingest", feedURL}, {"feeds", "add", feedURL}, {"feeds", "list"},
		{"feeds", "list", "--json"}, {"feeds", "import", opml}, {"feeds", "poll", "--all"}, {"feeds", "export"},
		{"feeds", "remove", feedURL}, {"search", "tram"}, {"search", "--json", "tram"}, {"article", "1"},
		{"summarize", feedURL}, {"summarize", "1"}, {"summarize", filepath.Join(sample, "tech-lumora-kestrel-chip-ledger.md")},
		{"digest", "--since", "all"}, {"digest", "--since", "all", "--format", "json"}, {"run"}, {"healthcheck"},
		{"config"}, {"config", "--json"},
	}
	// A database that is down, one that refuses the login, and the
	// password in each form the PostgreSQL client takes.
	databases := map[string][]string{
		"URL, refused":       {"DATABASE_URL", "postgres://nobody:" + dbSecret + "@" + refused + "/news?sslmode=disable"},
		"URL, hanging":       {"DATABASE_URL", "postgres://nobody:" + dbSecret + "@" + hung + "/news?sslmode=disable&connect_timeout=1"},
		"URL query":          {"DATABASE_URL", "postgres://nobody@" + refused + "/news?sslmode=disable&password=" + dbSecret},
		"key/value":          {"DATABASE_URL", "host=127.0.0.1 port=" + strings.Split(refused, ":")[1] + " user=nobody password=" + kvSecret + " dbname=news sslmode=disable"},
		"PGPASSWORD":         {"DATABASE_URL", "postgres://nobody@" + refused + "/news?sslmode=disable", "PGPASSWORD", pgEnvSecret},
		"login refused":      {"DATABASE_URL", "postgres://nobody:" + dbSecret + "@127.0.0.1:5432/test?sslmode=disable&connect_timeout=2"},
		"working SQLite too": {},
	}
	for name, db := range databases {
		t.Run(name, func(t *testing.T) {
			env := append([]string{
				"LOG_LEVEL", "debug", "FETCH_ALLOW_PRIVATE", "true", "FETCH_TIMEOUT", "1s",
				"DISCORD_TOKEN", tokenSecret, "DISCORD_API_URL", echo,
				"LLM_BASE_URL", echo + "/v1", "LLM_API_KEY", keySecret, "LLM_TIMEOUT", "2s", "LLM_RETRIES", "0",
				"HTTP_ADDR", refused,
			}, db...)
			c := newCLI(t, env...)
			for _, args := range commands {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				var stdout, stderr bytes.Buffer
				err := run(ctx, append([]string{"newsbrief"}, args...), func(k string) string { return c.env[k] }, &stdout, &stderr)
				cancel()
				final := ""
				if err != nil {
					final = err.Error()
				}
				out := stdout.String()
				if args[0] == "feeds" && (args[1] == "export" || len(args) > 2 && args[2] == "--json") {
					// Data to subscribe with again: the feed URL as given,
					// credentials included, in its own field only.
					out = feedURLField.ReplaceAllString(out, "")
				}
				noSecret(t, "newsbrief "+strings.Join(args, " "), out, stderr.String(), final)
			}
		})
	}
}

// /readyz and /metrics of a running bot with every secret set hold none.
func TestNoSecretServed(t *testing.T) {
	dc := discordtest.New(t)
	dsn := storetest.PostgresDSN(t) // trust authentication: any password will do
	dsn = strings.Replace(dsn, "postgres://postgres@", "postgres://postgres:"+dbSecret+"@", 1)
	addr := freeAddr(t)
	c := newCLI(t, "DISCORD_TOKEN", dc.Token, "DISCORD_API_URL", dc.URL, "DISCORD_GUILD_ID", dc.GuildID,
		"HTTP_ADDR", addr, "DATABASE_URL", dsn, "LLM_BASE_URL", echoServer(t)+"/v1", "LLM_API_KEY", keySecret, "LOG_LEVEL", "debug")
	if !strings.Contains(dsn, dbSecret) {
		t.Fatalf("the test database URL %q takes no password", dsn)
	}
	c.ok("ingest", filepath.Join("..", "..", "samples"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var stdout, stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"newsbrief", "run"}, func(k string) string { return c.env[k] }, &stdout, &stderr)
	}()
	deadline := time.Now().Add(15 * time.Second)
	for {
		if code, _ := get(t, "http://"+addr+"/readyz"); code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// A summary through the echoing LLM puts its error in the log.
	slashCommand(t, dc, dc.ChannelID, "article", "", "id", "1")
	_, ready := get(t, "http://"+addr+"/readyz")
	_, metrics := get(t, "http://"+addr+"/metrics")
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}
	noSecret(t, "the running bot", ready, metrics, stdout.String(), stderr.String())
	for _, m := range dc.Messages(dc.ChannelID) {
		noSecret(t, "a Discord message", m.Content)
	}
}

// closedPort is a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
