package summarize_test

import (
	"slices"
	"testing"

	"github.com/newsbrief/newsbrief/summarize"
)

func TestStoryFacts(t *testing.T) {
	quake := []summarize.Doc{
		{Title: "Quake hits Halden", Text: "A magnitude 6.1 earthquake struck Halden on Monday, killing 12 people. " +
			"The mayor called it a dark day for the city. Rescuers searched the old town overnight."},
		{Title: "Deadly earthquake in Halden", Text: "At least 12 people died when a 6.1 magnitude earthquake hit Halden on Monday. " +
			"Critics blamed lax building codes."},
		{Title: "Halden counts its dead", Text: "Officials in Halden confirmed 12 deaths from Monday's earthquake. " +
			"The magnitude 6.1 quake was felt 200km away."},
	}
	tests := []struct {
		name     string
		docs     []summarize.Doc
		n, chars int
		want     []string
		sources  [][]int
	}{
		{
			name: "the facts the reports share come first",
			docs: quake, n: 1,
			want:    []string{"At least 12 people died when a 6.1 magnitude earthquake hit Halden on Monday."},
			sources: [][]int{{0, 1, 2}},
		},
		{
			name: "no fact is told twice",
			docs: quake, n: 2,
			want: []string{"At least 12 people died when a 6.1 magnitude earthquake hit Halden on Monday.",
				"The magnitude 6.1 quake was felt 200km away."},
		},
		{
			name: "within the length asked",
			docs: quake, n: 2, chars: 90,
			want: []string{"At least 12 people died when a 6.1 magnitude earthquake hit Halden on Monday."},
		},
		{name: "one article has no shared facts", docs: quake[:1], n: 2},
		{name: "no sentences asked", docs: quake, n: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts := summarize.StoryFacts(tt.docs, tt.n, tt.chars)
			var got []string
			for _, f := range facts {
				got = append(got, f.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("StoryFacts = %q, want %q", got, tt.want)
			}
			for i, want := range tt.sources {
				if !slices.Equal(facts[i].Sources, want) {
					t.Errorf("fact %d sources = %v, want %v", i, facts[i].Sources, want)
				}
			}
		})
	}
}
