package summarize

import (
	"strings"
	"unicode"
)

// Language identification by stopword profiles: function words are the
// most frequent words of any text and differ between languages, so
// counting them tells the languages we check apart from a sentence or two.
// It only answers when it is confident; an unknown answer is "".

// minLangWords is the shortest text judged; fewer words say too little.
const minLangWords = 8

var langStopwords = map[string][]string{
	"en": strings.Fields(`the and of to in is was that for it with as on at by from
		this be are were has have had not but or an which who will would its their
		they he she said been after over about than also into more when there`),
	"de": strings.Fields(`der die das und ist nicht ein eine einen dem den des zu mit
		sich auf für von im ist wird wurde werden auch als nach bei aus sie er es
		hat haben sind war noch nur über wie dass oder aber vor um`),
	"fr": strings.Fields(`le la les et est un une des du de dans que qui pour pas sur
		au aux avec ce cette il elle sont été par plus ne se son sa ses ont mais
		été leur être comme où après selon`),
	"es": strings.Fields(`el la los las y es un una de del en que por con para no se
		su sus al lo como más pero fue ha han este esta son está sobre entre
		también según desde hasta muy`),
	"it": strings.Fields(`il lo la gli le e è un una di del della dei delle in che per
		con non si al alla sono è stato stata ha hanno anche come più ma nel
		nella questo questa dopo tra secondo`),
	"nl": strings.Fields(`de het een en is van in dat op te voor met niet zijn was
		die er aan bij ook om als door naar werd worden heeft hebben maar dan
		nog wel over uit deze dit haar hij zij`),
	"pt": strings.Fields(`o a os as e é um uma de do da dos das em no na que por com
		para não se seu sua ao mais mas foi são está como também pelo pela
		ele ela entre após segundo`),
}

// stopIndex maps a stopword to the languages it belongs to.
var stopIndex = func() map[string][]string {
	m := map[string][]string{}
	for lang, ws := range langStopwords {
		seen := map[string]bool{}
		for _, w := range ws {
			if !seen[w] {
				seen[w] = true
				m[w] = append(m[w], lang)
			}
		}
	}
	return m
}()

// words splits text into lowercased words of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// detectLanguage returns the ISO 639-1 code of the language text is
// written in, among en de fr es it nl pt, or "" when unsure.
func detectLanguage(text string) string {
	ws := words(text)
	if len(ws) < minLangWords {
		return ""
	}
	score := map[string]float64{}
	hits := 0
	for _, w := range ws {
		langs := stopIndex[w]
		if len(langs) == 0 {
			continue
		}
		hits++
		// A word shared by several languages is weaker evidence.
		for _, l := range langs {
			score[l] += 1 / float64(len(langs))
		}
	}
	best, bestScore, second := "", 0.0, 0.0
	for l, s := range score {
		if s > bestScore || s == bestScore && l < best {
			best, bestScore, second = l, s, bestScore
		} else if s > second {
			second = s
		}
	}
	// Real prose is a quarter or more function words; a list of names is
	// not prose, and a near tie is not an answer.
	if best == "" || hits*8 < len(ws) || bestScore < 2 || bestScore < 1.5*second {
		return ""
	}
	return best
}

type language struct{ code, name string }

// languages maps names and codes (ISO 639-1 and -2, English and native
// names) to a language. Those without langStopwords can be asked for but not
// checked.
var languages = func() map[string]language {
	m := map[string]language{}
	for _, l := range []struct {
		code, name string
		aliases    string
	}{
		{"en", "English", "eng english englisch anglais inglés ingles inglese engels inglês"},
		{"de", "German", "deu ger german deutsch allemand alemán aleman tedesco duits alemão"},
		{"fr", "French", "fra fre french français francais französisch francés frances francese frans francês"},
		{"es", "Spanish", "spa spanish español espanol spanisch espagnol spagnolo spaans espanhol castellano"},
		{"it", "Italian", "ita italian italiano italienisch italien italiaans"},
		{"nl", "Dutch", "nld dut dutch nederlands niederländisch néerlandais neerlandés olandese holandês flemish"},
		{"pt", "Portuguese", "por portuguese português portugues portugiesisch portugais portugués portoghese portugees"},
		{"pl", "Polish", "pol polish polski"},
		{"sv", "Swedish", "swe swedish svenska"},
		{"da", "Danish", "dan danish dansk"},
		{"no", "Norwegian", "nor nob nb norwegian norsk"},
		{"fi", "Finnish", "fin finnish suomi"},
		{"cs", "Czech", "ces cze czech čeština"},
		{"tr", "Turkish", "tur turkish türkçe"},
		{"ru", "Russian", "rus russian русский"},
		{"uk", "Ukrainian", "ukr ukrainian українська"},
		{"el", "Greek", "ell gre greek ελληνικά"},
		{"ja", "Japanese", "jpn japanese 日本語"},
		{"zh", "Chinese", "zho chi chinese 中文"},
		{"ko", "Korean", "kor korean 한국어"},
		{"ar", "Arabic", "ara arabic العربية"},
		{"hi", "Hindi", "hin hindi हिन्दी"},
	} {
		lang := language{l.code, l.name}
		m[l.code] = lang
		for _, a := range strings.Fields(l.aliases) {
			m[a] = lang
		}
	}
	return m
}()

// parseLanguage reads a configured output language, a name or a code
// ("German", "deutsch", "de", "de-AT", "pt_BR"). An unknown one is used
// in the prompt as given, with no code, so it cannot be checked.
func parseLanguage(s string) language {
	s = strings.TrimSpace(s)
	if s == "" {
		return language{}
	}
	k := strings.ToLower(s)
	if l, ok := languages[k]; ok {
		return l
	}
	if i := strings.IndexAny(k, "-_"); i > 0 {
		if l, ok := languages[k[:i]]; ok {
			return l
		}
	}
	return language{name: s}
}
