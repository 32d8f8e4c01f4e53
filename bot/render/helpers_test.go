package render_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/bot/render"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares v, as indented JSON (what discordgo sends, components
// included), with testdata/name.golden.
func golden(tb testing.TB, name string, v any) {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		tb.Fatalf("encoding %s: %v", name, err)
	}
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		tb.Errorf("%s differs from %s (-want +got):\n%s", name, path, diff)
	}
}

// MustCheck fails the test for any message over Discord's limits or that
// reads wrong (render.Readable).
func MustCheck(tb testing.TB, msgs ...*discordgo.MessageSend) {
	tb.Helper()
	for i, m := range msgs {
		if err := render.Check(m); err != nil {
			tb.Errorf("message %d: %v", i, err)
		}
		if err := render.Readable(m.Content, m.Embeds, m.Components); err != nil {
			tb.Errorf("message %d: %v", i, err)
		}
	}
}

// MustFit fails the test for any message over Discord's limits; for
// messages made to break them, whose text reads wrong on purpose.
func MustFit(tb testing.TB, msgs ...*discordgo.MessageSend) {
	tb.Helper()
	for i, m := range msgs {
		if err := render.Check(m); err != nil {
			tb.Errorf("message %d: %v", i, err)
		}
	}
}

// MustCheckData is MustCheck for interaction responses.
func MustCheckData(tb testing.TB, d *discordgo.InteractionResponseData) {
	tb.Helper()
	if err := render.CheckData(d); err != nil {
		tb.Error(err)
	}
	if err := render.Readable(d.Content, d.Embeds, d.Components); err != nil {
		tb.Error(err)
	}
}

// goldenShown compares what Discord shows of messages with
// testdata/name.shown: the golden file a person reads.
func goldenShown(tb testing.TB, name string, shown ...string) {
	tb.Helper()
	got := strings.Join(shown, "\n---\n")
	path := filepath.Join("testdata", name+".shown")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		tb.Errorf("%s differs from %s (-want +got):\n%s", name, path, diff)
	}
}
