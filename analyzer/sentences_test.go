package analyzer_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/analyzer"
)

// Each language's abbreviations, ordinals and quotation marks.
func TestSentences(t *testing.T) {
	tests := []struct {
		lang, name, in string
		want           []string
	}{
		{"de", "billions", "Der Bund lässt rund 12,5 Mrd. Euro in den Ausbau der Bahn fließen. Das ist viel.",
			[]string{"Der Bund lässt rund 12,5 Mrd. Euro in den Ausbau der Bahn fließen.", "Das ist viel."}},
		{"de", "a date's ordinal", "Die Abstimmung ist für Freitag, den 12. Dezember, geplant. Danach folgt mehr.",
			[]string{"Die Abstimmung ist für Freitag, den 12. Dezember, geplant.", "Danach folgt mehr."}},
		{"de", "an ordinal before a noun", "Er wurde am 3. Oktober 1990 der 2. Kanzler. Die Feier war groß.",
			[]string{"Er wurde am 3. Oktober 1990 der 2. Kanzler.", "Die Feier war groß."}},
		{"de", "a number ends the sentence", "Die Zahl der Opfer stieg auf 12. Die Polizei ermittelt.",
			[]string{"Die Zahl der Opfer stieg auf 12.", "Die Polizei ermittelt."}},
		{"de", "spaced abbreviations", "Es gibt z. B. Äpfel, d. h. Obst. Die Grünen sind dagegen.",
			[]string{"Es gibt z. B. Äpfel, d. h. Obst.", "Die Grünen sind dagegen."}},
		{"de", "z. B. before a capitalised noun", "Manche Länder, z. B. Frankreich, zögern.",
			[]string{"Manche Länder, z. B. Frankreich, zögern."}},
		{"de", "titles and numbers", "Dr. Müller wohnt in der Goethestr. 5 in Berlin. Nr. 7 ist leer.",
			[]string{"Dr. Müller wohnt in der Goethestr. 5 in Berlin.", "Nr. 7 ist leer."}},
		{"de", "low quotes", "Er sagte: „Wir bauen.“ Die Bahn schweigt.",
			[]string{"Er sagte: „Wir bauen.“ Die Bahn schweigt."}},
		{"fr", "Monsieur", "M. Macron a parlé mardi. M. Le Pen a répondu.",
			[]string{"M. Macron a parlé mardi.", "M. Le Pen a répondu."}},
		{"fr", "guillemets after a space", "Il a dit « C'est fini. » Le président est parti.",
			[]string{"Il a dit « C'est fini. »", "Le président est parti."}},
		{"fr", "an article of law", "Selon l'art. 3 de la loi, Mme Dupont refuse. Elle part.",
			[]string{"Selon l'art. 3 de la loi, Mme Dupont refuse.", "Elle part."}},
		{"es", "Señor", "El Sr. García habló ayer. La Sra. López no.",
			[]string{"El Sr. García habló ayer.", "La Sra. López no."}},
		{"es", "questions open with ¿", "¿Vendrá? Sí. ¡Claro que sí! El resto no.",
			[]string{"¿Vendrá?", "Sí.", "¡Claro que sí!", "El resto no."}},
		{"es", "article and dotted initials", "Según el art. 3 de la ley, EE.UU. decide. El resto espera.",
			[]string{"Según el art. 3 de la ley, EE.UU. decide.", "El resto espera."}},
		{"es", "decimals and thousands", "El paro bajó al 12,5% y 1.200 personas encontraron trabajo. Es poco.",
			[]string{"El paro bajó al 12,5% y 1.200 personas encontraron trabajo.", "Es poco."}},
		{"it", "Signore", "Il Sig. Rossi e il Dott. Bianchi sono arrivati. Poi è partito.",
			[]string{"Il Sig. Rossi e il Dott. Bianchi sono arrivati.", "Poi è partito."}},
		{"it", "elided article", "Secondo l'art. 5 della legge il governo decide. La Camera vota.",
			[]string{"Secondo l'art. 5 della legge il governo decide.", "La Camera vota."}},
		{"pt", "Senhor", "O Sr. Silva e a Dra. Costa chegaram. Depois saíram.",
			[]string{"O Sr. Silva e a Dra. Costa chegaram.", "Depois saíram."}},
		{"nl", "titles", "Dhr. Jansen en mevr. de Vries zijn er, bijv. in Utrecht. De rest niet.",
			[]string{"Dhr. Jansen en mevr. de Vries zijn er, bijv. in Utrecht.", "De rest niet."}},
		{"nl", "dotted abbreviations", "Er zijn o.a. twee ministers. Zij stemmen.",
			[]string{"Er zijn o.a. twee ministers.", "Zij stemmen."}},
		{"en", "Senior stays ambiguous in English", "John Smith Sr. The company grew.",
			[]string{"John Smith Sr.", "The company grew."}},
		{"en", "a year ends a sentence", "It opened in 2004. The city grew.",
			[]string{"It opened in 2004.", "The city grew."}},
		{"en", "an English ordinal is not a German one", "The team scored 12. The crowd cheered.",
			[]string{"The team scored 12.", "The crowd cheered."}},
		{"", "unknown language: English rules", "Mr. Smith arrived in the U.S. The rest stayed.",
			[]string{"Mr. Smith arrived in the U.S.", "The rest stayed."}},
		{"ja", "caseless script", "市議会は予算を承認した。 Then it rained.",
			[]string{"市議会は予算を承認した。 Then it rained."}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.name, func(t *testing.T) {
			got := analyzer.For(tt.lang).Sentences(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// checkSentences holds for any input: the sentences are trimmed, non-empty
// substrings of the text, in order and without overlap.
func checkSentences(t *testing.T, text string, sents []string) {
	t.Helper()
	pos := 0
	for _, s := range sents {
		if s == "" || strings.TrimFunc(s, unicode.IsSpace) != s {
			t.Fatalf("sentence %q is empty or untrimmed", s)
		}
		i := strings.Index(text[pos:], s)
		if i < 0 {
			t.Fatalf("sentence %q is not in the text after byte %d", s, pos)
		}
		pos += i + len(s)
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"Der Bund lässt rund 12,5 Mrd. Euro fließen. Das ist viel.",
		"Freitag, den 12. Dezember. Die Wahl.",
		"z. B. d. h. u. a. Die",
		"M. Macron « C'est fini. » Le président",
		"¿Vendrá? ¡Sí! El Sr. García, art. 3, EE.UU.",
		"l'art. 3 dell'art. 5",
		"a. b. c. D. E. F.",
		"12.12. 3. 1.000.",
		"\xff. \xfe. Ä. 。 .",
		" » » . » . «",
	} {
		f.Add(s)
	}
	langs := append(analyzer.Stemmed(), "", "ja")
	f.Fuzz(func(t *testing.T, text string) {
		for _, code := range langs {
			checkSentences(t, text, analyzer.For(code).Sentences(text))
		}
	})
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"Die Strecken der Bundesregierung",
		"L'État a annoncé l'arrêt des négociations.",
		"¿Elecciones? ¡Sí!",
		"Τα νέα μέτρα ανακοινώθηκαν",
		"правительства России",
		"a\u0301\u0301 ß ǅ İstanbul",
		"\xff\xfe",
		"東京タワー",
	} {
		f.Add(s)
	}
	langs := append(analyzer.Stemmed(), "")
	f.Fuzz(func(t *testing.T, text string) {
		_ = analyzer.Detect(text, "de")
		for _, code := range langs {
			l := analyzer.For(code)
			for _, term := range l.Terms(text) {
				if term == "" || strings.ContainsFunc(term, unicode.IsSpace) {
					t.Fatalf("%s: term %q of %q is empty or has a space", code, term, text)
				}
			}
			ix := l.IndexText(text)
			if utf8.ValidString(text) && !utf8.ValidString(ix) {
				t.Fatalf("%s: index text %q of valid %q is not valid UTF-8", code, ix, text)
			}
			if got, want := len(strings.Fields(ix)), len(analyzer.Words(text)); got != want {
				t.Fatalf("%s: index text %q has %d tokens for %d words", code, ix, got, want)
			}
		}
	})
}
