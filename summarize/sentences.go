// Package summarize condenses articles: sentence splitting and, later,
// extractive and LLM summarizers.
package summarize

import "github.com/newsbrief/newsbrief/analyzer"

// Sentences splits clean article text into sentences by the rules for
// text of an unknown language (English news's abbreviations); see
// analyzer.Lang.Sentences for the rules and for other languages'.
func Sentences(text string) []string {
	return analyzer.For("").Sentences(text)
}
