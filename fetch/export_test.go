package fetch

import (
	"net/http"
	"net/netip"
	"time"
)

// Hooks into internals for the fetch_test package.

// CheckAddr is the address classification the dial-time guard applies.
var CheckAddr = checkAddr

// CheckDialAddress runs the guard on an "ip:port" exactly as the dialer's
// Control func does.
func CheckDialAddress(address string) error {
	return checkDialAddress(address, checkAddrPort)
}

// NewWithDialCheck is New with the dial-time check replaced, so a test can
// let one loopback server stand in for a public host while every other
// address still goes through the real check.
func NewWithDialCheck(opts Options, check func(netip.AddrPort) error) *Client {
	c := &Client{}
	c.init(opts, check)
	return c
}

// HostSemaphores reports how many per-host semaphores c holds.
func HostSemaphores(c *Client) int { return c.hosts.size() }

// ParseRetryAfter exposes the Retry-After parser.
var ParseRetryAfter = parseRetryAfter

// PhaseTimeouts reports the TLS-handshake and response-header timeouts of
// c's transport.
func PhaseTimeouts(c *Client) (tls, header time.Duration) {
	tr := c.hc.Transport.(*http.Transport)
	return tr.TLSHandshakeTimeout, tr.ResponseHeaderTimeout
}
