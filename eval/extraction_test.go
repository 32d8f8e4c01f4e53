package eval_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/eval"
)

const extractionDir = "../../shared/eval/article-extraction"

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestScorePageWorkedExample is the example of the set's README.
func TestScorePageWorkedExample(t *testing.T) {
	s := eval.ScorePage("The cat sat on the mat today.", "Share this. The cat sat on the mat.")
	if !near(s.TP, 3.0/6) || !near(s.FP, 2.0/6) || !near(s.FN, 1.0/6) {
		t.Errorf("TP, FP, FN = %v, %v, %v; want 3/6, 2/6, 1/6", s.TP, s.FP, s.FN)
	}
	if !near(s.Precision(), 0.6) || !near(s.Recall(), 0.75) {
		t.Errorf("P, R = %v, %v; want 0.6, 0.75", s.Precision(), s.Recall())
	}
	got := eval.ScoreExtraction([]eval.PageScore{s})
	if math.Round(got.F1*1000) != 667 || got.Empty != 0 || got.Accuracy != 0 {
		t.Errorf("set scores = %+v, want F1 0.667", got)
	}
}

func TestScorePage(t *testing.T) {
	tests := []struct {
		name, truth, got string
		p, r             float64
		empty, exact     bool
	}{
		{name: "same tokens, other punctuation", truth: "One two, three four five.", got: "One  two three\n\nfour five", p: 1, r: 1, exact: true},
		{name: "nothing extracted", truth: "One two three four five.", got: " — ", p: 0, r: 0, empty: true},
		{name: "short texts are one shingle", truth: "Yes no", got: "Yes no", p: 1, r: 1, exact: true},
		{name: "short text differs", truth: "Yes no", got: "Yes", p: 0, r: 0},
		{name: "a repeated shingle counts twice", truth: "a b c d", got: "a b c d a b c d", p: 0.2, r: 1}, // abcd twice, bcda, cdab, dabc: 1 of 5 in the truth,
		{name: "unicode words", truth: "東京 café naïve Ünïcödé_x 42", got: "東京 café naïve Ünïcödé_x 42", p: 1, r: 1, exact: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := eval.ScorePage(tt.truth, tt.got)
			if !near(s.Precision(), tt.p) || !near(s.Recall(), tt.r) || s.Empty != tt.empty || s.Exact != tt.exact {
				t.Errorf("P %v R %v empty %v exact %v; want %v %v %v %v", s.Precision(), s.Recall(), s.Empty, s.Exact, tt.p, tt.r, tt.empty, tt.exact)
			}
		})
	}
}

// TestScoreExtractionLeavesEmptyOutOfPrecision: a failed page lowers
// recall only.
func TestScoreExtractionLeavesEmptyOutOfPrecision(t *testing.T) {
	pages := []eval.PageScore{
		eval.ScorePage("a b c d e", "a b c d e"),
		eval.ScorePage("a b c d e", ""),
	}
	got := eval.ScoreExtraction(pages)
	want := eval.ExtractionScores{P: 1, R: 0.5, F1: 2 * 0.5 / 1.5, Accuracy: 0.5, Pages: 2, Empty: 1}
	if diff := cmp.Diff(want, got, cmp.Comparer(near)); diff != "" {
		t.Errorf("scores (-want +got):\n%s", diff)
	}
}

func TestTokens(t *testing.T) {
	got := eval.Tokens("It's 3.5%—über_cool,東京! e\u0301t")
	want := []string{"It", "s", "3", "5", "über_cool", "東京", "e", "t"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
}

func TestLoadExtraction(t *testing.T) {
	pages, err := eval.LoadExtraction(extractionDir)
	if err != nil {
		t.Skipf("evaluation data not found at %s (needs ../shared/eval next to the checkout): %v", extractionDir, err)
	}
	if len(pages) != 60 {
		t.Fatalf("%d pages, want 60", len(pages))
	}
	for _, p := range pages {
		if len(p.ID) != 64 || len(p.HTML) == 0 || len(eval.Tokens(p.Truth)) == 0 || p.URL == "" {
			t.Errorf("page %s: %d bytes of HTML, truth %.40q, url %q", p.ID, len(p.HTML), p.Truth, p.URL)
		}
	}
	// The truth scored against itself is perfect.
	scores := make([]eval.PageScore, len(pages))
	for i, p := range pages {
		scores[i] = eval.ScorePage(p.Truth, p.Truth)
	}
	if s := eval.ScoreExtraction(scores); s.F1 != 1 || s.Accuracy != 1 {
		t.Errorf("truth against itself: %+v", s)
	}
}

func TestLoadExtractionErrors(t *testing.T) {
	if _, err := eval.LoadExtraction(t.TempDir()); err == nil {
		t.Error("no error for a directory without ground-truth.json")
	}
}
