package eval

import "strings"

// SplitReference splits a BBC reference summary, whose sentences are glued
// without spaces ("…$10.9bn.For the full-year…"), by the README's rule: a
// break goes after [.!?] and an optional quote when a capital letter follows
// immediately. Sentences are returned trimmed, empty ones dropped.
func SplitReference(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		if j < len(s) && (s[j] == '"' || s[j] == '\'') {
			j++
		}
		if j < len(s) && s[j] >= 'A' && s[j] <= 'Z' {
			out = appendTrimmed(out, s[start:j])
			start = j
			i = j - 1
		}
	}
	return appendTrimmed(out, s[start:])
}

func appendTrimmed(out []string, s string) []string {
	if s = strings.TrimSpace(s); s != "" {
		out = append(out, s)
	}
	return out
}
