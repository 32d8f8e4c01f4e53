package answer

import (
	"slices"
	"testing"
	"time"
)

func TestAnalyze(t *testing.T) {
	tests := []struct {
		q         string
		terms     []string
		names     []string // words of the terms that name something
		titleCase bool
	}{
		{"What happened in Zaporizhzhia?", []string{"zaporizhzhia"}, []string{"Zaporizhzhia"}, false},
		{"did the ECB raise rates to 4% in March", []string{"ecb", "rais", "rate", "4", "march"}, []string{"ECB", "4", "March"}, false},
		// A headline's capitals name nothing by themselves; numbers and
		// acronyms still do.
		{"Senate GOP Blocks January 6th Commission", []string{"senat", "gop", "block", "januari", "6th", "commiss"}, []string{"GOP", "6th"}, true},
		{"Zaporizhzhia zaporizhzhia ZAPORIZHZHIA latest news", []string{"zaporizhzhia"}, []string{"Zaporizhzhia"}, false},
	}
	for _, tt := range tests {
		q, err := analyze(tt.q)
		if err != nil {
			t.Errorf("analyze(%q): %v", tt.q, err)
			continue
		}
		var terms, names []string
		for _, x := range q.terms {
			terms = append(terms, x.term)
			if q.name(x) {
				names = append(names, x.word)
			}
		}
		if !slices.Equal(terms, tt.terms) || !slices.Equal(names, tt.names) || q.titleCase != tt.titleCase {
			t.Errorf("analyze(%q) = terms %q, names %q, title case %v; want %q, %q, %v", tt.q, terms, names, q.titleCase, tt.terms, tt.names, tt.titleCase)
		}
	}
}

func TestSearchText(t *testing.T) {
	q, err := analyze("is the tram to Eastgate approved by Northbridge council")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := q.searchText(false), "eastgate northbridge tram approved council"; got != want {
		t.Errorf("searchText(false) = %q, want %q (names first)", got, want)
	}
	if got, want := q.searchText(true), "eastgate northbridge"; got != want {
		t.Errorf("searchText(true) = %q, want %q", got, want)
	}
}

func TestMatch(t *testing.T) {
	index := map[string]int{"a": 0, "b": 1, "c": 2}
	weight := []float64{1, 2, 1}
	tests := []struct {
		terms       []string
		cover, prox float64
	}{
		{[]string{"x", "y"}, 0, 0},
		{[]string{"a", "x", "a"}, 1, 0},
		{[]string{"a", "b"}, 3, 1},
		{[]string{"a", "x", "x", "b"}, 3, 0.5},
		// The shortest run holding both, not the first.
		{[]string{"a", "x", "x", "x", "a", "b", "c"}, 4, 1},
	}
	for _, tt := range tests {
		cover, prox := match(tt.terms, index, weight)
		if cover != tt.cover || prox != tt.prox {
			t.Errorf("match(%q) = %v, %v; want %v, %v", tt.terms, cover, prox, tt.cover, tt.prox)
		}
	}
}

func TestSameAs(t *testing.T) {
	chosen := [][]string{{"bank", "held", "rate", "4", "thursday"}}
	if got := sameAs([]string{"bank", "held", "rate", "4", "thursday", "inflat"}, chosen); got != 0 {
		t.Errorf("a copy with a word more: sameAs = %d, want 0", got)
	}
	if got := sameAs([]string{"economist", "expect", "cut", "spring", "rate"}, chosen); got != -1 {
		t.Errorf("another sentence: sameAs = %d, want -1", got)
	}
}

func TestCited(t *testing.T) {
	arts := []Article{{ID: 10}, {ID: 20}, {ID: 30}}
	sents, used := cited([]string{
		"First, uncited.",
		"Second cites the third [3].",
		"Third cites two [1][3].",
		"Fourth, uncited again.",
	}, arts)
	want := []Sentence{
		{Text: "First, uncited [1].", ArticleIDs: []int64{30}},
		{Text: "Second cites the third [1].", ArticleIDs: []int64{30}},
		{Text: "Third cites two [2][1].", ArticleIDs: []int64{10, 30}},
		{Text: "Fourth, uncited again [2][1].", ArticleIDs: []int64{10, 30}},
	}
	if !slices.EqualFunc(sents, want, func(x, y Sentence) bool { return x.Text == y.Text && slices.Equal(x.ArticleIDs, y.ArticleIDs) }) {
		t.Errorf("cited = %+v, want %+v", sents, want)
	}
	if len(used) != 2 || used[0].ID != 30 || used[1].ID != 10 {
		t.Errorf("articles = %+v, want #30 then #10", used)
	}
}

func TestWithCitations(t *testing.T) {
	for in, want := range map[string]string{
		"It fell.":        "It fell [1][2].",
		"It fell":         "It fell [1][2]",
		`He said "no."`:   `He said "no [1][2]."`,
		"Did it fall?!":   "Did it fall [1][2]?!",
		"It fell (again)": "It fell (again [1][2])",
	} {
		if got := withCitations(in, []int{1, 2}); got != want {
			t.Errorf("withCitations(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNothingNote(t *testing.T) {
	q, _ := analyze("tram extension to Eastgate and Harbour Quay")
	since := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		missing []string
		since   time.Time
		want    string
	}{
		{[]string{"Eastgate"}, time.Time{}, "Nothing stored mentions Eastgate."},
		{[]string{"Eastgate", "Harbour"}, since, "Nothing stored since 1 November 2026 mentions Eastgate and Harbour."},
		// Every word is there, but not together.
		{nil, time.Time{}, "Nothing stored mentions Eastgate, Harbour and Quay together."},
	}
	for _, tt := range tests {
		if got := nothingNote(q, ranking{missing: tt.missing}, tt.since); got != tt.want {
			t.Errorf("nothingNote(%q) = %q, want %q", tt.missing, got, tt.want)
		}
	}
}
