package extract

import (
	"strings"
	"testing"
)

func TestNamesNotArticle(t *testing.T) {
	tests := []struct {
		v    string
		want bool
	}{
		{"wp-caption-text", true},
		{"newsCaption", true},
		{"sdc-article-related-stories__title", true},
		{"byline-section", true},
		{"entry-tags", true},
		{"nrplus-cta-wrap", true},
		{"sdc-article-image__visually-hidden", true},
		{"sr-only", true},
		{"story-body", false},
		{"post-content entry-content", false},
		{"speakable-summary", false}, // the first paragraph, on some sites
		{"updated-at", false},        // "date" is a word of its own only
		{"metadata", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := namesNotArticle(tt.v); got != tt.want {
			t.Errorf("namesNotArticle(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestHeaderNoise(t *testing.T) {
	tests := []struct {
		l    string
		want bool
	}{
		{"segunda-feira, 22 de janeiro de 2018 às 0:13", true},
		{"Posted: Fri 6:45 PM, Feb 16, 2018", true},
		{"Today 12:01 AM", true},
		{"2019年11月20日 10:03", true},
		{"Tempo de leitura: 1 minuto", true},
		{"5 min read", true},
		{"https://www.example.com/news/2019/11/story.html", true},
		{"Top 10 things to do in the city this winter", false},
		{"The council met on 4 March 2019 and voted for the plan, which the mayor had opposed.", false},
		{"Islanders win their campaign", false},
	}
	for _, tt := range tests {
		if got := headerNoise(tt.l); got != tt.want {
			t.Errorf("headerNoise(%q) = %v, want %v", tt.l, got, tt.want)
		}
	}
}

func TestIsTrailer(t *testing.T) {
	tests := []struct {
		p    string
		want bool
	}{
		{"Keith Bradsher contributed reporting from Hong Kong.", true},
		{"Associated Press writers Alan Fram and Zeke Miller contributed to this report.", true},
		{"Write to Al Root at allen.root@dowjones.com", true},
		{"Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", true},
		{"Follow AP's full coverage of Brexit at https://www.apnews.com/Brexit", true},
		{"Follow the money, the investigators said, and the trail leads to the harbour board.", false},
		{"The mayor, who contributed to the fund, said the report would be published next week.", false},
		{"(Reporting by Will Dunham; Editing by Tom Brown)", false},
		{"ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo moderador.", true},
		{"Comments are moderated and may take a while to appear.", true},
		{"The moderator asked for comments from the floor after the debate.", false},
	}
	for _, tt := range tests {
		if got := isTrailer(tt.p); got != tt.want {
			t.Errorf("isTrailer(%q) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestDropLinkBoxes(t *testing.T) {
	prose := block{text: "The council said on Friday that the new timetable would keep both crossings through the winter months."}
	prose.runes = wordRunes(prose.text)
	link := func(s string) block { n := wordRunes(s); return block{text: s, runes: n, linkRunes: n, links: 1} }
	heading := func(s string) block { return block{text: s, runes: wordRunes(s), heading: true} }
	tests := []struct {
		name string
		in   []block
		want []string
	}{
		{"box in the text", []block{prose, heading("More from UK"), link("Harbour wall repairs begin"), link("Bus fares rise"), prose},
			[]string{prose.text, prose.text}},
		{"strong heading with no text after stays for body to cut", []block{prose, heading("Related stories"), link("Harbour wall repairs begin"), link("Bus fares rise")},
			[]string{prose.text, "Related stories", "Harbour wall repairs begin", "Bus fares rise"}},
		{"a lone link stays", []block{prose, link("The full report"), prose},
			[]string{prose.text, "The full report", prose.text}},
		{"expander", []block{prose, {text: "Read more", runes: 8}, prose},
			[]string{prose.text, prose.text}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, b := range dropLinkBoxes(tt.in) {
				got = append(got, b.text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTrimEdges(t *testing.T) {
	p := []string{
		"The ferry company said on Friday that the winter timetable would keep two crossings a day.",
		"Islanders had feared that the morning crossing would be cut to save fuel this winter.",
		"The company said it would review the timetable again in the spring, when the new vessel is due.",
	}
	sig := shingleSet(p)
	tests := []struct {
		name     string
		in, want []string
		set      map[uint64]bool
	}{
		{"short lines at the edges go", append(append([]string{"Text size"}, p...), "Order reprints"), p, sig},
		{"a sentence of running text stays", append(append([]string{}, p...), "The harbour master said the pier at the southern landing would be repaired over the winter."),
			append(append([]string{}, p...), "The harbour master said the pier at the southern landing would be repaired over the winter."), sig},
		{"a structured text that is not this article trims nothing", append([]string{"Text size"}, p...), append([]string{"Text size"}, p...), shingleSet(p[:1])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trimEdges(tt.in, tt.set); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestShinglesNoSpaceScripts(t *testing.T) {
	if a, b := shingles("東京都は水曜日に発表した"), shingles("東京都は水曜日"); len(a) < 5 || len(b) != 5 {
		t.Errorf("Japanese text is not shingled by character: %d and %d shingles", len(a), len(b))
	}
	set := shingleSet([]string{"The Ferry Company said"})
	if covered("the ferry company said", set) != 1 || covered("a b", set) != 0 || covered("", set) != 1 {
		t.Error("coverage is not by lower-cased word shingles")
	}
}

func TestGalleryCount(t *testing.T) {
	for l, want := range map[string]bool{"Image 1 of 9": true, "Photo 3 of 12": true, "1 of 9": true,
		"One of 9": false, "Image 1 of 9 shows the pier": false, "Slide 2 of": false} {
		key, n := appendKey(nil, l)
		if got := isBoilerplate(l, key, n); got != want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", l, got, want)
		}
	}
}
