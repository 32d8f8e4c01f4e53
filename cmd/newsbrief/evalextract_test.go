package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestEvalExtractionCommand(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval", "article-extraction")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("../shared/eval/article-extraction not found beside the checkout (%v): the eval command needs it", err)
	}
	c := newCLI(t)
	out := c.ok("eval", "extraction", dir)
	// One row per system, with F1, P and R to three decimals.
	for _, system := range []string{"go-readability alone", "newsbrief"} {
		row := regexp.MustCompile(`(?m)^\| ` + system + ` +\| (\d\.\d{3}) \| (\d\.\d{3}) \| (\d\.\d{3}) \|`)
		if !row.MatchString(out) {
			t.Errorf("no row of F1, P and R for %s:\n%s", system, out)
		}
	}
	if !strings.Contains(out, "60 pages") {
		t.Errorf("not over the 60 pages:\n%s", out)
	}
	if _, _, err := c.run("eval", "extraction", t.TempDir()); err == nil {
		t.Errorf("eval extraction of an empty directory succeeded")
	}
}
