package digest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

var renderers = []struct {
	ext    string
	render func(io.Writer, news.Briefing) error
}{
	{"txt", digest.Text},
	{"md", digest.Markdown},
	{"json", digest.JSON},
}

// overviewer is the extractive summarizer plus a canned overview, as an
// LLM would write one.
type overviewer struct{ summarize.Summarizer }

func (o overviewer) Summarize(ctx context.Context, req summarize.Request) (news.Summary, error) {
	if req.Kind == summarize.Overview {
		return news.Summary{Sentences: []string{"Northbridge gets its tram extension while Saltmere cleans up after Storm Edda."}, Summarizer: "llm"}, nil
	}
	return o.Summarizer.Summarize(ctx, req)
}

func TestRenderGolden(t *testing.T) {
	db, _, _ := mustFixture(t)
	full, err := digest.New(db, overviewer{summarize.NewExtractive()}, digest.Options{Now: clock}).
		Build(context.Background(), digest.Request{Target: "cli", MaxStories: 4})
	if err != nil {
		t.Fatal(err)
	}
	empty, err := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock}).
		Build(context.Background(), digest.Request{From: now.Add(-100 * 24 * time.Hour), To: now.Add(-90 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	// A briefing four hours ago, then one since: the tram and rate-cut
	// stories have new reports and are updates.
	bd := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock})
	earlier, err := bd.Build(context.Background(), digest.Request{Target: "channel", From: now.Add(-48 * time.Hour), To: now.Add(-4 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordDigest(context.Background(), earlier); err != nil {
		t.Fatal(err)
	}
	update, err := bd.Build(context.Background(), digest.Request{Target: "channel"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		b    news.Briefing
	}{{"briefing", full}, {"empty", empty}, {"update", update}} {
		for _, r := range renderers {
			t.Run(tt.name+"."+r.ext, func(t *testing.T) {
				var buf bytes.Buffer
				if err := r.render(&buf, tt.b); err != nil {
					t.Fatal(err)
				}
				golden(t, tt.name+"."+r.ext+".golden", buf.Bytes())
			})
		}
	}
}

// TestRenderSamples ingests the repository's sample articles, as 'newsbrief
// demo' does, and renders their briefing: the whole path on real articles.
func TestRenderSamples(t *testing.T) {
	if _, err := os.Stat("../samples"); err != nil {
		t.Skipf("no samples: %v", err)
	}
	ctx := context.Background()
	db := mustOpen(t)
	rep := ingest.New(db, nil, ingest.Options{Now: clock}).Ingest(ctx, []string{"../samples"}, nil)
	if len(rep.Failures) > 0 || rep.Added == 0 {
		t.Fatalf("ingesting the samples: %+v", rep)
	}
	b, err := digest.New(db, summarize.NewExtractive(), digest.Options{Now: func() time.Time { return now.Add(time.Hour) }}).
		Build(ctx, digest.Request{From: now.Add(-14 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := digest.Text(&buf, b); err != nil {
		t.Fatal(err)
	}
	golden(t, "samples.txt.golden", buf.Bytes())
}

// fixedShape is the JSON interface fixed by the issue.
type fixedShape struct {
	Window struct {
		From string `json:"from"`
		To   string `json:"to"`
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

func TestJSONShape(t *testing.T) {
	db, _, stored := mustFixture(t)
	b, err := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock}).Build(context.Background(), digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := digest.JSON(&buf, b); err != nil {
		t.Fatal(err)
	}
	var got fixedShape
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Window.From != "2026-11-28T09:00:00Z" || got.Window.To != "2026-11-29T09:00:00Z" {
		t.Errorf("window %+v", got.Window)
	}
	if len(got.Stories) != len(b.Stories) {
		t.Fatalf("%d stories, want %d", len(got.Stories), len(b.Stories))
	}
	tram := got.Stories[0]
	if tram.Headline != tramHerald || tram.Summary != b.Stories[0].Summary || len(tram.Articles) != 3 {
		t.Errorf("first story %+v", tram)
	}
	// "source" is the article's Source exactly as stored.
	a := tram.Articles[2]
	if a.ID != stored[2].ID || a.Source != "/srv/wire/ledger/eastgate-tram.md" || a.URL != "" || a.Title != tramLedger {
		t.Errorf("third tram article %+v", a)
	}
	// The fixed fields come first, in this order.
	for _, want := range [][]string{
		{"window", "stories"},
		{"headline", "summary", "articles"},
		{"id", "title", "url", "source"},
		{"from", "to"},
	} {
		if keys := objectKeys(t, buf.Bytes(), want[0]); !hasPrefix(keys, want) {
			t.Errorf("an object's keys are %v, want them to start with %v", keys, want)
		}
	}

	buf.Reset()
	if err := digest.JSON(&buf, news.Briefing{From: now.Add(-time.Hour), To: now}); err != nil {
		t.Fatal(err)
	}
	var empty map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &empty); err != nil {
		t.Fatal(err)
	}
	if string(empty["stories"]) != "[]" {
		t.Errorf(`empty briefing: "stories": %s, want []`, empty["stories"])
	}
}

// objectKeys returns the keys, in order, of the first JSON object in data
// whose first key is first.
func objectKeys(t *testing.T, data []byte, first string) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack [][]string // keys of the open objects
	var inObject []bool  // per open container: object (expecting a key next)?
	expectKey := func() bool { return len(inObject) > 0 && inObject[len(inObject)-1] }
	var keyNext []bool
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			t.Fatal(err)
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, nil)
				inObject = append(inObject, true)
				keyNext = append(keyNext, true)
			case '[':
				inObject = append(inObject, false)
				keyNext = append(keyNext, false)
			case '}':
				keys := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				inObject, keyNext = inObject[:len(inObject)-1], keyNext[:len(keyNext)-1]
				if len(keys) > 0 && keys[0] == first {
					return keys
				}
				if len(keyNext) > 0 && inObject[len(inObject)-1] {
					keyNext[len(keyNext)-1] = true
				}
			case ']':
				inObject, keyNext = inObject[:len(inObject)-1], keyNext[:len(keyNext)-1]
				if len(keyNext) > 0 && inObject[len(inObject)-1] {
					keyNext[len(keyNext)-1] = true
				}
			}
		default:
			if expectKey() && keyNext[len(keyNext)-1] {
				stack[len(stack)-1] = append(stack[len(stack)-1], v.(string))
				keyNext[len(keyNext)-1] = false
			} else if expectKey() {
				keyNext[len(keyNext)-1] = true // that was a value
			}
		}
	}
}

func hasPrefix(keys, prefix []string) bool {
	return len(keys) >= len(prefix) && cmp.Equal(keys[:len(prefix)], prefix)
}

func TestMarkdownEscapes(t *testing.T) {
	b := news.Briefing{From: now.Add(-time.Hour), To: now, Stories: []news.Story{{
		Headline: "*Breaking*: [City] rates_up #1 <b>bold</b> | ~gone~ `code`",
		Summary:  "1. Not a list item.\n- Not a bullet either, (really).",
		Sources:  1,
		Articles: []news.StoryArticle{
			{ID: 1, Title: "Q&A [live]", URL: "https://example.com/a_(b)"},
			{ID: 2, Title: "", Source: "/srv/x/file`name.txt"},
		},
	}}}
	var buf bytes.Buffer
	if err := digest.Markdown(&buf, b); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		"## 1. \\*Breaking\\*: \\[City\\] rates\\_up \\#1 \\<b\\>bold\\</b\\> \\| \\~gone\\~ \\`code\\`\n",
		"1\\. Not a list item. - Not a bullet either, \\(really\\).\n",
		"- [Q&A \\[live\\]](https://example.com/a_%28b%29)\n",
		"- Untitled \\(file\\`name.txt\\) — `/srv/x/file'name.txt`\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
