package summarize

import "github.com/newsbrief/newsbrief/analyzer"

// Terms returns the content terms of text in language lang, in order: its
// lower-cased words without stop words, stemmed and without accents (see
// analyzer.Lang.Term). Code outside the package that compares words as
// summaries do (answers to questions) goes through it.
func Terms(lang *analyzer.Lang, text string) []string { return contentTerms(lang, text) }
