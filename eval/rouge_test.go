package eval

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func checkScore(t *testing.T, name string, got, want Score) {
	t.Helper()
	if !near(got.P, want.P) || !near(got.R, want.R) || !near(got.F, want.F) {
		t.Errorf("%s = %+v, want %+v", name, got, want)
	}
}

func TestTokenize(t *testing.T) {
	got := Tokenize("Profits at US giant TimeWarner jumped 76% to $1.13bn (£600m)!")
	want := []string{"profit", "at", "us", "giant", "timewarn", "jump", "76", "to", "1", "13bn", "600m"}
	if len(got) != len(want) {
		t.Fatalf("Tokenize = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Tokenize = %q, want %q", got, want)
		}
	}
}

func TestRougeIdenticalAndDisjoint(t *testing.T) {
	one := Score{1, 1, 1}
	s := Rouge("The cat sat on the mat.\nIt was happy.", "The cat sat on the mat.\nIt was happy.")
	for name, got := range map[string]Score{"R1": s.R1, "R2": s.R2, "RL": s.RL, "RLsum": s.RLsum} {
		checkScore(t, "identical "+name, got, one)
	}
	s = Rouge("dogs bark loudly", "the cat sat")
	for name, got := range map[string]Score{"R1": s.R1, "R2": s.R2, "RL": s.RL, "RLsum": s.RLsum} {
		checkScore(t, "disjoint "+name, got, Score{})
	}
	s = Rouge("", "the cat sat")
	checkScore(t, "empty candidate RL", s.RL, Score{})
	checkScore(t, "empty candidate RLsum", s.RLsum, Score{})
}

// The rouge-score README example: target "The quick brown fox jumps over the
// lazy dog" (9 tokens), prediction "The quick brown dog jumps on the log."
// (8 tokens). Unigram overlap: the×2, quick, brown, dog, jump = 6, so
// P = 6/8, R = 6/9. LCS: the quick brown jump the = 5, so P = 5/8, R = 5/9.
func TestRougeScoreReadmeExample(t *testing.T) {
	s := Rouge("The quick brown dog jumps on the log.", "The quick brown fox jumps over the lazy dog")
	checkScore(t, "R1", s.R1, Score{0.75, 6.0 / 9, 2 * 0.75 * (6.0 / 9) / (0.75 + 6.0/9)})
	checkScore(t, "RL", s.RL, Score{0.625, 5.0 / 9, 2 * 0.625 * (5.0 / 9) / (0.625 + 5.0/9)})
	// Bigrams: pred has 7, target 8; shared: "the quick", "quick brown" = 2.
	checkScore(t, "R2", s.R2, Score{2.0 / 7, 2.0 / 8, 2 * (2.0 / 7) * 0.25 / (2.0/7 + 0.25)})
}

// rouge-score's own test: target "testing one two", prediction "testing":
// P = 1/1, R = 1/3, F = 0.5.
func TestRougePartial(t *testing.T) {
	s := Rouge("testing", "testing one two")
	checkScore(t, "R1", s.R1, Score{1, 1.0 / 3, 0.5})
	// No bigram in the prediction: P = 0/max(0,1), R = 0/2.
	checkScore(t, "R2", s.R2, Score{})
	// cand "aa bb cc", ref "aa bb dd": bigrams {aa bb, bb cc} vs
	// {aa bb, bb dd}, overlap 1 of 2 on each side.
	s = Rouge("aa bb cc", "aa bb dd")
	checkScore(t, "R2 half", s.R2, Score{0.5, 0.5, 0.5})
}

func TestRougeNgramClipping(t *testing.T) {
	// cand "the the the the", ref "the cat": "the" overlap min(4,1) = 1,
	// P = 1/4, R = 1/2, F = 2·(1/8)/(3/4) = 1/3.
	s := Rouge("the the the the", "the cat")
	checkScore(t, "R1", s.R1, Score{0.25, 0.5, 1.0 / 3})
}

// Lin (2004)'s union-LCS example: r = w1 w2 w3 w4 w5, c1 = w1 w2 w6 w7 w8,
// c2 = w1 w3 w8 w9 w5. LCS(r,c1) = w1 w2, LCS(r,c2) = w1 w3 w5, union =
// w1 w2 w3 w5: 4 hits, R = 4/5, P = 4/10, F = 2·0.32/1.2 = 0.5333….
func TestRougeLsumUnion(t *testing.T) {
	s := Rouge("w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", "w1 w2 w3 w4 w5")
	checkScore(t, "RLsum", s.RLsum, Score{0.4, 0.8, 2 * 0.32 / 1.2})
}

func TestRougeLsumClipping(t *testing.T) {
	// Each of the two reference sentences "aa bb" unions to both tokens,
	// but the candidate has only one "aa" and one "bb": hits = 2, not 4.
	// m = 4, n = 2: R = 2/4, P = 2/2.
	s := Rouge("aa bb", "aa bb\naa bb")
	checkScore(t, "RLsum", s.RLsum, Score{1, 0.5, 2 * 0.5 / 1.5})
	// Mirror: candidate repeats, reference once: P = 2/4, R = 2/2.
	s = Rouge("aa bb\naa bb", "aa bb")
	checkScore(t, "RLsum mirror", s.RLsum, Score{0.5, 1, 2 * 0.5 / 1.5})
	// Empty lines are dropped, not counted as sentences.
	s = Rouge("aa bb\n\n", "aa bb")
	checkScore(t, "RLsum blank lines", s.RLsum, Score{1, 1, 1})
}
