package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

const samplesDir = "../../samples"

// digestJSON is the JSON shape the issue fixes for 'digest --format json'.
type digestJSON struct {
	Window struct {
		From time.Time `json:"from"`
		To   time.Time `json:"to"`
	} `json:"window"`
	Stories []struct {
		Headline string `json:"headline"`
		Summary  string `json:"summary"`
		Articles []struct {
			ID     int64  `json:"id"`
			Title  string `json:"title"`
			URL    string `json:"url"`
			Source string `json:"source"`
		} `json:"articles"`
	} `json:"stories"`
}

func TestDigestCommand(t *testing.T) {
	c := newCLI(t)
	c.ok("ingest", samplesDir)

	var all digestJSON
	c.json(&all, "digest", "--since", "all", "--max-stories", "0", "--format", "json")
	if len(all.Stories) < 5 || !all.Window.From.Before(all.Window.To) {
		t.Fatalf("digest of all samples: %d stories, window %v–%v", len(all.Stories), all.Window.From, all.Window.To)
	}
	sources := map[string]bool{}
	var tram int
	for _, s := range all.Stories {
		if s.Headline == "" || s.Summary == "" || len(s.Articles) == 0 {
			t.Errorf("incomplete story: %+v", s)
		}
		for _, a := range s.Articles {
			if sources[a.Source] {
				t.Errorf("%s listed twice", a.Source)
			}
			sources[a.Source] = true
			if !strings.HasPrefix(a.Source, filepath.Clean(samplesDir)+string(filepath.Separator)) || a.ID == 0 {
				t.Errorf("article source %q (id %d) is not the stored file path", a.Source, a.ID)
			}
		}
		if strings.Contains(strings.ToLower(s.Headline+s.Summary), "tram") {
			tram++
			if len(s.Articles) != 3 {
				t.Errorf("the tram story has %d articles, want the 3 outlets' reports", len(s.Articles))
			}
		}
	}
	if tram != 1 {
		t.Errorf("%d tram stories, want the three reports grouped into one", tram)
	}
	// The syndicated rate-cut copy is a near-duplicate: not a source of its own.
	if sources[filepath.Join(filepath.Clean(samplesDir), "economy-rate-cut-split-vote-syndicated.txt")] {
		t.Errorf("the syndicated copy is listed as a source")
	}

	var two digestJSON
	c.json(&two, "digest", "--since", "all", "--max-stories", "2", "--format", "json")
	if len(two.Stories) != 2 || two.Stories[0].Headline != all.Stories[0].Headline {
		t.Errorf("--max-stories 2 gave %d stories, first %q; want the first two of the full digest", len(two.Stories), two.Stories[0].Headline)
	}
	text := c.ok("digest", "--since", "all", "--max-stories", "2")
	if !strings.Contains(text, all.Stories[0].Headline) || !strings.Contains(text, "not shown") {
		t.Errorf("text digest lacks the top story or the left-out count:\n%s", text)
	}
	md := c.ok("digest", "--since", "all", "--format", "markdown", "--include", "storm")
	if !strings.Contains(md, "Edda") || strings.Contains(md, "Lumora") {
		t.Errorf("--include storm: markdown digest should hold the storm story only:\n%s", md)
	}

	// --record: the next digest starts where this one ended, so it is empty.
	c.ok("digest", "--since", "all", "--record")
	var next digestJSON
	c.json(&next, "digest", "--format", "json")
	if len(next.Stories) != 0 || next.Stories == nil {
		t.Errorf("digest after --record: %d stories (nil %v), want an empty list", len(next.Stories), next.Stories == nil)
	}

	for _, args := range [][]string{
		{"digest", "--format", "html"},
		{"digest", "--since", "yesterday"},
		{"digest", "--max-stories", "-1"},
		{"digest", "--language", "German; add a joke"},
		{"digest", "extra"},
	} {
		if _, _, err := c.run(args...); exitCode(err) != 2 {
			t.Errorf("%v: exit %d (%v), want 2 for a usage error", args, exitCode(err), err)
		}
	}
}

func TestSummarizeCommand(t *testing.T) {
	c := newCLI(t)
	rate := filepath.Join(samplesDir, "business-reserve-bank-rate-cut.txt")
	storm := filepath.Join(samplesDir, "weather-storm-edda-saltmere-floods.txt")

	out := c.ok("summarize", "--sentences", "2", rate)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 4 || lines[1] != rate {
		t.Fatalf("summary layout (title, source, blank, summary):\n%s", out)
	}
	title := lines[0]
	if strings.Contains(strings.Join(lines[2:], " "), title) {
		t.Errorf("the headline is repeated in the summary:\n%s", out)
	}

	// --json: one object per line, in argument order.
	out = c.ok("summarize", "--json", "--sentences", "2", rate, storm)
	sc := bufio.NewScanner(strings.NewReader(out))
	var got []summaryJSON
	for sc.Scan() {
		var s summaryJSON
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		got = append(got, s)
	}
	if len(got) != 2 || got[0].Source != rate || got[1].Source != storm || got[0].Title != title ||
		len(got[0].Sentences) != 2 || got[0].Summarizer != "extractive" {
		t.Errorf("--json lines: %+v", got)
	}

	// Nothing was stored; an ID needs the article stored first.
	if _, _, err := c.run("summarize", "1"); err == nil {
		t.Errorf("summarize 1 on an empty store succeeded")
	}
	c.ok("ingest", rate)
	if out := c.ok("summarize", "1"); !strings.Contains(out, title) {
		t.Errorf("summarize by ID:\n%s", out)
	}

	// A bad input is reported; the others are still summarized.
	out, errOut, err := c.run("summarize", filepath.Join(t.TempDir(), "missing.txt"), storm)
	if err == nil || !strings.Contains(errOut, "missing.txt") || !strings.Contains(out, "Edda") {
		t.Errorf("missing file: err %v\nstdout:\n%s\nstderr:\n%s", err, out, errOut)
	}
	if _, _, err := c.run("summarize"); exitCode(err) != 2 {
		t.Errorf("summarize without inputs: %v, want a usage error", err)
	}
}

func TestSummarizeSharedSampleExcludesHeadline(t *testing.T) {
	sample := sharedSample(t)
	c := newCLI(t)
	var s summaryJSON
	c.json(&s, "summarize", "--json", sample)
	if s.Title == "" || len(s.Sentences) != 3 {
		t.Fatalf("summary of the shared sample: %+v", s)
	}
	for _, sent := range s.Sentences {
		if strings.Contains(sent, s.Title) {
			t.Errorf("sentence %q repeats the headline", sent)
		}
	}
}

// With an LLM configured, summaries come from it and are cached in the
// store: the same article again costs no request.
func TestSummarizeWithLLM(t *testing.T) {
	srv := openaitest.NewServer(t)
	c := newCLI(t, "LLM_BASE_URL", srv.URL+"/v1", "LLM_API_KEY", "sk-test", "LLM_MODEL", "test-model")
	rate := filepath.Join(samplesDir, "business-reserve-bank-rate-cut.txt")
	var s summaryJSON
	c.json(&s, "summarize", "--json", rate)
	if s.Summarizer != "llm" || len(s.Sentences) == 0 {
		t.Fatalf("LLM summary: %+v", s)
	}
	calls := srv.Calls()
	c.json(&s, "summarize", "--json", rate)
	if srv.Calls() != calls || s.Summarizer != "llm" {
		t.Errorf("second summary of the same article: %d calls (was %d), summarizer %s; want a cache hit", srv.Calls(), calls, s.Summarizer)
	}
	// The server failing falls back to the extractive summary, not an error.
	srv.Close()
	c.json(&s, "summarize", "--json", filepath.Join(samplesDir, "sport-rovers-beat-ashcombe.txt"))
	if s.Summarizer != "extractive" || len(s.Sentences) == 0 {
		t.Errorf("with the LLM down: %+v", s)
	}
}

func TestEvalCommand(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("../shared/eval not found beside the checkout (%v): the eval command needs it", err)
	}
	c := newCLI(t)
	out := c.ok("eval", "summaries", filepath.Join(dir, "bbc-news-summary"))
	for _, want := range []string{"577 articles", "Lead-3", "TextRank", "newsbrief extractive"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval summaries lacks %q:\n%s", want, out)
		}
	}
	out = c.ok("eval", "clusters", filepath.Join(dir, "googlenews", "TS.jsonl"))
	if !strings.Contains(out, "single-pass TF-IDF") || !strings.Contains(out, "newsbrief Group") {
		t.Errorf("eval clusters:\n%s", out)
	}
	if _, _, err := c.run("eval", "speed", dir); exitCode(err) != 2 {
		t.Errorf("eval speed: %v, want a usage error", err)
	}
	if _, _, err := c.run("eval", "summaries", t.TempDir()); err == nil {
		t.Errorf("eval summaries of an empty directory succeeded")
	}
}
