package analyzer

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Language identification by stop-word profiles: function words are the
// most frequent words of any text and differ between languages, so
// counting them tells the languages apart from a sentence or two. Scripts
// used by one language (Greek, Hangul, kana, Thai, Hebrew…) tell theirs
// alone. Detect only answers when it is confident; unsure is "".

// minDetectWords is the shortest text judged by words alone; fewer words
// say too little unless a hint agrees.
const minDetectWords = 5

var profiles = map[string][]string{
	"en": strings.Fields(`the and of to in is was that for it with as on at by from
		this be are were has have had not but or an which who will would its their
		they he she said been after over about than also into more when there`),
	"de": strings.Fields(`der die das und ist nicht ein eine einen dem den des zu mit
		sich auf für von im wird wurde werden auch als nach bei aus sie er es
		hat haben sind war noch nur über wie dass oder aber vor um`),
	"fr": strings.Fields(`le la les et est un une des du de dans que qui pour pas sur
		au aux avec ce cette il elle sont été par plus ne se son sa ses ont mais
		leur être comme où après selon`),
	"es": strings.Fields(`el la los las y es un una de del en que por con para no se
		su sus al lo como más pero fue ha han este esta son está sobre entre
		también según desde hasta muy`),
	"it": strings.Fields(`il lo la gli le e è un una di del della dei delle in che per
		con non si al alla sono stato stata ha hanno anche come più ma nel
		nella questo questa dopo tra secondo`),
	"nl": strings.Fields(`de het een en is van in dat op te voor met niet zijn was
		die er aan bij ook om als door naar werd worden heeft hebben maar dan
		nog wel over uit deze dit haar hij zij`),
	"pt": strings.Fields(`o a os as e é um uma de do da dos das em no na que por com
		para não se seu sua ao mais mas foi são está como também pelo pela
		ele ela entre após segundo`),
	"sv": strings.Fields(`och att det som en på är av för med till den har de inte om
		ett han men var jag hon kan vi sig från så eller efter när också skulle`),
	"no": strings.Fields(`og at det som en på er av for med til den har de ikke om
		et han men var jeg hun kan vi seg fra så eller etter når også skal`),
	"da": strings.Fields(`og at det som en på er af for med til den har de ikke om
		et han men var jeg hun kan vi sig fra så eller efter når også skal`),
	"pl": strings.Fields(`i w na z że się nie do to jest o jak a po od przez za ale
		jego oraz już przy dla tak być był była może tym które który`),
	"cs": strings.Fields(`a v na se že je s z do o to k by jako jsou ale pro za po
		jeho které který byl byla také jejich při podle však`),
	"ro": strings.Fields(`și în de la cu a pe că nu o un care din este pentru mai
		sunt fost au al ale fi dar după iar acest această`),
	"tr": strings.Fields(`ve bir bu da de için ile olarak çok daha en gibi ama olan
		sonra kadar ancak ise değil var yok her şey`),
	"fi": strings.Fields(`ja on ei että se oli hän ovat mutta kun myös tai jo vain
		sen kuin ole joka mukaan nyt jälkeen ollut`),
	"hu": strings.Fields(`a az és hogy nem is egy de meg el ez volt csak már van
		mint ki kell még után szerint pedig vagy`),
	"ru": strings.Fields(`и в не на что он с как а по это к но из у за от о для
		его она же так был было они бы её уже также при`),
	"uk": strings.Fields(`і в не на що він з як а по це до але із у за від про для
		його вона вже так був було вони б її також при та й`),
}

// profileLangs are the languages of the profiles, in a fixed order.
var profileLangs = func() []string {
	ls := make([]string, 0, len(profiles))
	for l := range profiles {
		ls = append(ls, l)
	}
	sort.Strings(ls)
	return ls
}()

// profileIndex maps a stop word to the indices (in profileLangs) of the
// languages it belongs to.
var profileIndex = func() map[string][]int {
	m := map[string][]int{}
	for i, lang := range profileLangs {
		seen := map[string]bool{}
		for _, w := range profiles[lang] {
			if !seen[w] {
				seen[w] = true
				m[w] = append(m[w], i)
			}
		}
	}
	return m
}()

// maxProfileWord is the length in bytes of the longest profile word.
var maxProfileWord = func() int {
	n := 0
	for w := range profileIndex {
		n = max(n, len(w))
	}
	return n
}()

// DetectSample is how much of a text Detect reads: function words are
// frequent, so a few paragraphs say as much as a whole article.
const DetectSample = 2000

// Detect returns the ISO 639-1 code of the language text is written in,
// or "" when unsure. hints are what the source says of itself (a feed's
// <language>, a page's lang attribute: "en-GB", "de"): a hint decides
// between close candidates, and names the language of a text too short to
// judge, but the text outweighs a hint it clearly contradicts (feeds
// that say "en" of everything). Only the first DetectSample bytes of text
// are read.
func Detect(text string, hints ...string) string {
	if len(text) > DetectSample {
		text = text[:DetectSample] // a cut rune is not a word
	}
	hint := ""
	for _, h := range hints {
		if c := ParseLanguage(h).Code; c != "" {
			hint = c
			break
		}
	}
	if s := scriptLanguage(text); s != "" {
		if s == "cyrillic" {
			return byWords(text, hint, "ru", "uk")
		}
		return s
	}
	return byWords(text, hint)
}

// byWords judges text by its function words among the profiles (all, or
// only those in only).
func byWords(text, hint string, only ...string) string {
	score := make([]float64, len(profileLangs))
	words, hits := 0, 0
	var buf []byte
	WordSpans(text, func(s, e int) {
		words++
		if e-s > maxProfileWord {
			return
		}
		buf = AppendLower(buf[:0], text[s:e])
		langs := profileIndex[string(buf)]
		if len(langs) == 0 {
			return
		}
		hits++
		// A word shared by several languages is weaker evidence.
		for _, l := range langs {
			score[l] += 1 / float64(len(langs))
		}
	})
	best, bestScore, second, hintScore := "", 0.0, 0.0, 0.0
	for i, s := range score {
		l := profileLangs[i]
		if len(only) > 0 && !slices.Contains(only, l) {
			continue
		}
		if l == hint {
			hintScore = s
		}
		if s > bestScore {
			best, bestScore, second = l, s, bestScore
		} else if s > second {
			second = s
		}
	}
	if hint != "" {
		// A hint stands unless the words clearly say otherwise.
		if words < minDetectWords || best == "" || best == hint || hintScore >= bestScore/2 {
			return hint
		}
	}
	// Real prose is a quarter or more function words; a list of names is
	// not prose, and a near tie is not an answer: then the hint stands,
	// as the words do not clearly say otherwise.
	if words < minDetectWords || best == "" || hits*8 < words || bestScore < 2 || bestScore < 1.5*second {
		return hint
	}
	return best
}

// Scripts scriptLanguage counts.
const (
	scriptLatin = iota
	scriptGreek
	scriptCyrillic
	scriptHangul
	scriptKana
	scriptHan
	scriptThai
	scriptHebrew
	scriptGeorgian
	scriptArmenian
	scriptOther
	nScripts
)

// scriptNames are the languages of the scripts only one language of news
// writes; Cyrillic is told apart by words, Han and kana together.
var scriptNames = [nScripts]string{scriptGreek: "el", scriptCyrillic: "cyrillic", scriptHangul: "ko",
	scriptThai: "th", scriptHebrew: "he", scriptGeorgian: "ka", scriptArmenian: "hy"}

// scriptLanguage returns the language of a script that only one language
// of news uses, "cyrillic" for Cyrillic, or "" when most letters are of
// another script (Latin, or none).
func scriptLanguage(text string) string {
	var counts [nScripts]int
	letters := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				counts[scriptLatin]++
				letters++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case r < 0x250:
			counts[scriptLatin]++
		case unicode.Is(unicode.Greek, r):
			counts[scriptGreek]++
		case unicode.Is(unicode.Cyrillic, r):
			counts[scriptCyrillic]++
		case unicode.Is(unicode.Hangul, r):
			counts[scriptHangul]++
		case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
			counts[scriptKana]++
		case unicode.Is(unicode.Han, r):
			counts[scriptHan]++
		case unicode.Is(unicode.Thai, r):
			counts[scriptThai]++
		case unicode.Is(unicode.Hebrew, r):
			counts[scriptHebrew]++
		case unicode.Is(unicode.Georgian, r):
			counts[scriptGeorgian]++
		case unicode.Is(unicode.Armenian, r):
			counts[scriptArmenian]++
		default:
			counts[scriptOther]++
		}
	}
	if letters == 0 || counts[scriptLatin] > letters/2 {
		return ""
	}
	// Japanese mixes kana with Han; Han alone is Chinese.
	if counts[scriptKana] > 0 && counts[scriptKana]+counts[scriptHan] > letters/2 {
		return "ja"
	}
	if counts[scriptHan] > letters/2 {
		return "zh"
	}
	for s, name := range scriptNames {
		if name != "" && counts[s] > letters/2 {
			return name
		}
	}
	return ""
}

// Language is a language's ISO 639-1 code and English name.
type Language struct {
	Code string // "" when the language is not one ParseLanguage knows
	Name string
}

// languageNames maps names and codes (ISO 639-1 and -2, English and
// native names) to a language.
var languageNames = func() map[string]Language {
	m := map[string]Language{}
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
		{"no", "Norwegian", "nor nob nb nn nno norwegian norsk"},
		{"fi", "Finnish", "fin finnish suomi"},
		{"cs", "Czech", "ces cze czech čeština"},
		{"ro", "Romanian", "ron rum romanian română"},
		{"hu", "Hungarian", "hun hungarian magyar"},
		{"tr", "Turkish", "tur turkish türkçe"},
		{"ru", "Russian", "rus russian русский"},
		{"uk", "Ukrainian", "ukr ukrainian українська"},
		{"el", "Greek", "ell gre greek ελληνικά"},
		{"ja", "Japanese", "jpn japanese 日本語"},
		{"zh", "Chinese", "zho chi chinese 中文"},
		{"ko", "Korean", "kor korean 한국어"},
		{"ar", "Arabic", "ara arabic العربية"},
		{"he", "Hebrew", "heb hebrew iw עברית"},
		{"hi", "Hindi", "hin hindi हिन्दी"},
		{"th", "Thai", "tha thai ไทย"},
		{"ka", "Georgian", "kat geo georgian ქართული"},
		{"hy", "Armenian", "hye arm armenian հայերեն"},
	} {
		lang := Language{l.code, l.name}
		m[l.code] = lang
		m[strings.ToLower(l.name)] = lang
		for _, a := range strings.Fields(l.aliases) {
			m[a] = lang
		}
	}
	return m
}()

// ParseLanguage reads a language named by a code or a name ("German",
// "deutsch", "de", "de-AT", "pt_BR"). An unknown one comes back with no
// code and the name as given.
func ParseLanguage(s string) Language {
	s = strings.TrimSpace(s)
	if s == "" {
		return Language{}
	}
	k := strings.ToLower(s)
	if l, ok := languageNames[k]; ok {
		return l
	}
	if i := strings.IndexAny(k, "-_"); i > 0 {
		if l, ok := languageNames[k[:i]]; ok {
			return l
		}
	}
	return Language{Name: s}
}

// IsFunctionWord reports whether a lower-case word is one of the most
// common function words of any language Detect knows.
func IsFunctionWord(w string) bool { return profileIndex[w] != nil }
