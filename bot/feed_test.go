package bot_test

import (
	"fmt"
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
