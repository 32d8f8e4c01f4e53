package extract_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/extract"
)

func TestTextMarkdown(t *testing.T) {
	tests := []struct {
		name, in string
		want     extract.Document
	}{
		{
			name: "setext title after a label, tables, lists, inline syntax",
			in: "Politics\n\nBudget Vote Delayed\n===================\n\nThe vote on the *budget* was delayed by a week, MPs said \\*again\\*.\n\n" +
				"| Party | Seats |\n|-------|------:|\n| Red   | 120   |\n\n1. First reading\n2) Second reading\n\n" +
				"Code `a_b*c` stays, and snake_case_words too; __bold__ and <span>tag</span> &amp; [ref link][1] and <https://example.com>.\n\n" +
				"[1]: https://example.com/ref\n\n## Related\n\n- [Other story](https://example.com/other)\n",
			want: extract.Document{
				Title: "Budget Vote Delayed", Section: "Politics",
				Body: "The vote on the budget was delayed by a week, MPs said *again*.\n\nParty Seats\n\nRed 120\n\n1. First reading\n\n2) Second reading\n\n" +
					"Code a_b*c stays, and snake_case_words too; bold and tag & ref link and https://example.com.",
			},
		},
		{
			name: "no h1: a first heading before any text is the title",
			in:   "## Second-level title\n\nText of the article.\n\n<!-- a comment\nspanning lines -->\nAfter the comment.\n",
			want: extract.Document{Title: "Second-level title", Body: "Text of the article.\n\nAfter the comment."},
		},
		{
			name: "a heading after text is no title",
			in:   "Opening text before any heading, long enough to be a paragraph of the article.\n\n## Background\n\nMore text here.\n",
			want: extract.Document{Body: "Opening text before any heading, long enough to be a paragraph of the article.\n\nBackground\n\nMore text here."},
		},
		{
			name: "the outlet from front matter: source that is no URL, or site",
			in:   "---\ntitle: Harbour fees\nsource: Saltmere Gazette\n---\n\nHarbour fees rise by a tenth next year, the port said on Monday.\n",
			want: extract.Document{Title: "Harbour fees", Site: "Saltmere Gazette", Body: "Harbour fees rise by a tenth next year, the port said on Monday."},
		},
		{
			name: "a source URL is the article's URL, the site its outlet",
			in:   "---\ntitle: Harbour fees\nsource: https://gazette.example/fees\nsite: Saltmere Gazette\n---\n\nHarbour fees rise by a tenth next year, the port said on Monday.\n",
			want: extract.Document{Title: "Harbour fees", URL: "https://gazette.example/fees", Site: "Saltmere Gazette", Body: "Harbour fees rise by a tenth next year, the port said on Monday."},
		},
		{
			name: "toml front matter, fenced code kept",
			in:   "+++\ntitle = \"Release notes\"\ndate = \"2024-06-01\"\nauthor = 'Sam Lee'\n+++\n\nThe release fixes two bugs.\n\n```go\nfmt.Println(\"*hi*\")\n```\n",
			want: extract.Document{Title: "Release notes", Author: "Sam Lee", Published: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), Body: "The release fixes two bugs.\n\nfmt.Println(\"*hi*\")"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.Text("a.md", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, doc); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
