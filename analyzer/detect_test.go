package analyzer_test

import (
	"testing"

	"github.com/newsbrief/newsbrief/analyzer"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		hints []string
		want  string
	}{
		{"en", "The city council approved a new budget on Tuesday after a long debate with the mayor.", nil, "en"},
		{"de", "Der Stadtrat hat am Dienstag nach einer langen Debatte einen neuen Haushalt beschlossen.", nil, "de"},
		{"fr", "Le conseil municipal a approuvé mardi un nouveau budget après un long débat avec le maire.", nil, "fr"},
		{"es", "El ayuntamiento aprobó el martes un nuevo presupuesto después de un largo debate con el alcalde.", nil, "es"},
		{"it", "Il consiglio comunale ha approvato martedì un nuovo bilancio dopo un lungo dibattito con il sindaco.", nil, "it"},
		{"nl", "De gemeenteraad heeft dinsdag na een lang debat met de burgemeester een nieuwe begroting goedgekeurd.", nil, "nl"},
		{"pt", "A câmara municipal aprovou na terça-feira um novo orçamento depois de um longo debate com o prefeito.", nil, "pt"},
		{"sv", "Kommunfullmäktige godkände på tisdagen en ny budget efter en lång debatt med borgmästaren och det var inte lätt.", nil, "sv"},
		{"ru", "Городской совет во вторник утвердил новый бюджет после долгих дебатов с мэром, и это было не просто.", nil, "ru"},
		{"el", "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη νέο προϋπολογισμό.", nil, "el"},
		{"ja", "市議会は火曜日に新しい予算を承認しました。", nil, "ja"},
		{"zh", "市议会周二批准了新的预算。", nil, "zh"},
		{"ko", "시의회는 화요일 새 예산을 승인했다.", nil, "ko"},
		{"too short", "Budget approved.", nil, ""},
		{"names are not prose", "Alvarez Springfield Tuesday Budget Council Mayor Transport Lines Taxes", nil, ""},
		{"short text takes the hint", "Storms hit coast", []string{"en-GB"}, "en"},
		{"hint decides a short German title", "Bahn baut Strecke aus", []string{"de"}, "de"},
		// "to" is English, "Biden's" gives an "s" several languages share:
		// no clear verdict, so the hint stands.
		{"unclear headline takes the hint", "Perspectives: Biden's Address To Congress", []string{"en"}, "en"},
		{"unclear headline without a hint", "Perspectives: Biden's Address To Congress", nil, ""},
		{"text outweighs a wrong hint", "Der Stadtrat hat am Dienstag nach einer langen Debatte einen neuen Haushalt beschlossen, und die Opposition ist nicht zufrieden.", []string{"en"}, "de"},
		{"unknown hint ignored", "The city council approved a new budget on Tuesday after a long debate with the mayor.", []string{"xx-YY"}, "en"},
		{"empty", "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := analyzer.Detect(tt.text, tt.hints...); got != tt.want {
				t.Errorf("Detect(%q, %q) = %q, want %q", tt.text, tt.hints, got, tt.want)
			}
		})
	}
}

func TestParseLanguage(t *testing.T) {
	tests := []struct{ in, code, name string }{
		{"", "", ""},
		{"English", "en", "English"},
		{"de", "de", "German"},
		{"Deutsch", "de", "German"},
		{"pt_BR", "pt", "Portuguese"},
		{"fr-CA", "fr", "French"},
		{"nb-NO", "no", "Norwegian"},
		{"ja", "ja", "Japanese"},
		{"Klingon", "", "Klingon"},
	}
	for _, tt := range tests {
		if got := analyzer.ParseLanguage(tt.in); got.Code != tt.code || got.Name != tt.name {
			t.Errorf("ParseLanguage(%q) = %+v, want %s %s", tt.in, got, tt.code, tt.name)
		}
	}
}
