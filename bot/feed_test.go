package bot_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

// rssFeed serves a small RSS feed on loopback.
func rssFeed(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Gazette</title><link>http://quay.example/</link>
<item><title>Ferry timetable changes</title><link>http://quay.example/ferry</link><description>The winter ferry timetable starts on Monday with two fewer crossings a day, the operator said.</description></item>
</channel></rss>`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/rss"
}

// closedAddr is a loopback address nothing listens on: connecting is
// refused at once.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
