package summarize

// Terms returns the content terms of text, in order: its lower-cased
// words without stop words, longer ones stemmed. Code outside the package
// that compares words as summaries do (answers to questions) goes
// through it, so that a language's own analyzer replaces both at once.
func Terms(text string) []string { return contentTerms(text) }
