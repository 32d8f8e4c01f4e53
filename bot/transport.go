package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// discordHost is where discordgo's endpoints point (its package variables
// are computed once from https://discord.com/).
const discordHost = "discord.com"

// rewrite sends Discord's REST calls and the gateway lookup to base
// instead: an HTTP proxy in front of Discord, or a test server. It is the
// session's own transport, so nothing global changes.
type rewrite struct {
	base *url.URL
	next http.RoundTripper
}

// newTransport returns the transport for DISCORD_API_URL; Discord itself
// needs no rewriting.
func newTransport(apiURL string, next http.RoundTripper) (http.RoundTripper, error) {
	u, err := url.Parse(apiURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("bot: DISCORD_API_URL %q is not an http(s) base URL", apiURL)
	}
	if next == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		// Interactions come in bursts, each answered by its own request:
		// keep connections for them rather than dialling anew (HTTP/1.1
		// proxies and test servers; Discord itself speaks HTTP/2).
		t.MaxIdleConnsPerHost = 64
		next = t
	}
	if strings.EqualFold(u.Host, discordHost) && u.Scheme == "https" {
		return next, nil
	}
	return &rewrite{base: u, next: next}, nil
}

func (t *rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.EqualFold(req.URL.Host, discordHost) {
		return t.next.RoundTrip(req)
	}
	// RoundTrippers must not change the caller's request.
	r := req.Clone(req.Context())
	r.URL.Scheme = t.base.Scheme
	r.URL.Host = t.base.Host
	r.Host = t.base.Host
	return t.next.RoundTrip(r)
}
