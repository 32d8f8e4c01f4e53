// Package eval measures summary and clustering quality the way the
// evaluation sets under ../shared/eval are scored (see its README).
package eval

import (
	"strings"

	"github.com/newsbrief/newsbrief/stem"
)

// Score is one ROUGE measure: precision, recall and F1, each in [0, 1].
type Score struct {
	P, R, F float64
}

// Scores holds the four ROUGE variants reported by the evaluation README.
type Scores struct {
	R1, R2, RL, RLsum Score
}

// Tokenize splits text the way rouge-score's default tokenizer does with
// stemming on: lowercase, every run of characters outside [a-z0-9] becomes
// a space, split on spaces, and Porter-stem tokens longer than 3 bytes.
func Tokenize(text string) []string {
	lower := strings.ToLower(text)
	b := []byte(lower)
	for i, c := range b {
		// Non-ASCII UTF-8 bytes are all >= 0x80, so they become spaces too,
		// as rouge-score's [^a-z0-9]+ regex does to non-ASCII letters.
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			b[i] = ' '
		}
	}
	toks := strings.Fields(string(b))
	for i, t := range toks {
		if len(t) > 3 {
			toks[i] = stem.Porter(t)
		}
	}
	return toks
}

// Rouge scores candidate against reference. Sentences are separated by
// "\n" in both; only ROUGE-Lsum looks at the sentence boundaries.
func Rouge(candidate, reference string) Scores {
	c, r := Tokenize(candidate), Tokenize(reference)
	return Scores{
		R1:    scoreNgrams(ngrams(c, 1), ngrams(r, 1)),
		R2:    scoreNgrams(ngrams(c, 2), ngrams(r, 2)),
		RL:    scoreLCS(c, r),
		RLsum: scoreLsum(sentTokens(candidate), sentTokens(reference)),
	}
}

// fscore is the harmonic mean, 0 when both are 0.
func fscore(p, r float64) Score {
	if p+r == 0 {
		return Score{P: p, R: r}
	}
	return Score{P: p, R: r, F: 2 * p * r / (p + r)}
}

// ngrams counts the n-grams of toks, keyed by the tokens joined with a
// space (tokens never contain spaces, so keys are unambiguous).
func ngrams(toks []string, n int) map[string]int {
	m := map[string]int{}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}

// scoreNgrams clips each n-gram's overlap at its count in either side;
// like rouge-score, empty sides divide by 1 rather than 0.
func scoreNgrams(cand, ref map[string]int) Score {
	overlap, nc, nr := 0, 0, 0
	for g, rc := range ref {
		overlap += min(rc, cand[g])
		nr += rc
	}
	for _, cc := range cand {
		nc += cc
	}
	return fscore(float64(overlap)/float64(max(nc, 1)), float64(overlap)/float64(max(nr, 1)))
}

// lcsTable is the dynamic-programming table of rouge-score's _lcs_table:
// t[i][j] is the LCS length of ref[:i] and can[:j].
func lcsTable(ref, can []string) [][]int {
	t := make([][]int, len(ref)+1)
	for i := range t {
		t[i] = make([]int, len(can)+1)
	}
	for i := 1; i <= len(ref); i++ {
		for j := 1; j <= len(can); j++ {
			if ref[i-1] == can[j-1] {
				t[i][j] = t[i-1][j-1] + 1
			} else {
				t[i][j] = max(t[i-1][j], t[i][j-1])
			}
		}
	}
	return t
}

func scoreLCS(cand, ref []string) Score {
	if len(cand) == 0 || len(ref) == 0 {
		return Score{}
	}
	l := float64(lcsTable(ref, cand)[len(ref)][len(cand)])
	return fscore(l/float64(len(cand)), l/float64(len(ref)))
}

// sentTokens splits on "\n", drops empty lines, and tokenizes each.
func sentTokens(text string) [][]string {
	var out [][]string
	for _, s := range strings.Split(text, "\n") {
		if s != "" {
			out = append(out, Tokenize(s))
		}
	}
	return out
}

// lcsIndices returns the positions in ref of one LCS with can, using the
// same backtracking tie-break as rouge-score so union-LCS hits match it.
func lcsIndices(ref, can []string) []int {
	t := lcsTable(ref, can)
	var idx []int
	i, j := len(ref), len(can)
	for i > 0 && j > 0 {
		switch {
		case ref[i-1] == can[j-1]:
			idx = append(idx, i-1)
			i--
			j--
		case t[i][j-1] > t[i-1][j]:
			j--
		default:
			i--
		}
	}
	return idx // order is irrelevant: callers take the union
}

// scoreLsum is rouge-score's summary-level LCS: for each reference sentence
// take the union of its LCS positions with every candidate sentence, and
// count a hit per unioned token while both sides still have that token
// left, so no token is credited more often than it occurs.
func scoreLsum(cand, ref [][]string) Score {
	m, n := 0, 0
	refCnt, candCnt := map[string]int{}, map[string]int{}
	for _, s := range ref {
		m += len(s)
		for _, t := range s {
			refCnt[t]++
		}
	}
	for _, s := range cand {
		n += len(s)
		for _, t := range s {
			candCnt[t]++
		}
	}
	if m == 0 || n == 0 {
		return Score{}
	}
	hits := 0
	for _, r := range ref {
		union := make([]bool, len(r))
		for _, c := range cand {
			for _, i := range lcsIndices(r, c) {
				union[i] = true
			}
		}
		for i, in := range union {
			if t := r[i]; in && candCnt[t] > 0 && refCnt[t] > 0 {
				hits++
				candCnt[t]--
				refCnt[t]--
			}
		}
	}
	return fscore(float64(hits)/float64(n), float64(hits)/float64(m))
}
