package cluster

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsbrief/newsbrief/eval"
)

const googleNewsDir = "../../shared/eval/googlenews"

func loadGoogleNews(tb testing.TB, name string) ([]Doc, []int) {
	tb.Helper()
	path := filepath.Join(googleNewsDir, name)
	if _, err := os.Stat(path); os.IsNotExist(err) {
		tb.Skipf("googlenews data not found at %s (see /work/shared/eval/README.md); skipping", googleNewsDir)
	}
	texts, gold, err := eval.LoadGoogleNews(path)
	if err != nil {
		tb.Fatal(err)
	}
	docs := make([]Doc, len(texts))
	for i, t := range texts {
		docs[i] = Doc{ID: int64(i), Title: t}
	}
	return docs, gold
}

func groupLabels(n int, groups [][]int) []int {
	labels := make([]int, n)
	for g, idx := range groups {
		for _, i := range idx {
			labels[i] = g
		}
	}
	return labels
}

func logRow(t *testing.T, name string, c eval.Clustering) {
	t.Logf("| %-28s | %.3f | %.3f | %.3f | %.3f | %.3f | %5d |", name, c.BP, c.BR, c.BF, c.PF, c.NMI, c.Clusters)
}

// evalSet clusters one googlenews file with the baseline (single pass,
// unit title weight as in the README) and with Group, logs both, and
// returns their scores.
func evalSet(t *testing.T, name string, tau float64, opts Options) (base, got eval.Clustering) {
	docs, gold := loadGoogleNews(t, name)
	base = eval.EvalClustering(gold, SinglePass(Vectorize(docs, 1), tau))
	got = eval.EvalClustering(gold, groupLabels(len(docs), Group(docs, opts)))
	t.Logf("%s (%d items)", name, len(docs))
	t.Logf("| %-28s | BCubed P | R | F1 | pair F1 | NMI | clusters |", "system")
	logRow(t, "single pass", base)
	logRow(t, "Group", got)
	return base, got
}

func TestGoogleNewsTS(t *testing.T) {
	base, got := evalSet(t, "TS.jsonl", 0.10, Options{})
	if got.BF < 0.90 {
		t.Errorf("Group BCubed F1 = %.3f, want ≥ 0.90", got.BF)
	}
	if got.BF <= base.BF {
		t.Errorf("Group BCubed F1 = %.3f, not above baseline %.3f", got.BF, base.BF)
	}
}

func TestGoogleNewsT(t *testing.T) {
	base, got := evalSet(t, "T.jsonl", 0.05, Options{Tau: 0.05})
	if got.BF <= base.BF {
		t.Logf("note: Group BCubed F1 %.3f not above baseline %.3f on titles only", got.BF, base.BF)
	}
}
