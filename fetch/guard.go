package fetch

import (
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"syscall"
)

// URLs come from chat users, so the client must not become a way to reach
// the machine it runs on or the network behind it (SSRF). Two checks:
// URLs and redirect targets must be http(s) with a host (checkURL), and
// every connection's resolved address must be public (dialControl). The
// second runs at dial time, after DNS, so a name resolving to 127.0.0.1 or
// a redirect to http://10.0.0.1/ is refused like a literal one.

// parseURL parses rawURL and applies checkURL.
func parseURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		if ue, ok := err.(*url.Error); ok {
			err = ue.Err // its text repeats the URL
		}
		return nil, fmt.Errorf("%w: %w", ErrInvalidURL, err)
	}
	if err := checkURL(u); err != nil {
		return nil, err
	}
	return u, nil
}

// checkURL refuses what the client will not fetch: other schemes (file:,
// ftp:, gopher:, ...) and URLs without a host.
func checkURL(u *url.URL) error {
	switch u.Scheme { // url.Parse lowercases it
	case "http", "https":
	case "":
		return fmt.Errorf("%w: missing scheme (want http or https)", ErrInvalidURL)
	default:
		return fmt.Errorf("%w: unsupported scheme %q (want http or https)", ErrInvalidURL, u.Scheme)
	}
	if u.Hostname() == "" {
		return fmt.Errorf("%w: missing host", ErrInvalidURL)
	}
	return nil
}

// dialControl returns a net.Dialer.Control func that refuses addresses
// check rejects. It runs after the socket is created and before connect.
func dialControl(check func(netip.AddrPort) error) func(network, address string, c syscall.RawConn) error {
	return func(_, address string, _ syscall.RawConn) error {
		return checkDialAddress(address, check)
	}
}

// checkDialAddress parses the "ip:port" the dialer is about to connect to
// and applies check. An address it cannot parse is refused: fail closed.
func checkDialAddress(address string, check func(netip.AddrPort) error) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &kindError{ErrBlocked, fmt.Sprintf("blocked: cannot check dial address %q", address)}
	}
	return check(ap)
}

// checkAddrPort is the production dial check: the address must be public.
func checkAddrPort(ap netip.AddrPort) error {
	return checkAddr(ap.Addr())
}

// checkAddr returns an ErrBlocked error saying why a may not be dialed,
// e.g. "blocked: 127.0.0.1 is a loopback address", or nil.
func checkAddr(a netip.Addr) error {
	a = a.WithZone("")
	if why := blockReason(a); why != "" {
		return &kindError{ErrBlocked, "blocked: " + a.String() + " is " + why}
	}
	return nil
}

// Reasons, phrased to follow "ADDR is".
const (
	isInvalid       = "an invalid address"
	isUnspecified   = "an unspecified address"
	isLoopback      = "a loopback address"
	isPrivate       = "a private address"
	isLinkLocal     = "a link-local address"
	isMulticast     = "a multicast address"
	isBroadcast     = "a broadcast address"
	isShared        = "a shared (carrier-grade NAT) address"
	isDocumentation = "a documentation address"
	isBenchmarking  = "a benchmarking address"
	isReserved      = "a reserved address"
)

type addrRange struct {
	prefix netip.Prefix
	why    string
}

func rules(why string, prefixes ...string) []addrRange {
	out := make([]addrRange, len(prefixes))
	for i, p := range prefixes {
		out[i] = addrRange{netip.MustParsePrefix(p), why}
	}
	return out
}

// IPv4 special-purpose ranges (IANA registry, RFC 6890 and successors)
// that are not reachable public unicast. First match wins.
var blockedV4 = slices.Concat(
	rules(isUnspecified, "0.0.0.0/32"), // connects to the local host on Linux
	rules(isReserved, "0.0.0.0/8"),     // "this network"
	rules(isLoopback, "127.0.0.0/8"),
	rules(isPrivate, "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"),
	rules(isShared, "100.64.0.0/10"),
	rules(isLinkLocal, "169.254.0.0/16"), // includes cloud metadata 169.254.169.254
	rules(isReserved, "192.0.0.0/24", "192.88.99.0/24"),
	rules(isDocumentation, "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"),
	rules(isBenchmarking, "198.18.0.0/15"),
	rules(isMulticast, "224.0.0.0/4"),
	rules(isBroadcast, "255.255.255.255/32"),
	rules(isReserved, "240.0.0.0/4"),
)

// IPv6 ranges checked before the embedded-IPv4 and global-unicast tests.
var blockedV6 = slices.Concat(
	rules(isUnspecified, "::/128"),
	rules(isLoopback, "::1/128"),
	rules(isMulticast, "ff00::/8"),
	rules(isLinkLocal, "fe80::/10"),
	rules(isPrivate, "fc00::/7", "fec0::/10", "64:ff9b:1::/48"), // ULA, old site-local, local-use NAT64
	rules(isReserved, "100::/64", "2001::/23"),                  // discard-only; IETF protocol assignments incl. Teredo
	rules(isDocumentation, "2001:db8::/32", "3fff::/20"),
)

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96") // IPv4 in the last 32 bits
	sixToFour = netip.MustParsePrefix("2002::/16")    // IPv4 in bits 16-47
	globalV6  = netip.MustParsePrefix("2000::/3")     // all IPv6 unicast allocated so far
)

// blockReason says why a is not a public unicast address ("a loopback
// address"), or returns "" when it may be dialed. Forms that embed an IPv4
// address (IPv4-mapped, NAT64, 6to4) are judged by that address, since
// they reach it.
func blockReason(a netip.Addr) string {
	a = a.WithZone("")
	if !a.IsValid() {
		return isInvalid
	}
	if a.Is4In6() {
		return blockReason(a.Unmap())
	}
	if a.Is4() {
		for _, r := range blockedV4 {
			if r.prefix.Contains(a) {
				return r.why
			}
		}
		return ""
	}
	for _, r := range blockedV6 {
		if r.prefix.Contains(a) {
			return r.why
		}
	}
	b := a.As16()
	switch {
	case nat64.Contains(a):
		return embedded("NAT64", netip.AddrFrom4([4]byte(b[12:16])))
	case sixToFour.Contains(a):
		return embedded("6to4", netip.AddrFrom4([4]byte(b[2:6])))
	case !globalV6.Contains(a):
		return isReserved // IPv4-compatible ::a.b.c.d, unallocated space, ...
	}
	return ""
}

func embedded(kind string, v4 netip.Addr) string {
	if why := blockReason(v4); why != "" {
		return why + " (" + kind + " for " + v4.String() + ")"
	}
	return ""
}
