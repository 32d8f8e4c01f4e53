package metrics

import (
	"regexp"
	"strings"
)

// maxReasonRunes caps one check's line on /readyz: a reason is for a human
// glancing at a probe, and a huge error should not become a huge response.
const maxReasonRunes = 200

// These patterns find secrets that commonly end up in error text: driver
// DSNs, HTTP client errors quoting the request URL (a Discord webhook URL
// carries its token in the path), and raw API or bot tokens. They are
// compiled once and never modified.
var (
	urlPattern = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.\-]*://[^\s"'<>]+`)
	// libpq-style key=value settings and query parameters.
	keyValuePattern = regexp.MustCompile(`(?i)\b(password|passwd|pwd|secret|client_secret|token|access_token|api[_-]?key|apikey|auth|authorization)=("[^"]*"|'[^']*'|[^\s&;,]+)`)
	// Authorization schemes followed by a credential; the length floor keeps
	// prose such as "bot disconnected" intact.
	schemePattern = regexp.MustCompile(`(?i)\b(bearer|bot|basic)\s+[A-Za-z0-9._~+/=\-]{20,}`)
	// OpenAI keys (sk-...) and Discord bot tokens (three dot-separated
	// base64url parts).
	tokenPattern = regexp.MustCompile(`\bsk-[A-Za-z0-9_\-]{16,}|\b[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{6,}\.[A-Za-z0-9_\-]{20,}`)
)

// redact makes a check's error text fit to show on /readyz: anything that
// looks like a credential is replaced with REDACTED, URLs keep only their
// scheme and host, and the result is one bounded line.
func redact(s string) string {
	s = urlPattern.ReplaceAllStringFunc(s, redactURL)
	s = keyValuePattern.ReplaceAllString(s, "${1}=REDACTED")
	s = schemePattern.ReplaceAllString(s, "${1} REDACTED")
	s = tokenPattern.ReplaceAllString(s, "REDACTED")
	s = strings.Join(strings.Fields(s), " ") // one line per check
	if r := []rune(s); len(r) > maxReasonRunes {
		s = string(r[:maxReasonRunes]) + "..."
	}
	if s == "" {
		return "not ready"
	}
	return s
}

// redactURL keeps a URL's scheme and host, which say what failed, and drops
// user info, path, query and fragment, which is where credentials live.
func redactURL(u string) string {
	i := strings.Index(u, "://")
	scheme, rest := u[:i], u[i+len("://"):]
	host, tail := rest, ""
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		host, tail = rest[:j], rest[j:]
	}
	// An '@' past the host is either a path ("/@user") or a hand-written
	// password holding a '/'; the two cannot be told apart, so show neither.
	if strings.Contains(tail, "@") {
		return scheme + "://REDACTED"
	}
	if j := strings.LastIndex(host, "@"); j >= 0 {
		host = host[j+1:]
	}
	if tail != "" && tail != "/" {
		host += "/REDACTED"
	}
	return scheme + "://" + host
}
