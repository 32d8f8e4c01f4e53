package render_test

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

// allSidesStories makes a story of each AllSides event (real headlines,
// outlets and URLs; the summary its first article's first two sentences,
// as long as briefings' summaries run), in the order of the set's index.
func allSidesStories(tb testing.TB) []news.Story {
	tb.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "eval", "allsides-dev")
	f, err := os.Open(filepath.Join(dir, "index.tsv"))
	if err != nil {
		tb.Skipf("../shared not found beside the checkout (%v): the measure reads real stories", err)
	}
	defer f.Close()
	var stories []news.Story
	byEvent := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Scan() // the header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 5 {
			continue
		}
		text, err := os.ReadFile(filepath.Join(dir, "docs", cols[0]))
		if err != nil {
			tb.Fatal(err)
		}
		title, body, _ := strings.Cut(string(text), "\n")
		a := news.StoryArticle{Title: strings.TrimSpace(title), URL: cols[4], Outlet: cols[3]}
		i, ok := byEvent[cols[1]]
		if !ok {
			i = len(stories)
			byEvent[cols[1]] = i
			stories = append(stories, news.Story{Headline: a.Title, Summary: strings.Join(summarize.Lead(body, 2), " ")})
		}
		stories[i].Articles = append(stories[i].Articles, a)
	}
	return stories
}

// How many stories of real news fit the first message of a briefing: the
// measure behind the Discord default of DIGEST_MAX_STORIES
// (render.StoriesPerMessage), over every run of consecutive AllSides
// events.
func TestStoriesPerMessage(t *testing.T) {
	stories := allSidesStories(t)
	const run = 20
	var fits []int
	for start := 0; start+run <= len(stories); start++ {
		b := news.Briefing{Stories: stories[start : start+run]}
		msgs := render.Digest(render.English, b, 1, nil)
		fits = append(fits, len(menuValues(msgs[0])))
	}
	sort.Ints(fits)
	p := func(q float64) int { return fits[int(q*float64(len(fits)-1))] }
	t.Logf("stories in the first message over %d runs of real stories: min %d, p10 %d, median %d, max %d",
		len(fits), fits[0], p(0.1), p(0.5), fits[len(fits)-1])
	if p(0.1) < render.StoriesPerMessage {
		t.Errorf("StoriesPerMessage is %d, but a tenth of briefings fit fewer than %d in one message", render.StoriesPerMessage, p(0.1))
	}
}
