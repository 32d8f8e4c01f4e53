package analyzer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsbrief/newsbrief/analyzer"
)

// benchText is a real French news article (~3 KB) from the multilingual
// evaluation set, or the benchmark is skipped.
func benchText(b *testing.B) string {
	b.Helper()
	p := filepath.Join("..", "..", "shared", "eval", "multilingual", "fr", "articles", "0001.txt")
	t, err := os.ReadFile(p)
	if err != nil {
		b.Skipf("needs the multilingual evaluation set (../shared beside the checkout): %v", err)
	}
	return string(t)
}

func BenchmarkDetect(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(min(len(text), analyzer.DetectSample)))
	for b.Loop() {
		analyzer.Detect(text)
	}
}

func BenchmarkIndexText(b *testing.B) {
	text := benchText(b)
	fr := analyzer.For("fr")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		fr.IndexText(text)
	}
}

func BenchmarkSentences(b *testing.B) {
	text := benchText(b)
	fr := analyzer.For("fr")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		fr.Sentences(text)
	}
}
