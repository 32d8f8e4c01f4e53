package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/ingest"
)

func TestRead(t *testing.T) {
	site := NewSite(t)
	site.ServeFile(t, "/story", "story.html", "text/html; charset=utf-8")
	site.ServeFile(t, "/feed", "rss20.xml", "application/rss+xml")
	dir := t.TempDir()
	file := filepath.Join(dir, "quay.txt")
	if err := os.WriteFile(file, []byte("Quay wall repaired\n\nThe harbour's quay wall was repaired overnight. Ferries run again from Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{Now: NewClock().Now})
	ctx := context.Background()

	tests := []struct {
		target    string
		wantTitle string
		wantBody  string
		wantErr   string
	}{
		{target: file, wantTitle: "Quay wall repaired", wantBody: "Ferries run again"},
		{target: site.URL + "/story", wantTitle: "Bakery chain opens its fiftieth shop", wantBody: "fiftieth shop on Saturday"},
		{target: site.URL + "/feed", wantErr: "is a feed"},
		{target: dir, wantErr: "is a directory"},
		{target: filepath.Join(dir, "missing.txt"), wantErr: "missing.txt"},
		{target: site.URL + "/gone", wantErr: "404"},
	}
	for _, tt := range tests {
		a, err := in.Read(ctx, tt.target)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Read(%s) error = %v, want one containing %q", tt.target, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("Read(%s): %v", tt.target, err)
			continue
		}
		if a.Title != tt.wantTitle || !strings.Contains(a.Body, tt.wantBody) || a.Source != tt.target {
			t.Errorf("Read(%s) = title %q source %q body %q", tt.target, a.Title, a.Source, a.Body)
		}
	}
	// Nothing was stored.
	if st, err := db.Stats(ctx); err != nil || st.Articles != 0 {
		t.Errorf("Read stored articles: %+v, %v", st, err)
	}
}
