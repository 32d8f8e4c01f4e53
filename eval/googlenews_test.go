package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadGoogleNews(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	texts, gold, err := LoadGoogleNews(write("ok.jsonl", `{"text": "a b", "cluster": 3}`+"\n"+`{"text": "c", "cluster": 0}`+"\n"))
	if err != nil || len(texts) != 2 || texts[1] != "c" || gold[0] != 3 || gold[1] != 0 {
		t.Errorf("LoadGoogleNews = %q %v %v", texts, gold, err)
	}
	for name, data := range map[string]string{
		"bad.jsonl":     `{"text": "a", "cluster": 1}` + "\n{oops\n",
		"nolabel.jsonl": `{"text": "a"}` + "\n",
		"empty.jsonl":   "",
	} {
		if _, _, err := LoadGoogleNews(write(name, data)); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error = %v, want one naming the file", name, err)
		}
	}
}
