package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/newsbrief/newsbrief/fetch"
)

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr string
		why  string // "" when the address may be dialed
	}{
		// Public IPv4.
		{"8.8.8.8", ""},
		{"1.1.1.1", ""},
		{"93.184.216.34", ""},
		{"11.0.0.1", ""},
		{"100.63.255.255", ""}, // just below CGNAT
		{"100.128.0.0", ""},    // just above CGNAT
		{"172.15.255.255", ""}, // just outside 172.16/12
		{"172.32.0.0", ""},
		{"169.253.255.255", ""},
		{"192.167.255.255", ""},
		{"192.169.0.0", ""},
		{"223.255.255.255", ""},

		// Not public IPv4.
		{"0.0.0.0", "an unspecified address"},
		{"0.1.2.3", "a reserved address"},
		{"127.0.0.1", "a loopback address"},
		{"127.255.255.254", "a loopback address"},
		{"10.0.0.1", "a private address"},
		{"10.255.255.255", "a private address"},
		{"172.16.0.1", "a private address"},
		{"172.31.255.255", "a private address"},
		{"192.168.1.1", "a private address"},
		{"100.64.0.1", "a shared (carrier-grade NAT) address"},
		{"100.127.255.255", "a shared (carrier-grade NAT) address"},
		{"169.254.169.254", "a link-local address"},
		{"169.254.0.1", "a link-local address"},
		{"192.0.0.8", "a reserved address"},
		{"192.0.2.1", "a documentation address"},
		{"198.51.100.7", "a documentation address"},
		{"203.0.113.9", "a documentation address"},
		{"198.18.0.1", "a benchmarking address"},
		{"198.19.255.255", "a benchmarking address"},
		{"224.0.0.1", "a multicast address"},
		{"239.255.255.250", "a multicast address"},
		{"240.0.0.1", "a reserved address"},
		{"255.255.255.255", "a broadcast address"},

		// Public IPv6.
		{"2606:4700:4700::1111", ""},
		{"2001:4860:4860::8888", ""},
		{"2a00:1450:4001:81b::200e", ""},
		{"64:ff9b::808:808", ""}, // NAT64 for 8.8.8.8
		{"2002:808:808::1", ""},  // 6to4 for 8.8.8.8
		{"::ffff:8.8.8.8", ""},   // IPv4-mapped
		{"::ffff:93.184.216.34", ""},

		// Not public IPv6.
		{"::", "an unspecified address"},
		{"::1", "a loopback address"},
		{"fe80::1", "a link-local address"},
		{"fe80::1%eth0", "a link-local address"},
		{"febf:ffff::1", "a link-local address"},
		{"fc00::1", "a private address"},
		{"fd12:3456:789a::1", "a private address"},
		{"fec0::1", "a private address"},
		{"ff02::1", "a multicast address"},
		{"ff05::1:3", "a multicast address"},
		{"100::1", "a reserved address"},
		{"2001::1", "a reserved address"}, // Teredo
		{"2001:db8::1", "a documentation address"},
		{"3fff::1", "a documentation address"},
		{"::127.0.0.1", "a reserved address"}, // IPv4-compatible, deprecated
		{"::8.8.8.8", "a reserved address"},
		{"4000::1", "a reserved address"}, // outside 2000::/3
		{"64:ff9b:1::1", "a private address"},

		// IPv4-mapped, NAT64 and 6to4 forms reach the IPv4 address inside.
		{"::ffff:127.0.0.1", "a loopback address"},
		{"::ffff:10.1.2.3", "a private address"},
		{"::ffff:169.254.169.254", "a link-local address"},
		{"::ffff:100.64.0.1", "a shared (carrier-grade NAT) address"},
		{"::ffff:0.0.0.0", "an unspecified address"},
		{"::ffff:224.0.0.1", "a multicast address"},
		{"64:ff9b::7f00:1", "a loopback address (NAT64 for 127.0.0.1)"},
		{"64:ff9b::a9fe:a9fe", "a link-local address (NAT64 for 169.254.169.254)"},
		{"2002:c0a8:101::1", "a private address (6to4 for 192.168.1.1)"},
		{"2002:7f00:1::", "a loopback address (6to4 for 127.0.0.1)"},
	}
	for _, tt := range tests {
		a := netip.MustParseAddr(tt.addr)
		err := fetch.CheckAddr(a)
		if tt.why == "" {
			if err != nil {
				t.Errorf("CheckAddr(%s) = %v, want nil", tt.addr, err)
			}
			continue
		}
		want := "blocked: " + a.WithZone("").String() + " is " + tt.why
		if err == nil || err.Error() != want {
			t.Errorf("CheckAddr(%s) = %v, want %q", tt.addr, err, want)
		}
		if !errors.Is(err, fetch.ErrBlocked) {
			t.Errorf("CheckAddr(%s) = %v, not ErrBlocked", tt.addr, err)
		}
	}
	if err := fetch.CheckAddr(netip.Addr{}); !errors.Is(err, fetch.ErrBlocked) {
		t.Errorf("CheckAddr(zero Addr) = %v, want ErrBlocked", err)
	}
}

// The dialer hands Control "ip:port" strings; anything unparsable is
// refused rather than let through.
func TestCheckDialAddress(t *testing.T) {
	tests := []struct {
		address string
		want    string // "" for allowed
	}{
		{"8.8.8.8:443", ""},
		{"[2606:4700:4700::1111]:80", ""},
		{"127.0.0.1:80", "blocked: 127.0.0.1 is a loopback address"},
		{"[::1]:443", "blocked: ::1 is a loopback address"},
		{"[fe80::1%eth0]:80", "blocked: fe80::1 is a link-local address"},
		{"[::ffff:127.0.0.1]:80", "blocked: ::ffff:127.0.0.1 is a loopback address"},
		{"localhost:80", `blocked: cannot check dial address "localhost:80"`},
		{"8.8.8.8", `blocked: cannot check dial address "8.8.8.8"`},
		{"", `blocked: cannot check dial address ""`},
	}
	for _, tt := range tests {
		err := fetch.CheckDialAddress(tt.address)
		got := ""
		if err != nil {
			got = err.Error()
			if !errors.Is(err, fetch.ErrBlocked) {
				t.Errorf("CheckDialAddress(%q) = %v, not ErrBlocked", tt.address, err)
			}
		}
		if got != tt.want {
			t.Errorf("CheckDialAddress(%q) = %q, want %q", tt.address, got, tt.want)
		}
	}
}

// countingServer answers "ok" and counts the requests that reached it.
func countingServer(t *testing.T, l net.Listener) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "ok")
	}))
	if l != nil {
		srv.Listener.Close()
		srv.Listener = l
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &hits
}

// ipv6Loopback returns a listener on [::1], or nil where IPv6 is off.
func ipv6Loopback() net.Listener {
	l, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		return nil
	}
	return l
}

// Requests to loopback test servers are refused at dial time, whatever
// form the URL takes, unless AllowPrivate.
func TestGuardBlocksLoopback(t *testing.T) {
	t.Parallel()
	srv, hits := countingServer(t, nil)
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	tests := []struct {
		name, url, want string
	}{
		{"ipv4 literal", srv.URL, "blocked: 127.0.0.1 is a loopback address"},
		{"another loopback ipv4", fmt.Sprintf("http://127.1.2.3:%d/", port), "blocked: 127.1.2.3 is a loopback address"},
		{"name resolving to loopback", fmt.Sprintf("http://localhost:%d/", port), "is a loopback address"},
		{"ipv4-mapped ipv6 literal", fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/", port), "127.0.0.1 is a loopback address"},
		{"unspecified", fmt.Sprintf("http://0.0.0.0:%d/", port), "blocked: 0.0.0.0 is an unspecified address"},
		{"https", fmt.Sprintf("https://127.0.0.1:%d/", port), "blocked: 127.0.0.1 is a loopback address"},
	}
	if l := ipv6Loopback(); l != nil {
		srv6, hits6 := countingServer(t, l)
		t.Cleanup(func() {
			if hits6.Load() != 0 {
				t.Errorf("[::1] server got %d requests", hits6.Load())
			}
		})
		tests = append(tests, struct{ name, url, want string }{"ipv6 loopback", srv6.URL, "blocked: ::1 is a loopback address"})
	} else {
		t.Log("no IPv6 loopback here; [::1] not tested end to end")
	}

	c := fetch.New(fetch.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Get(context.Background(), tt.url, fetch.Conditional{})
			if !errors.Is(err, fetch.ErrBlocked) {
				t.Fatalf("Get(%s) = %v, %v; want ErrBlocked", tt.url, resp, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "fetch "+tt.url+": blocked: ") || !strings.HasSuffix(msg, tt.want) {
				t.Errorf("error %q, want \"fetch %s: ...%s\"", msg, tt.url, tt.want)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("server got %d requests", n)
	}

	// The same server is reachable when private addresses are allowed, so
	// the refusals above are the guard's doing.
	allow := client(fetch.Options{})
	for _, u := range []string{srv.URL, fmt.Sprintf("http://localhost:%d/", port)} {
		if _, err := allow.Get(context.Background(), u, fetch.Conditional{}); err != nil {
			t.Errorf("AllowPrivate Get(%s): %v", u, err)
		}
	}
}

// The guard sits in the dialer, so it also stops a redirect from an
// allowed host to an internal one. Here a test hook lets exactly one
// loopback server (address and port) stand in for a public host; every
// other address goes through the real check. Targets are all loopback
// forms (private ranges are covered by TestCheckAddr), so even a broken
// guard sends nothing off the machine.
func TestGuardBlocksRedirectToPrivate(t *testing.T) {
	t.Parallel()
	inner, innerHits := countingServer(t, nil)
	innerPort := inner.Listener.Addr().(*net.TCPAddr).Port

	public := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if u := r.URL.Query().Get("u"); u != "" {
			http.Redirect(w, r, u, http.StatusFound)
			return
		}
		fmt.Fprint(w, "public page")
	})
	publicAddr := netip.MustParseAddrPort(public.Listener.Addr().String())
	c := fetch.NewWithDialCheck(fetch.Options{}, func(ap netip.AddrPort) error {
		if ap == publicAddr {
			return nil
		}
		return fetch.CheckAddr(ap.Addr())
	})

	// The stand-in itself is reachable.
	if resp, err := c.Get(context.Background(), public.URL, fetch.Conditional{}); err != nil || string(resp.Body) != "public page" {
		t.Fatalf("Get(public) = %v, %v", resp, err)
	}

	tests := []struct {
		name, target, want string
	}{
		{"to a loopback literal", inner.URL + "/admin", "blocked: 127.0.0.1 is a loopback address"},
		{"to a name resolving to loopback", fmt.Sprintf("http://localhost:%d/admin", innerPort), "is a loopback address"},
		{"to another loopback address", fmt.Sprintf("http://127.0.0.2:%d/", innerPort), "blocked: 127.0.0.2 is a loopback address"},
		{"to an ipv4-mapped literal", fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/", innerPort), "127.0.0.1 is a loopback address"},
		{"to the unspecified address", fmt.Sprintf("http://0.0.0.0:%d/", innerPort), "blocked: 0.0.0.0 is an unspecified address"},
	}
	if l := ipv6Loopback(); l != nil {
		l.Close()
		tests = append(tests, struct{ name, target, want string }{
			"to ipv6 loopback", fmt.Sprintf("http://[::1]:%d/", innerPort), "blocked: ::1 is a loopback address"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := public.URL + "/?u=" + url.QueryEscape(tt.target)
			resp, err := c.Get(context.Background(), u, fetch.Conditional{})
			if !errors.Is(err, fetch.ErrBlocked) {
				t.Fatalf("Get = %v, %v; want ErrBlocked", resp, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "fetch "+u+": blocked: ") || !strings.HasSuffix(msg, tt.want) {
				t.Errorf("error %q, want \"fetch %s: blocked: ...%s\"", msg, u, tt.want)
			}
		})
	}
	if n := innerHits.Load(); n != 0 {
		t.Errorf("internal server got %d requests", n)
	}
}
