package render_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
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

// MustCheck fails the test for any message over Discord's limits.
func MustCheck(tb testing.TB, msgs ...*discordgo.MessageSend) {
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
}
