package fetch_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/fetch"
)

// Reason says why a fetch failed in words a chat user understands, never
// the Go error's text (resolver addresses, dialled IPs, "dial tcp").
func TestReason(t *testing.T) {
	t.Parallel()
	slow := serve(t, func(w http.ResponseWriter, r *http.Request) { time.Sleep(2 * time.Second) })
	missing := serve(t, func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	big := serve(t, func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 4096)) })
	loop := serve(t, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.Path+"x", http.StatusFound) })
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/"
	l.Close()
	tests := []struct {
		name, url string
		opts      fetch.Options
		want      string
	}{
		{"status", missing.URL, fetch.Options{}, "its server answered 404 Not Found"},
		{"refused", closed, fetch.Options{}, "its server refused the connection"},
		{"timeout", slow.URL, fetch.Options{Timeout: 200 * time.Millisecond}, "its server did not answer within 200ms"},
		{"too large", big.URL, fetch.Options{MaxBytes: 1024}, "it is larger than 1 KiB, the most this bot reads"},
		{"redirects", loop.URL, fetch.Options{MaxRedirects: 2}, "it redirects too many times"},
		{"not http", "gopher://example.com/", fetch.Options{}, "it is not an http or https address with a host"},
		{"no such host", "http://nowhere.invalid/", fetch.Options{}, "its host name nowhere.invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := client(tt.opts).Get(context.Background(), tt.url, fetch.Conditional{})
			if err == nil {
				t.Fatal("no error")
			}
			got := fetch.Reason(err)
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("Reason = %q, want %q (error: %v)", got, tt.want, err)
			}
			for _, leak := range []string{"dial tcp", "127.0.0.1", ":53", "lookup"} {
				if strings.Contains(got, leak) {
					t.Errorf("Reason %q shows %q", got, leak)
				}
			}
		})
	}
	blocked := fetch.New(fetch.Options{}) // loopback is not public
	_, err = blocked.Get(context.Background(), missing.URL, fetch.Conditional{})
	if got := fetch.Reason(err); got != "its address is not public, and this bot fetches public pages only" {
		t.Errorf("blocked: Reason = %q (error: %v)", got, err)
	}
}
