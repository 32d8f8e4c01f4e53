package news_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/newsbrief/newsbrief/news"
)

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://nobody:PASSWORD@db:5432/x", "postgres://nobody:REDACTED@db:5432/x"},
		{"postgresql://nobody:PASS%40WORD@db/x?sslmode=require", "postgresql://nobody:REDACTED@db/x?sslmode=require"},
		{"postgres://db/x?password=PASSWORD&sslmode=disable", "postgres://db/x?password=REDACTED&sslmode=disable"},
		{"postgres://nobody@db/x", "postgres://nobody@db/x"},
		{"host=db user=nobody password=PASSWORD dbname=x", "host=db user=nobody password=REDACTED dbname=x"},
		{"host=db password='PASS WORD' dbname=x", "host=db password=REDACTED dbname=x"},
		{"host=db sslpassword=PASSWORD", "host=db sslpassword=REDACTED"},
		{"https://user:PASSWORD@feeds.example/rss", "https://user:REDACTED@feeds.example/rss"},
		{"https://feeds.example/rss?token=PASSWORD&page=2", "https://feeds.example/rss?page=2&token=REDACTED"},
		{"https://us%er:PASSWORD@feeds.example/rss", "https://REDACTED@feeds.example/rss"}, // unparsable
		{"https://feeds.example/rss", "https://feeds.example/rss"},
		{"/var/lib/newsbrief/newsbrief.db", "/var/lib/newsbrief/newsbrief.db"},
		{"", ""},
	}
	for _, tt := range tests {
		got := news.RedactURL(tt.in)
		if got != tt.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.Contains(got, "PASS") {
			t.Errorf("RedactURL(%q) leaks the secret: %q", tt.in, got)
		}
	}
}

func FuzzRedactURL(f *testing.F) {
	for _, s := range []string{"secretpw", "Zx81Zx81Zx", "ünïcødé-pässwörd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Whatever the password, given in any form pgx accepts, it is gone.
		secret := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, s)
		if len(secret) < 6 {
			return
		}
		for _, in := range []string{
			"postgres://user:" + secret + "@db:5432/x",
			"postgres://db/x?sslmode=disable&password=" + secret,
			"host=db user=u password=" + secret + " dbname=x",
			"host=db password='" + secret + " with spaces' dbname=x",
			"https://reader:" + secret + "@feeds.example/rss",
		} {
			if out := news.RedactURL(in); strings.Contains(out, secret) {
				t.Errorf("RedactURL(%q) = %q still holds the password", in, out)
			}
		}
	})
}

func TestURLSecrets(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"postgres://nobody:PASS%40WORD@db/x", []string{"PASS@WORD"}},
		{"postgres://db/x?password=QUERYPW", []string{"QUERYPW"}},
		{"host=db password='KV PW' dbname=x", []string{"KV PW"}},
		{"https://us%er:BROKEN@feeds.example/", []string{"BROKEN"}},
		{"postgres://nobody@db/x", nil},
		{"/var/lib/newsbrief.db", nil},
	}
	for _, tt := range tests {
		if got := news.URLSecrets(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("URLSecrets(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsPostgresDSN(t *testing.T) {
	for s, want := range map[string]bool{
		"postgres://db/x": true,
		"POSTGRESQL://u:p@db:5432/x?sslmode=require":    true,
		"host=db dbname=news user=bot password='a b c'": true,
		"  host=/run/postgresql dbname=news ":           true,
		"sqlite:/var/lib/newsbrief.db":                  false,
		"/var/lib/newsbrief.db":                         false,
		"./data/name=with=equals.db":                    false,
		"mode=ro":                                       false,
		"":                                              false,
		"https://db/x":                                  false,
		"host=db this-is-not-a-pair":                    false,
		"file:/tmp/x.db?mode=ro":                        false,
	} {
		if got := news.IsPostgresDSN(s); got != want {
			t.Errorf("IsPostgresDSN(%q) = %v, want %v", s, got, want)
		}
	}
}
