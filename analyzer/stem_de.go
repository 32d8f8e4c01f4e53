package analyzer

// German Snowball stemmer (the 2009 version with the -nisse rule, as NLTK
// and PostgreSQL have it).

func germanVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'ä', 'ö', 'ü':
		return true
	}
	return false
}

func germanSEnding(r rune) bool {
	switch r {
	case 'b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'r', 't':
		return true
	}
	return false
}

var (
	deStep1 = suffixes("em", "ern", "er", "e", "en", "es", "s")
	deStep2 = suffixes("en", "er", "est", "st")
	deStep3 = suffixes("end", "ung", "ig", "ik", "isch", "lich", "heit", "keit")
)

// stemGerman stems a lower-case German word.
func stemGerman(word string) string {
	w := newSword(word)
	// Prelude: ß is ss; u and y between vowels are consonants (U, Y).
	rs := w.rs[:0:0]
	for _, r := range w.rs {
		if r == 'ß' {
			rs = append(rs, 's', 's')
		} else {
			rs = append(rs, r)
		}
	}
	for i := 1; i+1 < len(rs); i++ {
		if germanVowel(rs[i-1]) && germanVowel(rs[i+1]) {
			switch rs[i] {
			case 'u':
				rs[i] = 'U'
			case 'y':
				rs[i] = 'Y'
			}
		}
	}
	w.rs = rs
	w.regions(germanVowel)
	if w.r1 < 3 {
		w.r1 = min(3, len(w.rs))
	}

	// Step 1.
	switch s := w.longest(deStep1); s {
	case "em", "ern", "er":
		if w.in(w.r1, len(s)) {
			w.cut(len(s))
		}
	case "e", "en", "es":
		if w.in(w.r1, len(s)) {
			w.cut(len(s))
			if w.endsWith("niss") {
				w.cut(1)
			}
		}
	case "s":
		if w.in(w.r1, 1) && germanSEnding(w.at(1)) {
			w.cut(1)
		}
	}
	// Step 2.
	switch s := w.longest(deStep2); s {
	case "en", "er", "est":
		if w.in(w.r1, len(s)) {
			w.cut(len(s))
		}
	case "st":
		// After an s-ending other than r, itself after at least 3 letters.
		if w.in(w.r1, 2) && len(w.rs) >= 6 && germanSEnding(w.at(2)) && w.at(2) != 'r' {
			w.cut(2)
		}
	}
	// Step 3: derivational suffixes.
	switch s := w.longest(deStep3); s {
	case "end", "ung":
		if w.in(w.r2, len(s)) {
			w.cut(len(s))
			if w.endsWith("ig") && w.in(w.r2, 2) && w.at(2) != 'e' {
				w.cut(2)
			}
		}
	case "ig", "ik", "isch":
		if w.in(w.r2, len(s)) && w.at(len([]rune(s))) != 'e' {
			w.cut(len([]rune(s)))
		}
	case "lich", "heit":
		if w.in(w.r2, 4) {
			w.cut(4)
			if (w.endsWith("er") || w.endsWith("en")) && w.in(w.r1, 2) {
				w.cut(2)
			}
		}
	case "keit":
		if w.in(w.r2, 4) {
			w.cut(4)
			switch {
			case w.endsWith("lich") && w.in(w.r2, 4):
				w.cut(4)
			case w.endsWith("ig") && w.in(w.r2, 2):
				w.cut(2)
			}
		}
	}
	// Postlude.
	for i, r := range w.rs {
		switch r {
		case 'U':
			w.rs[i] = 'u'
		case 'Y':
			w.rs[i] = 'y'
		case 'ä':
			w.rs[i] = 'a'
		case 'ö':
			w.rs[i] = 'o'
		case 'ü':
			w.rs[i] = 'u'
		}
	}
	return w.String()
}
