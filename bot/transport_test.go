package bot

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestTransport(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Host+" "+r.URL.Path+"?"+r.URL.RawQuery)
	}))
	defer srv.Close()

	tr, err := newTransport(srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: tr}
	req, _ := http.NewRequest("GET", "https://discord.com/api/v9/gateway?v=9", nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if want := srv.Listener.Addr().String() + " /api/v9/gateway?v=9"; len(got) != 1 || got[0] != want {
		t.Errorf("rewritten request = %q, want %q", got, want)
	}
	// The caller's request is not changed.
	if req.URL.Host != "discord.com" {
		t.Errorf("the caller's request was modified: %s", req.URL)
	}

	// Discord itself needs no rewriting.
	if tr, err := newTransport("https://discord.com", http.DefaultTransport); err != nil || tr != http.DefaultTransport {
		t.Errorf("https://discord.com: %v, %v", tr, err)
	}
	for _, bad := range []string{"", "discord.com", "ftp://x", "http://"} {
		if _, err := newTransport(bad, nil); err == nil {
			t.Errorf("newTransport(%q) accepted", bad)
		}
	}
}
