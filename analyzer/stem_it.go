package analyzer

// Italian Snowball stemmer.

func italianVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'à', 'è', 'ì', 'ò', 'ù':
		return true
	}
	return false
}

var (
	itPronoun = suffixes("ci", "gli", "la", "le", "li", "lo", "mi", "ne", "si", "ti", "vi",
		"sene", "gliela", "gliele", "glieli", "glielo", "gliene", "mela", "mele", "meli", "melo",
		"mene", "tela", "tele", "teli", "telo", "tene", "cela", "cele", "celi", "celo", "cene",
		"vela", "vele", "veli", "velo", "vene")
	itStep1 = suffixes("anza", "anze", "ico", "ici", "ica", "ice", "iche", "ichi", "ismo", "ismi",
		"abile", "abili", "ibile", "ibili", "ista", "iste", "isti", "istà", "istè", "istì", "oso",
		"osi", "osa", "ose", "mente", "atrice", "atrici", "ante", "anti",
		"azione", "azioni", "atore", "atori",
		"logia", "logie", "uzione", "uzioni", "usione", "usioni", "enza", "enze",
		"amento", "amenti", "imento", "imenti", "amente", "ità", "ivo", "ivi", "iva", "ive")
	itVerb = suffixes("ammo", "ando", "ano", "are", "arono", "asse", "assero", "assi", "assimo",
		"ata", "ate", "ati", "ato", "ava", "avamo", "avano", "avate", "avi", "avo", "emmo",
		"enda", "ende", "endi", "endo", "erà", "erai", "eranno", "ere", "erebbe", "erebbero",
		"erei", "eremmo", "eremo", "ereste", "eresti", "erete", "erò", "erono", "essero", "ete",
		"eva", "evamo", "evano", "evate", "evi", "evo", "Yamo", "iamo", "immo", "irà", "irai",
		"iranno", "ire", "irebbe", "irebbero", "irei", "iremmo", "iremo", "ireste", "iresti",
		"irete", "irò", "irono", "isca", "iscano", "isce", "isci", "isco", "iscono", "issero",
		"ita", "ite", "iti", "ito", "iva", "ivamo", "ivano", "ivate", "ivi", "ivo", "ar", "ir")
)

// stemItalian stems a lower-case Italian word.
func stemItalian(word string) string {
	w := newSword(word)
	rs := w.rs
	// Prelude: acute accents become grave; qu's u, and u or i between
	// vowels, are consonants.
	for i, r := range rs {
		switch r {
		case 'á':
			rs[i] = 'à'
		case 'é':
			rs[i] = 'è'
		case 'í':
			rs[i] = 'ì'
		case 'ó':
			rs[i] = 'ò'
		case 'ú':
			rs[i] = 'ù'
		}
	}
	for i := 1; i < len(rs); i++ {
		if rs[i] == 'u' && rs[i-1] == 'q' {
			rs[i] = 'U'
		}
	}
	for i := 1; i+1 < len(rs); i++ {
		if italianVowel(rs[i-1]) && italianVowel(rs[i+1]) {
			switch rs[i] {
			case 'u':
				rs[i] = 'U'
			case 'i':
				rs[i] = 'I'
			}
		}
	}
	w.rv = romanceRV(rs, italianVowel)
	w.regions(italianVowel)

	// Step 0: attached pronouns after a gerund or infinitive.
	if p := w.longest(itPronoun); p != "" {
		n := len([]rune(p))
		if w.in(w.rv, n) {
			base := newSwordRunes(w.rs[:len(w.rs)-n])
			switch {
			case base.endsWith("ando") || base.endsWith("endo"):
				if w.in(w.rv, n+4) {
					w.cut(n)
				}
			case base.endsWith("ar") || base.endsWith("er") || base.endsWith("ir"):
				if w.in(w.rv, n+2) {
					w.replace(n, "e")
				}
			}
		}
	}

	changed := italianStep1(w)
	if !changed {
		if s := w.longest(itVerb); s != "" {
			if n := len([]rune(s)); w.in(w.rv, n) {
				w.cut(n)
			}
		}
	}
	// Step 3a: a final vowel, then an i before it, in RV.
	switch w.at(0) {
	case 'a', 'e', 'i', 'o', 'à', 'è', 'ì', 'ò':
		if w.in(w.rv, 1) {
			w.cut(1)
			if w.at(0) == 'i' && w.in(w.rv, 1) {
				w.cut(1)
			}
		}
	}
	// Step 3b: ch and gh lose their h in RV.
	if (w.endsWith("ch") || w.endsWith("gh")) && w.in(w.rv, 1) {
		w.cut(1)
	}
	for i, r := range w.rs {
		switch r {
		case 'I':
			w.rs[i] = 'i'
		case 'U':
			w.rs[i] = 'u'
		}
	}
	return w.String()
}

func newSwordRunes(rs []rune) *sword { return &sword{rs: rs, r1: len(rs), r2: len(rs), rv: len(rs)} }

// italianStep1 removes a standard suffix and reports whether it did.
func italianStep1(w *sword) bool {
	s := w.longest(itStep1)
	if s == "" {
		return false
	}
	n := len([]rune(s))
	switch s {
	case "azione", "azioni", "atore", "atori":
		if !w.in(w.r2, n) {
			return false
		}
		w.cut(n)
		w.cutIn(w.r2, "ic")
	case "logia", "logie":
		if !w.in(w.r2, n) {
			return false
		}
		w.replace(n, "log")
	case "uzione", "uzioni", "usione", "usioni":
		if !w.in(w.r2, n) {
			return false
		}
		w.replace(n, "u")
	case "enza", "enze":
		if !w.in(w.r2, n) {
			return false
		}
		w.replace(n, "ente")
	case "amento", "amenti", "imento", "imenti":
		if !w.in(w.rv, n) {
			return false
		}
		w.cut(n)
	case "amente":
		if !w.in(w.r1, n) {
			return false
		}
		w.cut(n)
		if w.cutIn(w.r2, "iv") {
			w.cutIn(w.r2, "at")
		} else {
			w.cutIn(w.r2, "abil", "os", "ic")
		}
	case "ità":
		if !w.in(w.r2, n) {
			return false
		}
		w.cut(n)
		w.cutIn(w.r2, "abil", "ic", "iv")
	case "ivo", "ivi", "iva", "ive":
		if !w.in(w.r2, n) {
			return false
		}
		w.cut(n)
		if w.cutIn(w.r2, "at") {
			w.cutIn(w.r2, "ic")
		}
	default:
		if !w.in(w.r2, n) {
			return false
		}
		w.cut(n)
	}
	return true
}
