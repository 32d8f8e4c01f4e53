package config_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/newsbrief/newsbrief/config"
)

// Every setting the program reads is documented in .env.example and in the
// README's configuration table, and nothing documented is unknown.
func TestSettingsDocumented(t *testing.T) {
	names, _ := config.Names()
	known := map[string]bool{"ENV_FILE": true}
	for _, n := range names {
		known[n] = true
	}
	for _, doc := range []struct {
		file string
		re   *regexp.Regexp // captures a documented setting name
	}{
		{".env.example", regexp.MustCompile(`(?m)^#?\s*([A-Z][A-Z0-9_]+)=`)},
		{"README.md", regexp.MustCompile("(?m)^\\| `([A-Z][A-Z0-9_]+)`")},
	} {
		data, err := os.ReadFile(filepath.Join("..", doc.file))
		if err != nil {
			t.Fatal(err)
		}
		documented := map[string]bool{}
		for _, m := range doc.re.FindAllStringSubmatch(string(data), -1) {
			documented[m[1]] = true
			if !known[m[1]] {
				t.Errorf("%s documents %s, which newsbrief does not read", doc.file, m[1])
			}
		}
		for _, n := range names {
			if !documented[n] {
				t.Errorf("%s does not document %s", doc.file, n)
			}
		}
	}
}
