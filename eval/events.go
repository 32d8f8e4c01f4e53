package eval

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// EventDoc is one article of a same-event grouping set (allsides-dev,
// ecbplus-dev): its text and its gold event.
type EventDoc struct {
	File  string // file name under docs/, e.g. "as6112.1.txt"
	Event string // gold event: the file name minus ".<n>.txt"
	// Date is the day the set gives the article (the roundup's date for
	// AllSides); zero when unknown.
	Date   time.Time
	Outlet string // the outlet's name; empty when unknown
	URL    string // empty when unknown
	Title  string // line 1 of the file
	Text   string // the rest, blank lines around it trimmed
}

// EventSet is a loaded grouping set.
type EventSet struct {
	Dir  string
	Docs []EventDoc // in index.tsv order
	// References maps an event to the text its story summary is scored
	// against (AllSides: summaries/<event>.txt minus its headline line);
	// empty for sets without summaries.
	References map[string]string
}

// LoadEvents reads an allsides-dev or ecbplus-dev directory: index.tsv
// (a header row naming at least file, event_id and date; source and url
// are read when present, "-" meaning unknown), docs/<file>, and
// summaries/<event>.txt when that directory exists.
func LoadEvents(dir string) (EventSet, error) {
	set := EventSet{Dir: dir, References: map[string]string{}}
	rows, err := readTSV(filepath.Join(dir, "index.tsv"))
	if err != nil {
		return set, err
	}
	for _, r := range rows {
		d := EventDoc{File: r["file"], Event: r["event_id"], Outlet: known(r["source"]), URL: known(r["url"])}
		if d.File == "" || d.Event == "" {
			return set, fmt.Errorf("eval: %s/index.tsv: a row without file or event_id", dir)
		}
		if day := known(r["date"]); day != "" {
			if d.Date, err = time.Parse(time.DateOnly, day); err != nil {
				return set, fmt.Errorf("eval: %s/index.tsv: %s: %w", dir, d.File, err)
			}
		}
		data, err := os.ReadFile(filepath.Join(dir, "docs", d.File))
		if err != nil {
			return set, fmt.Errorf("eval: %w", err)
		}
		d.Title, d.Text = splitTitle(string(data))
		set.Docs = append(set.Docs, d)
	}
	if len(set.Docs) == 0 {
		return set, fmt.Errorf("eval: %s/index.tsv lists no documents", dir)
	}
	sums, err := filepath.Glob(filepath.Join(dir, "summaries", "*.txt"))
	if err != nil {
		return set, err
	}
	for _, p := range sums {
		data, err := os.ReadFile(p)
		if err != nil {
			return set, fmt.Errorf("eval: %w", err)
		}
		_, ref := splitTitle(string(data))
		set.References[strings.TrimSuffix(filepath.Base(p), ".txt")] = ref
	}
	return set, nil
}

// known maps the sets' "-" for unknown to "".
func known(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// splitTitle splits a file of the sets' shape: line 1, then the rest.
func splitTitle(s string) (title, rest string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	title, rest, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(title), strings.TrimSpace(rest)
}

// readTSV reads a tab-separated file whose first row names the columns.
func readTSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var cols []string
	var rows []map[string]string
	for line := 1; sc.Scan(); line++ {
		fields := strings.Split(sc.Text(), "\t")
		if cols == nil {
			cols = fields
			continue
		}
		if len(fields) == 1 && fields[0] == "" {
			continue
		}
		if len(fields) != len(cols) {
			return nil, fmt.Errorf("eval: %s:%d: %d fields, want %d", path, line, len(fields), len(cols))
		}
		r := make(map[string]string, len(cols))
		for i, c := range cols {
			r[c] = fields[i]
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: reading %s: %w", path, err)
	}
	return rows, nil
}

// Windows cuts docs into windows of days days by Date, the first starting
// on the earliest date; windows without documents are skipped. Documents
// without a date form one window of their own, last. days <= 0 puts
// everything in one window. Each window lists indices into docs, in order.
func Windows(docs []EventDoc, days int) [][]int {
	if days <= 0 {
		all := make([]int, len(docs))
		for i := range all {
			all[i] = i
		}
		return [][]int{all}
	}
	var first time.Time
	for _, d := range docs {
		if !d.Date.IsZero() && (first.IsZero() || d.Date.Before(first)) {
			first = d.Date
		}
	}
	byWindow := map[int][]int{}
	const undated = -1
	for i, d := range docs {
		w := undated
		if !d.Date.IsZero() {
			w = int(d.Date.Sub(first).Hours()/24) / days
		}
		byWindow[w] = append(byWindow[w], i)
	}
	keys := make([]int, 0, len(byWindow))
	for k := range byWindow {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if keys[0] == undated {
		keys = append(keys[1:], undated)
	}
	out := make([][]int, 0, len(keys))
	for _, k := range keys {
		out = append(out, byWindow[k])
	}
	return out
}
