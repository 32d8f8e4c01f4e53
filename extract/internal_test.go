package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"time"
	"unicode"
)

// wordsRef is the plain definition of the words of a key (see appendKey).
func wordsRef(s string) []string {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
	})
	out := ws[:0]
	for _, w := range ws {
		w = strings.ReplaceAll(strings.Trim(w, "-'’"), "’", "'")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// The tail headings as patterns over keys: strongTails, strongTailPrefixes
// and weakTails must say what these do.
var (
	strongTailRE = regexp.MustCompile(`^(related (articles?|stories|story|coverage|content|news|links|posts|reading|topics|videos?)` +
		`|more (from|on|in|about) .+|more (stories|news|articles|headlines|top stories|like this|to explore)` +
		`|you (may|might) (also )?(like|enjoy|be interested in)|you may have missed` +
		`|recommended( for you| stories| articles| reading| videos)?|most (read|popular|viewed|shared|watched)` +
		`|trending( now| stories| news)?|also read|see also|top stories|latest (news|stories|headlines)` +
		`|what to read next|read next|up next|editor's picks|further reading|(from )?around the web` +
		`|elsewhere on .+|sponsored (content|stories|links)|promoted (stories|content)|don't miss` +
		`|leia também|veja também|notícias relacionadas|artigos relacionados|posts relacionados|matérias relacionadas|mais lid[oa]s|você também pode gostar` +
		`|lee también|(también )?te puede interesar|noticias relacionadas|artículos relacionados|lo más leído|más leíd[oa]s|te recomendamos` +
		`|à lire aussi|lire aussi|sur le même sujet|articles similaires|les plus lus|voir aussi` +
		`|mehr zum thema|das könnte sie auch interessieren|lesen sie auch|meistgelesen|ähnliche artikel` +
		`|leggi anche|articoli correlati|potrebbe interessarti|i più letti` +
		`|baca juga|(artikel|berita) terkait|(berita|artikel) lainnya|terpopuler` +
		`|читайте также|похожие (статьи|записи|новости)|смотрите также|самые популярные( .+)?` +
		`|関連記事|人気記事|おすすめ記事|あわせて読みたい|相关文章|相关新闻|热门文章|推荐阅读|相關文章|相關新聞|관련기사|많이 본 뉴스)$`)
	weakTailRE = regexp.MustCompile(`^(related|read more|more|read also)$`)
)

var keySeeds = []string{
	"", "Share", "Share ›", "SHARE:", "  share  this\tarticle ", "’tis the season's ‘best’ -- end-", "--", "'", "’’",
	"Editor’s Picks", "Don't miss", "More from BBC News", "more on", "Related Videos", "İmage: Reuters", "K2",
	"Ⱥȿ lower grows", "naïve café – résumé", "١٢٣ arabic digits", "x\u00a0y\u2028z", "\xffbad\xfe bytes",
	"e-mail", "-a-", "a--b", "rock'n'roll", "ĲSSEL ǅ", "Straße", "ΣΑΣ", strings.Repeat("word ", 40),
}

func FuzzAppendKey(f *testing.F) {
	for _, s := range keySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var a [16]byte // small, to test growing too
		key, n := appendKey(a[:0], s)
		ws := wordsRef(s)
		if want := strings.Join(ws, " "); string(key) != want || n != len(ws) {
			t.Fatalf("appendKey(%q) = %q, %d; want %q, %d", s, key, n, want, len(ws))
		}
		h, strong := tailHeading(s, key, n)
		wantStrong := len(s) <= 100 && !strings.HasSuffix(s, ".") && n > 0 && n <= 8 && strongTailRE.MatchString(string(key))
		wantH := wantStrong || len(s) <= 100 && !strings.HasSuffix(s, ".") && n > 0 && n <= 8 && weakTailRE.MatchString(string(key))
		if h != wantH || strong != wantStrong {
			t.Fatalf("tailHeading(%q) = %v, %v; want %v, %v", s, h, strong, wantH, wantStrong)
		}
	})
}

// TestTailHeadingLanguage checks tailHeading on every key strongTailRE and
// weakTailRE match (".+" standing for a few words), and on each with a
// word added or taken away.
func TestTailHeadingLanguage(t *testing.T) {
	var keys []string
	for _, re := range []*regexp.Regexp{strongTailRE, weakTailRE} {
		r, err := syntax.Parse(re.String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, expandRE(t, r)...)
	}
	if len(keys) < 80 {
		t.Fatalf("only %d keys", len(keys))
	}
	for _, k := range keys {
		ws := strings.Fields(k)
		for _, v := range []string{k, k + " x", "x " + k, strings.Join(ws[:len(ws)-1], " "), strings.Join(ws[1:], " ")} {
			var a [64]byte
			key, n := appendKey(a[:0], v)
			h, strong := tailHeading(v, key, n)
			wantStrong := n > 0 && n <= 8 && strongTailRE.MatchString(string(key))
			wantH := wantStrong || n > 0 && n <= 8 && weakTailRE.MatchString(string(key))
			if h != wantH || strong != wantStrong {
				t.Errorf("tailHeading(%q) = %v, %v; want %v, %v", v, h, strong, wantH, wantStrong)
			}
		}
	}
	for k := range strongTails {
		if !strongTailRE.MatchString(k) {
			t.Errorf("strongTails has %q, which strongTailRE does not match", k)
		}
	}
}

// expandRE lists the strings a regular expression without repetition
// matches, with ".+" standing for "x" or "bbc news".
func expandRE(t *testing.T, r *syntax.Regexp) []string {
	switch r.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginText, syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine:
		return []string{""}
	case syntax.OpLiteral:
		return []string{string(r.Rune)}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i < len(r.Rune); i += 2 {
			for c := r.Rune[i]; c <= r.Rune[i+1]; c++ {
				out = append(out, string(c))
			}
		}
		return out
	case syntax.OpCapture:
		return expandRE(t, r.Sub[0])
	case syntax.OpQuest:
		return append([]string{""}, expandRE(t, r.Sub[0])...)
	case syntax.OpPlus:
		if r.Sub[0].Op == syntax.OpAnyCharNotNL {
			return []string{"x", "bbc news"}
		}
	case syntax.OpAlternate:
		var out []string
		for _, s := range r.Sub {
			out = append(out, expandRE(t, s)...)
		}
		return out
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range r.Sub {
			var next []string
			for _, a := range out {
				for _, b := range expandRE(t, s) {
					next = append(next, a+b)
				}
			}
			out = next
		}
		return out
	}
	t.Fatalf("cannot expand %v (op %v)", r, r.Op)
	return nil
}

// TestParseDateForms covers each way into parseDate's layouts, which it
// tries only where the start of the string allows.
func TestParseDateForms(t *testing.T) {
	day := time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	tests := []struct {
		in   string
		want time.Time // zero: not a date
	}{
		{"2025-03-12", day},
		{"2025/03/12", day},
		{"2025-03-12T10:30:00Z", at(10, 30)},
		{"2025-03-12 10:30", at(10, 30)},
		{"Wed, 12 Mar 2025 10:30:00 +0000", at(10, 30)},
		{"WED, 12 MAR 2025 10:30:00 GMT", at(10, 30)},
		{"12 March 2025", day},
		{"12 mar 2025", day},
		{"March 12, 2025", day},
		{"MARCH 12TH, 2025", day},
		{", March 12 2025", day},
		{"Wednesday, 12 March 2025, 10:30am", at(10, 30)},
		{"Wednesday 12th March 2025 at 3:04 p.m. GMT", at(15, 4)},
		{"Mar. 12, 2025", day},
		{"Sept. 3, 2024", time.Date(2024, 9, 3, 0, 0, 0, 0, time.UTC)},
		{"12 Mar 2025 10.30 BST", at(10, 30)},
		{"12\u00a0March\u00a02025", day},
		{"Mayor wins 2025 vote", time.Time{}},
		{"2025 was the wettest year", time.Time{}},
		{"Ad sales boost Time Warner profit 1234", time.Time{}},
		{"remarch 12 2025", time.Time{}},
		{"12 March 1850", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}
