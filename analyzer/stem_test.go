package analyzer_test

import (
	"testing"

	"github.com/newsbrief/newsbrief/analyzer"
)

// Stems as the Snowball algorithms give them (checked against the
// algorithms' published examples where they have some).
func TestStem(t *testing.T) {
	tests := []struct {
		lang, word, want string
	}{
		{"en", "running", "run"},
		{"en", "elections", "elect"},
		{"de", "strecke", "streck"},
		{"de", "strecken", "streck"},
		{"de", "bundesregierung", "bundesregier"},
		{"de", "bundesregierungen", "bundesregier"},
		{"de", "häuser", "haus"},
		{"de", "straße", "strass"},
		{"de", "kenntnisse", "kenntnis"},
		{"de", "aufeinanderfolgenden", "aufeinanderfolg"},
		{"de", "lieferungen", "liefer"},
		{"de", "freundlichkeit", "freundlich"},
		{"fr", "présidentielle", "présidentiel"},
		{"fr", "annoncée", "annonc"},
		{"fr", "annonce", "annonc"},
		{"es", "elecciones", "eleccion"},
		{"es", "elección", "eleccion"},
		{"es", "gobierno", "gobiern"},
		{"it", "abbandonata", "abbandon"},
		{"it", "presidente", "president"},
		{"it", "governi", "govern"},
		{"it", "mangiarlo", "mang"},
		{"pt", "governos", "govern"},
		{"pt", "presidência", "president"},
		{"pt", "quilométricas", "quilométr"},
		{"nl", "regeringen", "reger"},
		{"nl", "regering", "reger"},
		{"nl", "lichamelijke", "licham"},
		{"nl", "huizen", "huiz"},
		{"sv", "regeringen", "regering"},
		{"ru", "правительства", "правительств"},
		{"", "strecken", "strecken"}, // no stemmer: the word itself
		{"pl", "koty", "koty"},
	}
	for _, tt := range tests {
		if got := analyzer.For(tt.lang).Stem(tt.word); got != tt.want {
			t.Errorf("For(%q).Stem(%q) = %q, want %q", tt.lang, tt.word, got, tt.want)
		}
	}
}

func TestKeyFoldsAccents(t *testing.T) {
	tests := []struct {
		lang, a, b string // two forms with the same key
	}{
		{"de", "strecke", "strecken"},
		{"de", "bundesregierung", "bundesregierungen"},
		{"fr", "élections", "election"},
		{"fr", "annoncée", "annonce"},
		{"es", "elección", "elecciones"},
		{"en", "élections", "election"},
		{"", "μέτρα", "μετρα"},
	}
	for _, tt := range tests {
		l := analyzer.For(tt.lang)
		if ka, kb := l.Key(tt.a), l.Key(tt.b); ka != kb {
			t.Errorf("For(%q): Key(%q) = %q, Key(%q) = %q; want equal", tt.lang, tt.a, ka, tt.b, kb)
		}
	}
}

func TestTermsAndIndexText(t *testing.T) {
	de := analyzer.For("de")
	if got, want := de.Terms("Die Strecken der Bundesregierung"), []string{"streck", "bundesregier"}; !equal(got, want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
	if got, want := de.IndexText("Die Strecken der Bundesregierung"), "dedie destreck deder debundesregier"; got != want {
		t.Errorf("IndexText = %q, want %q", got, want)
	}
	fr := analyzer.For("fr")
	// Apostrophes and hyphens separate words; accents come off after
	// stemming.
	if got, want := fr.Terms("L'État a annoncé l'arrêt"), []string{"etat", "annonc", "arret"}; !equal(got, want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
	if got, want := analyzer.For("ja").IndexText("東京 タワー"), "xx東京 xxタワー"; got != want {
		t.Errorf("IndexText = %q, want %q", got, want)
	}
	if got := analyzer.For("xx").Code(); got != "" {
		t.Errorf("For(xx).Code() = %q, want the generic analysis", got)
	}
	if got := analyzer.For("de-AT").Code(); got != "de" {
		t.Errorf("For(de-AT).Code() = %q, want de", got)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
