package eval

import (
	"math"
	"os"
	"strings"
	"testing"
)

const bbcDir = "../../shared/eval/bbc-news-summary"

// splitSentences is a deliberately simple splitter, good enough for Lead-3:
// a break after [.!?] (and an optional closing quote) followed by a space.
func splitSentences(para string) []string {
	var out []string
	start := 0
	for i := 0; i < len(para); i++ {
		if c := para[i]; c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		if j < len(para) && (para[j] == '"' || para[j] == '\'') {
			j++
		}
		if j < len(para) && para[j] == ' ' {
			out = appendTrimmed(out, para[start:j])
			start = j
		}
	}
	return appendTrimmed(out, para[start:])
}

// TestLead3BBC is the end-to-end check of tokenisation, stemming and
// scoring against the README's Lead-3 baseline.
func TestLead3BBC(t *testing.T) {
	if _, err := os.Stat(bbcDir); err != nil {
		t.Skipf("evaluation data not found at %s (needs ../shared/eval next to the checkout): %v", bbcDir, err)
	}
	arts, err := LoadBBC(bbcDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 577 {
		t.Fatalf("loaded %d articles, want 577", len(arts))
	}
	var sum [4]float64
	for _, a := range arts {
		var sents []string
		for _, p := range a.Paragraphs {
			sents = append(sents, splitSentences(p)...)
		}
		cand := strings.Join(sents[:min(3, len(sents))], "\n")
		s := Rouge(cand, strings.Join(a.ReferenceSentences(), "\n"))
		for i, sc := range []Score{s.R1, s.R2, s.RL, s.RLsum} {
			sum[i] += sc.F
		}
	}
	want := [4]float64{44.29, 35.73, 34.38, 43.23}
	names := [4]string{"R1", "R2", "RL", "RLsum"}
	for i := range sum {
		got := 100 * sum[i] / float64(len(arts))
		t.Logf("Lead-3 %s = %.2f (README %.2f)", names[i], got, want[i])
		if math.Abs(got-want[i]) > 1.5 {
			t.Errorf("Lead-3 %s = %.2f, want %.2f ± 1.5", names[i], got, want[i])
		}
	}
}

func TestLoadBBCMissing(t *testing.T) {
	if _, err := LoadBBC(t.TempDir()); err == nil {
		t.Error("LoadBBC on an empty directory: want error")
	}
}
