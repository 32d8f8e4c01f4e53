package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/store"
)

// TestMigrateDetectsLanguages opens a database written before articles had
// a language (the migrations before *_language.sql): migrating gives the
// stored articles their language and re-indexes them, so they are found
// by their stems.
func TestMigrateDetectsLanguages(t *testing.T) {
	articles := [][2]string{
		{"Bahn baut aus", "Die Deutsche Bahn baut die Strecken nach Norden aus, und der Bund zahlt dafür rund 12,5 Mrd. Euro."},
		{"Storms hit the coast", "Storms hit the coast on Monday and the council said that it was closing the roads."},
		{"Kot", "Kot."},
	}
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			var dsn string
			var raw *sql.DB
			if dialect == "sqlite" {
				dsn = tempPath(t)
				raw = openRaw(t, dsn)
			} else {
				dsn = postgresDSN(t)
				raw = mustRaw(t, dsn)
			}
			if _, err := raw.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
				t.Fatal(err)
			}
			files, err := filepath.Glob(filepath.Join("migrations", dialect, "*.sql"))
			slices.Sort(files)
			before := slices.IndexFunc(files, func(f string) bool { return strings.HasSuffix(f, "_language.sql") })
			if err != nil || before < 0 {
				t.Fatalf("migrations: %v %v", files, err)
			}
			for v, f := range files[:before] {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := raw.Exec(string(b)); err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				if _, err := raw.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)`, v+1); err != nil {
					t.Fatal(err)
				}
			}
			for i, a := range articles {
				if _, err := raw.Exec(`INSERT INTO articles (title, body, content_hash) VALUES ($1, $2, $3)`, a[0], a[1], string(rune('a'+i))); err != nil {
					t.Fatal(err)
				}
			}
			if dialect == "sqlite" {
				if _, err := raw.Exec(`INSERT INTO articles_fts (rowid, title, section, body) SELECT id, title, section, body FROM articles`); err != nil {
					t.Fatal(err)
				}
			}
			raw.Close()

			db := mustOpen(t, dsn)
			ctx := context.Background()
			for i, want := range []string{"de", "en", ""} {
				a, err := db.Article(ctx, int64(i+1))
				if err != nil {
					t.Fatal(err)
				}
				if a.Language != want {
					t.Errorf("article %d (%s): language %q, want %q", i+1, a.Title, a.Language, want)
				}
			}
			for q, want := range map[string]int64{"Strecke": 1, "storm": 2, "kot": 3} {
				if got := ids(mustSearch(t, db, store.SearchQuery{Text: q})); !slices.Equal(got, []int64{want}) {
					t.Errorf("%q found %v after migrating, want [%d]", q, got, want)
				}
			}
		})
	}
}
