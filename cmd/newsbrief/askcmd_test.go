package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

func TestAsk(t *testing.T) {
	c := newCLI(t)
	c.ok("ingest", samplesDir)

	out := c.ok("ask", "what", "happened", "to", "the", "sea", "wall", "in", "Saltmere?")
	answer, articles, ok := strings.Cut(out, "\nArticles:\n")
	if !ok {
		t.Fatalf("no list of articles:\n%s", out)
	}
	// Each sentence names its articles by #ID and outlet.
	for _, line := range strings.Split(strings.TrimSpace(answer), "\n") {
		if !regexp.MustCompile(`\S \(#\d+ \S[^)]*\)$`).MatchString(line) || !strings.Contains(out, "Saltmere") {
			t.Errorf("answer line %q does not end with its articles", line)
		}
	}
	if !regexp.MustCompile(`(?m)^\[1\] #\d+  Storm Edda`).MatchString(articles) {
		t.Errorf("articles do not list the storm's report first:\n%s", articles)
	}
	if strings.Contains(out, "Rovers") || strings.Contains(out, "Kestrel") {
		t.Errorf("the answer lists unrelated articles:\n%s", out)
	}

	if out := c.ok("ask", "What happened in Zaporizhzhia?"); out != "Nothing stored mentions Zaporizhzhia.\n" {
		t.Errorf("a question nothing answers: %q", out)
	}
	if out := c.ok("ask", "--since", "2030-01-01", "Saltmere sea wall"); !strings.HasPrefix(out, "Nothing stored since 1 January 2030 mentions") {
		t.Errorf("a question with --since after every article: %q", out)
	}
}

func TestAskJSON(t *testing.T) {
	c := newCLI(t)
	c.ok("ingest", samplesDir)
	var raw map[string]json.RawMessage
	c.json(&raw, "ask", "--json", "Lumora Kestrel chip power")
	if keys := slices.Sorted(maps.Keys(raw)); !slices.Equal(keys, []string{"answer", "answered", "articles", "question"}) {
		t.Fatalf("ask --json has keys %q, want answer, answered, articles, question", keys)
	}
	var got struct {
		Question string                       `json:"question"`
		Answered bool                         `json:"answered"`
		Answer   []map[string]json.RawMessage `json:"answer"`
		Articles []map[string]json.RawMessage `json:"articles"`
	}
	c.json(&got, "ask", "--json", "Lumora Kestrel chip power")
	if got.Question != "Lumora Kestrel chip power" || !got.Answered || len(got.Answer) == 0 || len(got.Articles) == 0 {
		t.Fatalf("ask --json = %+v", got)
	}
	for _, s := range got.Answer {
		if keys := slices.Sorted(maps.Keys(s)); !slices.Equal(keys, []string{"article_ids", "text"}) {
			t.Errorf("an answer sentence has keys %q, want article_ids and text", keys)
		}
	}
	for _, a := range got.Articles {
		if keys := slices.Sorted(maps.Keys(a)); !slices.Equal(keys, []string{"id", "outlet", "source", "title", "url"}) {
			t.Errorf("an article has keys %q, want id, outlet, source, title and url", keys)
		}
		var outlet, source string
		_ = json.Unmarshal(a["outlet"], &outlet)
		_ = json.Unmarshal(a["source"], &source)
		if outlet == "" || strings.ContainsAny(outlet, `/\`) || !strings.Contains(source, "samples") {
			t.Errorf("article outlet %q, source %q: want an outlet that is no path and the source as stored", outlet, source)
		}
	}

	out := c.ok("ask", "--json", "What happened in Zaporizhzhia?")
	want := "{\n  \"question\": \"What happened in Zaporizhzhia?\",\n  \"answered\": false,\n  \"answer\": [],\n  \"articles\": []\n}\n"
	if out != want {
		t.Errorf("unanswered ask --json:\n%s\nwant\n%s", out, want)
	}
}

func TestAskErrors(t *testing.T) {
	c := newCLI(t)
	for _, args := range [][]string{{"ask"}, {"ask", "--since", "yesterday-ish", "Saltmere"}, {"ask", "--nope", "Saltmere"}} {
		if _, _, err := c.run(args...); exitCode(err) != 2 {
			t.Errorf("newsbrief %s: %v, want a usage error", strings.Join(args, " "), err)
		}
	}
	_, _, err := c.run("ask", "what?")
	if news.ErrorCode(err) != news.EINVALID || !strings.Contains(err.Error(), "for example") {
		t.Errorf("newsbrief ask what?: %v, want a question to ask", err)
	}
}

// With an LLM configured, the answer is the LLM's, citing the articles.
func TestAskWithLLM(t *testing.T) {
	srv := openaitest.NewServer(t)
	srv.SetResponder(func(r openaitest.Request) string {
		if !strings.Contains(r.User(), "<<<SOURCE 1") {
			return openaitest.Faithful(r)
		}
		return "Storm Edda broke through the sea wall in Saltmere [1]."
	})
	c := newCLI(t, "LLM_BASE_URL", srv.BaseURL(), "LLM_API_KEY", "sk-test", "LLM_MODEL", "test-model")
	c.ok("ingest", samplesDir)
	var got askAnswerJSON
	c.json(&got, "ask", "--json", "what happened to the sea wall in Saltmere")
	if len(got.Answer) != 1 || got.Answer[0].Text != "Storm Edda broke through the sea wall in Saltmere [1]." ||
		len(got.Articles) == 0 || got.Answer[0].ArticleIDs[0] != got.Articles[0].ID {
		t.Errorf("ask with an LLM = %+v, want its one cited sentence", got)
	}
}

func TestEvalAsk(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval", "allsides-dev")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("../shared/eval/allsides-dev not found beside the checkout (%v): the answer measurement needs it", err)
	}
	out := newCLI(t).ok("eval", "ask", dir)
	row := func(system string) []float64 {
		t.Helper()
		m := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(system) + ` +\| +([\d.]+) \| +(\d+) \| +([\d.]+) \|.*$`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no row for %s:\n%s", system, out)
		}
		var v []float64
		for _, s := range m[1:] {
			f, _ := strconv.ParseFloat(s, 64)
			v = append(v, f)
		}
		return v
	}
	base, got := row("top search hit, first 2 sentences"), row("newsbrief ask (min relevance 0.40)")
	// Floors a little under what the defaults reach (85.3% right, R1 40.70
	// against the baseline's 87.1% and 37.14; 112 of 116 answered).
	if got[0] < 80 || got[1] < 105 || got[2] < 39 || got[2] <= base[2] {
		t.Errorf("answers: %.1f%% right, %v answered, R1 %.2f (baseline R1 %.2f); want at least 80%%, 105 and 39 and above the baseline:\n%s",
			got[0], got[1], got[2], base[2], out)
	}
	m := regexp.MustCompile(`(?m)^\| 0\.40 \(default\) +\| +([\d.]+) \| +([\d.-]+) \| +([\d.]+) \|$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no row for the default threshold:\n%s", out)
	}
	heldOut, _ := strconv.ParseFloat(m[1], 64)
	unrelated, _ := strconv.ParseFloat(m[2], 64) // "-" without ecbplus-dev: 0
	declined, _ := strconv.ParseFloat(m[3], 64)
	// 43.1% of the held-out events' questions are answered (most by the
	// same story's report of another day), 6.1% of the unrelated ones,
	// and 4.3% of the stored ones declined.
	if heldOut > 50 || unrelated > 10 || declined > 8 {
		t.Errorf("threshold: held-out answered %.1f%%, unrelated answered %.1f%%, stored declined %.1f%%; want at most 50, 10 and 8:\n%s",
			heldOut, unrelated, declined, out)
	}
}
