package eval

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/summarize"
)

const bbcDir = "../../shared/eval/bbc-news-summary"

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
		// The product's own Lead-3, on the product's sentence splitter.
		cand := strings.Join(summarize.Lead(strings.Join(a.Paragraphs, "\n\n"), 3), "\n")
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
