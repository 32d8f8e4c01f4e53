package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

// LoadGoogleNews reads one GoogleNews file (T.jsonl, S.jsonl or TS.jsonl):
// JSON lines {"text": …, "cluster": N}. It returns the texts and their gold
// story labels, in file order.
func LoadGoogleNews(path string) (texts []string, gold []int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var it struct {
			Text    string `json:"text"`
			Cluster *int   `json:"cluster"`
		}
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, nil, fmt.Errorf("eval: %s:%d: %w", path, line, err)
		}
		if it.Cluster == nil {
			return nil, nil, fmt.Errorf("eval: %s:%d: no cluster label", path, line)
		}
		texts = append(texts, it.Text)
		gold = append(gold, *it.Cluster)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("eval: reading %s: %w", path, err)
	}
	if len(texts) == 0 {
		return nil, nil, fmt.Errorf("eval: %s holds no items", path)
	}
	return texts, gold, nil
}
