package summarize_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/summarize"
)

const bbcDir = "../../shared/eval/bbc-news-summary"

// loadBBC returns the BBC evaluation set, skipping the test if it is absent.
func loadBBC(tb testing.TB) []eval.BBCArticle {
	tb.Helper()
	if _, err := os.Stat(bbcDir); err != nil {
		tb.Skipf("BBC evaluation set not found at %s (see ../shared/eval/README.md): %v", filepath.Clean(bbcDir), err)
	}
	arts, err := eval.LoadBBC(bbcDir)
	if err != nil {
		tb.Fatal(err)
	}
	return arts
}

func bbcBody(a eval.BBCArticle) string { return a.Body() }

func TestROUGEOnBBC(t *testing.T) {
	arts := loadBBC(t)
	const n = 3
	ex := summarize.NewExtractive()
	systems := []struct {
		name string
		sum  func(a eval.BBCArticle) []string
	}{
		{"Lead-3", func(a eval.BBCArticle) []string { return summarize.Lead(bbcBody(a), n) }},
		{"TextRank", func(a eval.BBCArticle) []string { return summarize.TextRank(bbcBody(a), n) }},
		{"Extractive", func(a eval.BBCArticle) []string { return ex.Extract(a.Headline, bbcBody(a), n) }},
	}
	res := map[string]eval.SummaryScores{}
	var sb strings.Builder
	sb.WriteString("\n| system | R1 | R2 | RL | RLsum |\n|---|---|---|---|---|\n")
	for _, s := range systems {
		r := eval.ScoreSummaries(arts, s.sum)
		res[s.name] = r
		sb.WriteString(strings.Join([]string{"| " + s.name, f2(r.R1), f2(r.R2), f2(r.RL), f2(r.RLsum)}, " | ") + " |\n")
	}
	t.Logf("ROUGE F1 ×100 over %d BBC articles, %d sentences:%s", len(arts), n, sb.String())
	if got := res["Extractive"].R1; got < 58 {
		t.Errorf("Extractive R1 = %.2f, want ≥ 58", got)
	}
	if ex, tr := res["Extractive"].R1, res["TextRank"].R1; ex <= tr {
		t.Errorf("Extractive R1 = %.2f, want > TextRank R1 %.2f", ex, tr)
	}
}

func f2(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }

func BenchmarkExtractive(b *testing.B) {
	arts := loadBBC(b)
	bodies := make([]string, len(arts))
	titles := make([]string, len(arts))
	for i, a := range arts {
		bodies[i], titles[i] = bbcBody(a), a.Headline
	}
	ex := summarize.NewExtractive()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	count := 0
	for i := 0; b.Loop(); i++ {
		k := i % len(bodies)
		ex.Extract(titles[k], bodies[k], 3)
		count++
	}
	b.ReportMetric(float64(count)/time.Since(start).Seconds(), "articles/s")
}

func TestExtractiveEdgeCases(t *testing.T) {
	ex := summarize.NewExtractive()
	if got := ex.Extract("Title", "", 3); got != nil {
		t.Errorf("empty body: got %q, want nil", got)
	}
	if got := ex.Extract("Title", "  \n\n ", 3); got != nil {
		t.Errorf("blank body: got %q, want nil", got)
	}
	if got := ex.Extract("Title", "Only one sentence here.", 3); len(got) != 1 || got[0] != "Only one sentence here." {
		t.Errorf("one sentence: got %q", got)
	}
	if got := ex.Extract("Title", "One. Two. Three. Four.", 0); got != nil {
		t.Errorf("n = 0: got %q, want nil", got)
	}
	noPunct := "markets rallied on monday as investors cheered the news and shares rose across the board"
	if got := ex.Extract("", noPunct, 3); len(got) != 1 || got[0] != noPunct {
		t.Errorf("no punctuation: got %q", got)
	}
	// Paragraphs without final punctuation are still separate sentences.
	paras := "Shares rose sharply\n\nThe index closed higher\n\nTraders were cheerful\n\nOil fell\n\nBonds were flat"
	if got := ex.Extract("", paras, 3); len(got) != 3 {
		t.Errorf("unpunctuated paragraphs: got %d sentences, want 3: %q", len(got), got)
	}

	body := "The central bank raised interest rates on Tuesday. " +
		"Analysts had expected the central bank to hold rates steady. " +
		"The weather was mild. " +
		"Higher interest rates make mortgages more expensive for households. " +
		"A football match was postponed."
	for _, title := range []string{"", "Central bank raises interest rates"} {
		got := ex.Extract(title, body, 2)
		if len(got) != 2 {
			t.Fatalf("title %q: got %d sentences, want 2", title, len(got))
		}
		// In article order, and deterministic.
		if strings.Index(body, got[0]) >= strings.Index(body, got[1]) {
			t.Errorf("title %q: not in article order: %q", title, got)
		}
		again := ex.Extract(title, body, 2)
		if strings.Join(again, "|") != strings.Join(got, "|") {
			t.Errorf("title %q: not deterministic: %q vs %q", title, got, again)
		}
		for _, s := range got {
			if strings.Contains(s, "weather") || strings.Contains(s, "football") {
				t.Errorf("title %q: picked off-topic sentence %q", title, s)
			}
		}
	}
}

func TestExtractiveHugeArticle(t *testing.T) {
	var sb strings.Builder
	for i := range 10000 {
		sb.WriteString("Sentence number ")
		sb.WriteString(strconv.Itoa(i))
		sb.WriteString(" talks about topic ")
		sb.WriteString(strconv.Itoa(i % 37))
		sb.WriteString(" and the economy. ")
		if i%5 == 4 {
			sb.WriteString("\n\n")
		}
	}
	body := sb.String()
	// Speed is BenchmarkExtractive's business; here only the result counts.
	got := summarize.NewExtractive().Extract("The economy", body, 3)
	if len(got) != 3 {
		t.Errorf("got %d sentences, want 3", len(got))
	}
	if got := summarize.TextRank(body, 3); len(got) != 3 {
		t.Errorf("TextRank: got %d sentences, want 3", len(got))
	}
	if got := summarize.Lead(body, 3); len(got) != 3 {
		t.Errorf("Lead: got %d sentences, want 3", len(got))
	}
}

func TestBaselines(t *testing.T) {
	body := "First one. Second one here. Third.\n\nFourth sentence."
	if got := summarize.Lead(body, 3); strings.Join(got, "|") != "First one.|Second one here.|Third." {
		t.Errorf("Lead = %q", got)
	}
	if got := summarize.Lead("", 3); got != nil {
		t.Errorf("Lead(empty) = %q, want nil", got)
	}
	if got := summarize.TextRank("", 3); got != nil {
		t.Errorf("TextRank(empty) = %q, want nil", got)
	}
	if got := summarize.TextRank("Alone.", 3); len(got) != 1 {
		t.Errorf("TextRank(one) = %q", got)
	}
	got := summarize.TextRank(body, 2)
	if len(got) != 2 || strings.Index(body, got[0]) >= strings.Index(body, got[1]) {
		t.Errorf("TextRank = %q, want 2 sentences in article order", got)
	}
}
