package discordtest

import (
	"net/http"
	"strings"
	"time"
)

// rateLimitRule makes the next n matching requests fail with 429.
type rateLimitRule struct {
	method     string
	prefix     string
	n          int
	retryAfter time.Duration
}

// RateLimit makes the next n requests whose method matches (any if "") and whose path starts
// with pathPrefix (relative to /api/v9, e.g. "/channels/"; a prefix with /api/v9 works too)
// get 429 {"message","retry_after","global":false} with X-RateLimit-* and Retry-After headers.
func (s *Server) RateLimit(method, pathPrefix string, n int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimits = append(s.rateLimits, &rateLimitRule{
		method:     strings.ToUpper(method),
		prefix:     strings.TrimPrefix(pathPrefix, apiPrefix),
		n:          n,
		retryAfter: retryAfter,
	})
}

// takeRateLimit consumes one use of the first rule matching the request, if any.
func (s *Server) takeRateLimit(method, path string) *rateLimitRule {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, rule := range s.rateLimits {
		if (rule.method == "" || rule.method == method) && strings.HasPrefix(path, rule.prefix) {
			rule.n--
			if rule.n <= 0 {
				s.rateLimits = append(s.rateLimits[:i], s.rateLimits[i+1:]...)
			}
			return rule
		}
	}
	return nil
}

// channelFailure is a permanent error a channel answers with.
type channelFailure struct {
	status, code int
}

// failureMessage is Discord's message for the codes FailChannel is meant for.
func failureMessage(status, code int) string {
	switch code {
	case 10003:
		return "Unknown Channel"
	case 50001:
		return "Missing Access"
	case 50013:
		return "Missing Permissions"
	case 50007:
		return "Cannot send messages to this user"
	}
	return http.StatusText(status)
}

// FailChannel makes writes to the channel (and, for 10003 and 50001, reads too) fail with
// status and Discord error code, e.g. (404, 10003), (403, 50001), (403, 50013).
func (s *Server) FailChannel(channelID string, status, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[channelID] = channelFailure{status: status, code: code}
}

func (s *Server) channelFailure(method string, p []string) *restError {
	if p[0] != "channels" || len(p) < 2 {
		return nil
	}
	s.mu.Lock()
	f, ok := s.failures[p[1]]
	s.mu.Unlock()
	if !ok || method == http.MethodGet && f.code != 10003 && f.code != 50001 {
		return nil
	}
	return &restError{status: f.status, Code: f.code, Msg: failureMessage(f.status, f.code)}
}
