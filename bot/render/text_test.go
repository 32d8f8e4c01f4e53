package render_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/news"
)

func TestEscape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Storm closes roads", "Storm closes roads"},
		{"white space", "  two\n\tlines \r\n here ", "two lines here"},
		{"emphasis", "*bold* _it_ ~~gone~~ `code` ||spoiler||", `\*bold\* \_it\_ \~\~gone\~\~ \` + "`code\\`" + ` \|\|spoiler\|\|`},
		{"backslash", `a\b`, `a\\b`},
		{"masked link", "[click](https://evil.example)", `\[click\]\(https://evil.example\)`},
		{"quote at start", "> quoted", `\> quoted`},
		{"quote inside", "a > b", "a > b"},
		{"heading", "# Big", `\# Big`},
		{"hash inside", "issue #4", "issue #4"},
		{"subtext", "-# small", `\-# small`},
		{"list", "- item", `\- item`},
		{"dash inside", "7-2 win", "7-2 win"},
		{"plus list", "+ item", `\+ item`},
		{"ordered list", "1. First", `1\. First`},
		{"year", "2026. A year", `2026\. A year`},
		{"decimal inside", "up 2.5%", "up 2.5%"},
		{"everyone", "@everyone look", "@\u200beveryone look"},
		{"here", "hi @here", "hi @\u200bhere"},
		{"capitals", "@Everyone", "@\u200bEveryone"},
		{"email", "mail a@example.com", "mail a@example.com"},
		{"user mention", "<@123>", "\\<@\u200b123>"},
		{"role mention", "<@&9>", "\\<@\u200b&9>"},
		{"timestamp", "<t:0:F>", `\<t:0:F>`},
		{"bare URL", "see https://x.example/a_b_(c)", "see https://x.example/a_b_(c)"},
		{"control", "a\x00b\x07c", "abc"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"empty", " \n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render.Escape(tt.in); got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
		want string
	}{
		{"fits", "short text", 10, "short text"},
		{"word boundary", "the quick brown fox", 12, "the quick…"},
		{"cut at a space", "the quick brown fox", 10, "the quick…"},
		{"one long word", "supercalifragilistic", 6, "super…"},
		{"runes", "ééééé ééééé", 8, "ééééé…"},
		{"escape kept whole", `abc\*def`, 5, "abc…"},
		{"escape pair kept", `ab\\cdef`, 5, `ab\\…`},
		{"zero", "abc", 0, ""},
		{"one", "abc", 1, "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render.Truncate(tt.in, tt.n); got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

// TestTruncateProperties checks, on random text, that Truncate never
// exceeds n runes, keeps valid UTF-8, returns a prefix of its input before
// the ellipsis, and cuts mid-word only when a word alone overflows.
func TestTruncateProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune(`ab é語🙂\*_ @` + "\u200b")
	for i := range 20000 {
		var sb strings.Builder
		for range r.IntN(60) {
			sb.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		s, n := sb.String(), r.IntN(50)
		got := render.Truncate(s, n)
		if c := utf8.RuneCountInString(got); c > n {
			t.Fatalf("%d: Truncate(%q, %d) = %q, %d runes", i, s, n, got, c)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("%d: Truncate(%q, %d) = %q, invalid UTF-8", i, s, n, got)
		}
		if got == s {
			continue
		}
		kept, ok := strings.CutSuffix(got, "…")
		if n > 0 && (!ok || !strings.HasPrefix(s, kept)) {
			t.Fatalf("%d: Truncate(%q, %d) = %q, not a prefix and an ellipsis", i, s, n, got)
		}
		// A word may lose a trailing backslash, which would otherwise
		// escape the ellipsis.
		if rest := strings.TrimPrefix(s[len(kept):], `\`); kept != "" && rest != "" && rest[0] != ' ' && strings.Contains(strings.TrimLeft(kept, " "), " ") {
			t.Fatalf("%d: Truncate(%q, %d) = %q cuts a word though a space came earlier", i, s, n, got)
		}
		if trailing := len(kept) - len(strings.TrimRight(kept, `\`)); trailing%2 == 1 {
			t.Fatalf("%d: Truncate(%q, %d) = %q splits an escape", i, s, n, got)
		}
	}
}

func TestComponentIDs(t *testing.T) {
	tests := []struct {
		id     string
		values []string
		digest int64
		index  int
		ok     bool
	}{
		{render.StoryMenuID(123456789012), []string{"7"}, 123456789012, 7, true},
		{"story:42:3", nil, 42, 3, true}, // a button of a briefing posted before the menu
		{render.StoryMenuID(1), nil, 0, 0, false},
		{render.StoryMenuID(1), []string{"1", "2"}, 0, 0, false},
		{render.StoryMenuID(1), []string{"-1"}, 0, 0, false},
		{"story:", []string{"1"}, 0, 0, false},
		{"story:x:1", nil, 0, 0, false},
		{"other:1:2", nil, 0, 0, false},
	}
	for _, tt := range tests {
		d, i, ok := render.ParseStoryID(tt.id, tt.values)
		if ok != tt.ok || ok && (d != tt.digest || i != tt.index) {
			t.Errorf("ParseStoryID(%q, %v) = %d, %d, %v", tt.id, tt.values, d, i, ok)
		}
	}
	if d, ok := render.ParseMoreStoriesID(render.MoreStoriesID(77)); !ok || d != 77 {
		t.Errorf("more stories ID round trip = %d, %v", d, ok)
	}
	p, s, ok := render.ParseSearchButtonID(render.SearchButtonID(3, "q:abc:1"))
	if !ok || p != 3 || s != "q:abc:1" {
		t.Errorf("search ID round trip = %d, %q, %v", p, s, ok)
	}
	for _, bad := range []string{"", "search:-1:s", "search:x", "other:1:2", "stories:x"} {
		if _, _, ok := render.ParseSearchButtonID(bad); ok {
			t.Errorf("ParseSearchButtonID(%q) ok", bad)
		}
		if _, ok := render.ParseMoreStoriesID(bad); ok {
			t.Errorf("ParseMoreStoriesID(%q) ok", bad)
		}
	}
}

// A URL inside a masked link's text would stop Discord rendering the link.
func TestDigestLinkTextURL(t *testing.T) {
	msgs := render.Digest(render.English, news.Briefing{Stories: []news.Story{{Headline: "see https://evil.example/a)b]", Articles: []news.StoryArticle{
		{Title: "t", URL: "https://x.example/a"},
	}}}}, 1, nil)
	want := "[see https:/\u200b/evil.example/a\\)b\\]](https://x.example/a)"
	if d := msgs[0].Embeds[0].Description; !strings.Contains(d, want) {
		t.Errorf("description %q lacks %q", d, want)
	}
}
