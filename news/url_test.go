package news_test

import (
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/news"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already canonical", "https://example.com/a/b", "https://example.com/a/b"},
		{"case of scheme and host", "HTTPS://Example.COM/Path", "https://example.com/Path"},
		{"default https port", "https://example.com:443/x", "https://example.com/x"},
		{"default http port", "http://example.com:80/x", "http://example.com/x"},
		{"other port kept", "http://example.com:8080/x", "http://example.com:8080/x"},
		{"fragment dropped", "https://example.com/a#comments", "https://example.com/a"},
		{"utm dropped", "https://example.com/a?utm_source=x&utm_medium=rss&id=7", "https://example.com/a?id=7"},
		{"utm case-insensitive", "https://example.com/a?UTM_Source=x", "https://example.com/a"},
		{"click ids dropped", "https://example.com/a?fbclid=1&gclid=2", "https://example.com/a"},
		{"params sorted", "https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"},
		{"empty path", "https://example.com", "https://example.com/"},
		{"empty query", "https://example.com/a?", "https://example.com/a"},
		{"dot segments", "https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"trailing slash kept", "https://example.com/a/", "https://example.com/a/"},
		{"user info dropped", "https://user:pw@example.com/a", "https://example.com/a"},
		{"trailing dot host", "https://example.com./a", "https://example.com/a"},
		{"ipv6 default port", "http://[::1]:80/a", "http://[::1]/a"},
		{"ipv6 port", "http://[::1]:8080/a", "http://[::1]:8080/a"},
		{"spaces trimmed", "  https://example.com/a  ", "https://example.com/a"},
		{"escaped path kept", "https://example.com/a%20b", "https://example.com/a%20b"},
		{"ref is not tracking", "https://example.com/a?ref=main", "https://example.com/a?ref=main"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := news.CanonicalURL(tt.in)
			if err != nil {
				t.Fatalf("CanonicalURL(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCanonicalURLRejects(t *testing.T) {
	for _, in := range []string{"", "example.com/a", "ftp://example.com/a", "file:///etc/passwd", "javascript:alert(1)", "https://", "http://%zz", "mailto:a@b.c"} {
		if got, err := news.CanonicalURL(in); err == nil {
			t.Errorf("CanonicalURL(%q) = %q, want an error", in, got)
		} else if news.ErrorCode(err) != news.EINVALID {
			t.Errorf("CanonicalURL(%q) error code = %q, want %q", in, news.ErrorCode(err), news.EINVALID)
		}
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"https://example.com/a?utm_source=x#f", "HTTP://EXAMPLE.com:80", "http://[::1]:80/a/../b",
		"https://a.b/%2F?x=1&x=0", "https://ü.example/ä?q=ö", "http://x/a//b/", "https://x.y/?a=%zz",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := news.CanonicalURL(in)
		if err != nil {
			return
		}
		// Canonical form is a fixed point: canonicalising it again changes nothing.
		again, err := news.CanonicalURL(got)
		if err != nil {
			t.Fatalf("CanonicalURL(%q) = %q, which is then rejected: %v", in, got, err)
		}
		if again != got {
			t.Fatalf("not idempotent: %q → %q → %q", in, got, again)
		}
	})
}

func TestFeedURL(t *testing.T) {
	tests := []struct{ in, want, wantErr string }{
		{"HTTPS://Feeds.Example.COM/RSS?Edition=UK#top", "https://feeds.example.com/RSS?Edition=UK", ""},
		{" https://user:pw@feeds.example/rss ", "https://user:pw@feeds.example/rss", ""}, // the server's business
		{"https://feeds.example/rss?utm_source=x", "https://feeds.example/rss?utm_source=x", ""},
		{"ftp://feeds.example/rss", "", "only http and https"},
		{"feeds.example/rss", "", "only http and https"},
	}
	for _, tt := range tests {
		got, err := news.FeedURL(tt.in)
		if tt.wantErr != "" {
			if news.ErrorCode(err) != news.EINVALID || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("FeedURL(%q) = %q, %v; want EINVALID %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("FeedURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestOutletOf(t *testing.T) {
	tests := []struct{ outlet, url, source, want string }{
		{"Saltmere Gazette", "https://gazette.example/a", "/srv/news/a.txt", "Saltmere Gazette"},
		{"", "https://www.bbc.co.uk/news/1", "https://feeds.bbci.co.uk/news/rss.xml", "bbc.co.uk"},
		{"", "", "https://reader:secret@feeds.example:8443/rss", "feeds.example"},
		{"", "", "/srv/newsbrief/corpus/samsung.galaxy.s5.4.txt", "corpus"},
		{"", "", "samples/storm.txt", "samples"},
		{"", "", `C:\news\wire\storm.txt`, "wire"},
		{"", "", "storm.txt", ""},
		{"  ", "", "./storm.txt", ""},
	}
	for _, tt := range tests {
		if got := news.OutletOf(tt.outlet, tt.url, tt.source); got != tt.want {
			t.Errorf("OutletOf(%q, %q, %q) = %q, want %q", tt.outlet, tt.url, tt.source, got, tt.want)
		}
	}
}
