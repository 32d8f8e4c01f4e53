package news_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/news"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"case and punctuation", "Hello, World!", "hello world"},
		{"whitespace", "  a\n\n\tb  ", "a b"},
		{"unicode letters", "Díaz-Canel’s “plan”", "díaz canel s plan"},
		{"digits kept", "2.5% of $10.9bn", "2 5 of 10 9bn"},
		{"combining marks kept", "हिन्दी समाचार", "हिन्दी समाचार"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := news.NormalizeText(tt.in); got != tt.want {
				t.Errorf("NormalizeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestContentHashIgnoresFormatting(t *testing.T) {
	a := news.ContentHash("Kim met Shoigu.\n\nTalks were held.")
	b := news.ContentHash("kim  met shoigu talks were held")
	if a != b {
		t.Errorf("hashes differ for the same words: %s vs %s", a, b)
	}
	if c := news.ContentHash("Kim met Putin."); c == a {
		t.Error("different texts share a hash")
	}
}

func TestSimHash(t *testing.T) {
	// A news-length text (~500 words): SimHash is reliable at that length,
	// not on a paragraph.
	var sb strings.Builder
	subjects := []string{"the council", "the minister", "local police", "the union", "investors", "the court", "doctors"}
	verbs := []string{"warned about", "voted on", "criticised", "welcomed", "questioned", "delayed"}
	objects := []string{"the budget", "new tariffs", "the rail strike", "flood defences", "the housing plan"}
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&sb, "On day %d %s %s %s. ", i, subjects[i%len(subjects)], verbs[i%len(verbs)], objects[i%len(objects)])
	}
	base := sb.String()
	edited := strings.Replace(base, "welcomed", "cautiously welcomed", 1) // a sub-editor's touch
	other := "The central bank raised interest rates by a quarter point on Wednesday, citing persistent inflation in services " +
		"and a labour market that remains tight despite slower growth in the second half of the year."

	if d := news.Distance(news.SimHash(base), news.SimHash(edited)); d > news.NearDuplicateDistance {
		t.Errorf("small edit: distance %d > %d", d, news.NearDuplicateDistance)
	}
	if d := news.Distance(news.SimHash(base), news.SimHash(other)); d <= news.NearDuplicateDistance {
		t.Errorf("unrelated texts: distance %d ≤ %d", d, news.NearDuplicateDistance)
	}
	if news.SimHash("") != 0 {
		t.Error("empty text should fingerprint to 0")
	}
	if news.SimHash("two words") == 0 {
		t.Error("short text should still get a fingerprint")
	}
}

func TestSignatureAgrees(t *testing.T) {
	for _, text := range []string{"", "one", "Two words", "Héllo, WORLD — ÀÉÎ 2.5% of $10.9bn", "a b c d e f"} {
		hash, fp := news.Signature(text)
		if hash != news.ContentHash(text) || fp != news.SimHash(text) {
			t.Errorf("Signature(%q) disagrees with ContentHash/SimHash", text)
		}
		if want := news.ContentHash(news.NormalizeText(text)); hash != want {
			t.Errorf("ContentHash(%q) changes when the text is normalised first", text)
		}
	}
	if news.NormalizeText("Héllo, WORLD — ÀÉÎ") != "héllo world àéî" {
		t.Errorf("NormalizeText lower-cases non-ASCII letters: %q", news.NormalizeText("Héllo, WORLD — ÀÉÎ"))
	}
}

func BenchmarkSignature(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 3000; i++ {
		fmt.Fprintf(&sb, "On day %d the council in Northbridge voted on the £412m tram extension, officials said. ", i)
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		news.Signature(text)
	}
}
