package analyzer

// Portuguese Snowball stemmer. The nasal vowels ã and õ become "a~" and
// "o~" while stemming, as the algorithm describes.

func portugueseVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'â', 'ê', 'ô':
		return true
	}
	return false
}

var (
	ptStep1 = suffixes("eza", "ezas", "ico", "ica", "icos", "icas", "ismo", "ismos", "ável",
		"ível", "ista", "istas", "oso", "osa", "osos", "osas", "amento", "amentos", "imento",
		"imentos", "adora", "ador", "aça~o", "adoras", "adores", "aço~es", "ante", "antes", "ância",
		"logia", "logias", "uça~o", "uço~es", "ência", "ências", "amente", "mente",
		"idade", "idades", "iva", "ivo", "ivas", "ivos", "ira", "iras")
	ptVerb = suffixes("ada", "ida", "ia", "aria", "eria", "iria", "ará", "ara", "erá", "era",
		"irá", "ava", "asse", "esse", "isse", "aste", "este", "iste", "ei", "arei", "erei", "irei",
		"am", "iam", "ariam", "eriam", "iriam", "aram", "eram", "iram", "avam", "em", "arem",
		"erem", "irem", "assem", "essem", "issem", "ado", "ido", "ando", "endo", "indo", "ara~o",
		"era~o", "ira~o", "ar", "er", "ir", "as", "adas", "idas", "ias", "arias", "erias", "irias",
		"arás", "aras", "erás", "eras", "irás", "avas", "es", "ardes", "erdes", "irdes", "ares",
		"eres", "ires", "asses", "esses", "isses", "astes", "estes", "istes", "is", "ais", "eis",
		"íeis", "aríeis", "eríeis", "iríeis", "áreis", "areis", "éreis", "ereis", "íreis",
		"ireis", "ásseis", "ésseis", "ísseis", "áveis", "ados", "idos", "ámos", "amos", "íamos",
		"aríamos", "eríamos", "iríamos", "áramos", "éramos", "íramos", "ávamos", "emos",
		"aremos", "eremos", "iremos", "ássemos", "êssemos", "íssemos", "imos", "armos", "ermos",
		"irmos", "eu", "iu", "ou", "ira", "iras")
	ptResidual = suffixes("os", "a", "i", "o", "á", "í", "ó")
)

// stemPortuguese stems a lower-case Portuguese word.
func stemPortuguese(word string) string {
	rs := make([]rune, 0, len(word)+2)
	for _, r := range word {
		switch r {
		case 'ã':
			rs = append(rs, 'a', '~')
		case 'õ':
			rs = append(rs, 'o', '~')
		default:
			rs = append(rs, r)
		}
	}
	w := newSwordRunes(rs)
	w.rv = romanceRV(rs, portugueseVowel)
	w.regions(portugueseVowel)

	changed := portugueseStep1(w)
	if !changed {
		if s := w.longest(ptVerb); s != "" {
			if n := len([]rune(s)); w.in(w.rv, n) {
				w.cut(n)
				changed = true
			}
		}
	}
	if changed {
		// Step 3: an i after c, in RV.
		if w.at(0) == 'i' && w.at(1) == 'c' && w.in(w.rv, 1) {
			w.cut(1)
		}
	} else if s := w.longest(ptResidual); s != "" {
		// Step 4.
		if n := len([]rune(s)); w.in(w.rv, n) {
			w.cut(n)
		}
	}
	// Step 5.
	switch w.at(0) {
	case 'e', 'é', 'ê':
		if w.in(w.rv, 1) {
			w.cut(1)
			if (w.endsWith("gu") || w.endsWith("ci")) && w.in(w.rv, 1) {
				w.cut(1)
			}
		}
	case 'ç':
		w.rs[len(w.rs)-1] = 'c'
	}
	// Postlude.
	out := make([]rune, 0, len(w.rs))
	for i, r := range w.rs {
		if r == '~' && i > 0 {
			switch out[len(out)-1] {
			case 'a':
				out[len(out)-1] = 'ã'
				continue
			case 'o':
				out[len(out)-1] = 'õ'
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

// portugueseStep1 removes a standard suffix and reports whether it did.
func portugueseStep1(w *sword) bool {
	s := w.longest(ptStep1)
	if s == "" {
		return false
	}
	n := len([]rune(s))
	switch s {
	case "logia", "logias":
		if !w.in(w.r2, n) {
			return false
		}
		w.replace(n, "log")
	case "uça~o", "uço~es":
		if !w.in(w.r2, n) {
			return false
		}
		w.replace(n, "u")
	case "ência", "ências":
		if !w.in(w.r2, n) {
			return false
		}
		w.replace(n, "ente")
	case "amente":
		if !w.in(w.r1, n) {
			return false
		}
		w.cut(n)
		if w.cutIn(w.r2, "iv") {
			w.cutIn(w.r2, "at")
		} else {
			w.cutIn(w.r2, "os", "ic", "ad")
		}
	case "mente":
		if !w.in(w.r2, n) {
			return false
		}
		w.cut(n)
		w.cutIn(w.r2, "ante", "avel", "ível")
	case "idade", "idades":
		if !w.in(w.r2, n) {
			return false
		}
		w.cut(n)
		w.cutIn(w.r2, "abil", "ic", "iv")
	case "iva", "ivo", "ivas", "ivos":
		if !w.in(w.r2, n) {
			return false
		}
		w.cut(n)
		w.cutIn(w.r2, "at")
	case "ira", "iras":
		if !w.in(w.rv, n) || w.at(n) != 'e' {
			return false
		}
		w.replace(n, "ir")
	default:
		if !w.in(w.r2, n) {
			return false
		}
		w.cut(n)
	}
	return true
}
