package store

import (
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/analyzer"
)

func TestSnippet(t *testing.T) {
	long := "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."
	tests := []struct {
		name  string
		lang  string
		body  string
		terms [][]string
		want  string
	}{
		{"short body whole", "en", "Prices rose.", [][]string{{"prices"}}, "Prices rose."},
		{"no match gives the opening", "en", long, [][]string{{"absent"}},
			"One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen…"},
		{"match in the middle, with context", "en", long, [][]string{{"eighteen"}},
			"…five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."},
		{"match near the start", "en", long, [][]string{{"two"}},
			"One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen…"},
		{"match past the context", "en", long + " " + long, [][]string{{"nine"}},
			"…six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty. One…"},
		{"most distinct words win", "en", long + " Five and ten again, and then nothing.", [][]string{{"five"}, {"eleven"}},
			"…two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen…"},
		{"stems match", "en", "The bank said it was raising rates.", [][]string{{"raise"}}, "The bank said it was raising rates."},
		{"accents folded", "en", "Les élections ont eu lieu dimanche.", [][]string{{"elections"}}, "Les élections ont eu lieu dimanche."},
		{"white space collapsed", "en", "A\n\nlong   gap.", [][]string{{"gap"}}, "A long gap."},
		{"apostrophes kept whole", "en", "Officials in the city’s transport office said the council’s Line 4 tram route ends twenty years of false starts, and that it won't stop there.",
			[][]string{{"tram"}}, "…council’s Line 4 tram route ends twenty years of false starts, and that it won't…"},
		{"empty body", "en", "", [][]string{{"x"}}, ""},
		{"German inflection", "de", "Die Bahn baut die Strecken aus.", [][]string{{"strecke"}}, "Die Bahn baut die Strecken aus."},
		{"French accent kept for stemming", "fr", "La réforme annoncée mardi.", [][]string{{"annonce"}}, "La réforme annoncée mardi."},
		{"unknown language matches words", "", "Τα νέα μέτρα ανακοινώθηκαν.", [][]string{{"μέτρα"}}, "Τα νέα μέτρα ανακοινώθηκαν."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := snippet(tt.body, tt.terms, analyzer.For(tt.lang)); got != tt.want {
				t.Errorf("snippet = %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add("Les élections ont eu lieu dimanche.", "elections")
	f.Add("a\u0301\u0301 b", "a")
	f.Fuzz(func(t *testing.T, body, word string) {
		s := snippet(body, [][]string{{word}}, analyzer.For("fr"))
		if len(s) > len(body)+2*len("…") {
			t.Errorf("snippet %q is longer than its body %q", s, body)
		}
	})
}

// BenchmarkSnippet cuts a snippet from a 3 KB body, as PostgreSQL's search
// does for each result of a page.
func BenchmarkSnippet(b *testing.B) {
	body := strings.Repeat("The government said on Monday that the new budget would raise taxes for people earning more than £100,000 a year. ", 28)
	terms := [][]string{{"budget"}, {"taxes"}}
	en := analyzer.For("en")
	for b.Loop() {
		snippet(body, terms, en)
	}
}
