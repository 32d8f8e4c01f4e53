package analyzer

// Dutch Snowball stemmer (the original Snowball algorithm, as NLTK and
// PostgreSQL up to 17 have it).

func dutchVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'è':
		return true
	}
	return false
}

// stemDutch stems a lower-case Dutch word.
func stemDutch(word string) string {
	rs := make([]rune, 0, len(word))
	for _, r := range word {
		switch r {
		case 'ä', 'á':
			r = 'a'
		case 'ë', 'é':
			r = 'e'
		case 'ï', 'í':
			r = 'i'
		case 'ö', 'ó':
			r = 'o'
		case 'ü', 'ú':
			r = 'u'
		}
		rs = append(rs, r)
	}
	// Initial y, y after a vowel, and i between vowels are consonants.
	if len(rs) > 0 && rs[0] == 'y' {
		rs[0] = 'Y'
	}
	for i := 1; i < len(rs); i++ {
		if !dutchVowel(rs[i-1]) {
			continue
		}
		switch {
		case rs[i] == 'y':
			rs[i] = 'Y'
		case rs[i] == 'i' && i+1 < len(rs) && dutchVowel(rs[i+1]):
			rs[i] = 'I'
		}
	}
	w := newSwordRunes(rs)
	w.regions(dutchVowel)
	if w.r1 < 3 {
		w.r1 = min(3, len(w.rs))
	}

	// Step 1.
	switch {
	case w.endsWith("heden"):
		if w.in(w.r1, 5) {
			w.replace(5, "heid")
		}
	case w.endsWith("ene"), w.endsWith("en"):
		n := 2
		if w.endsWith("ene") {
			n = 3
		}
		dutchENEnding(w, n)
	case w.endsWith("se"), w.endsWith("s"):
		n := 1
		if w.endsWith("se") {
			n = 2
		}
		if c := w.at(n); w.in(w.r1, n) && c != 0 && !dutchVowel(c) && c != 'j' {
			w.cut(n)
		}
	}
	// Step 2: a final e after a consonant.
	eRemoved := false
	if w.at(0) == 'e' && w.in(w.r1, 1) && w.at(1) != 0 && !dutchVowel(w.at(1)) {
		w.cut(1)
		eRemoved = true
		dutchUndouble(w)
	}
	// Step 3a.
	if w.endsWith("heid") && w.in(w.r2, 4) && w.at(4) != 'c' {
		w.cut(4)
		if w.endsWith("en") {
			dutchENEnding(w, 2)
		}
	}
	// Step 3b: derivational suffixes.
	switch {
	case w.endsWith("end"), w.endsWith("ing"):
		if w.in(w.r2, 3) {
			w.cut(3)
			if w.endsWith("ig") && w.in(w.r2, 2) && w.at(2) != 'e' {
				w.cut(2)
			} else {
				dutchUndouble(w)
			}
		}
	case w.endsWith("ig"):
		if w.in(w.r2, 2) && w.at(2) != 'e' {
			w.cut(2)
		}
	case w.endsWith("lijk"):
		if w.in(w.r2, 4) {
			w.cut(4)
			if w.at(0) == 'e' && w.in(w.r1, 1) && w.at(1) != 0 && !dutchVowel(w.at(1)) {
				w.cut(1)
				dutchUndouble(w)
			}
		}
	case w.endsWith("baar"):
		if w.in(w.r2, 4) {
			w.cut(4)
		}
	case w.endsWith("bar"):
		if w.in(w.r2, 3) && eRemoved {
			w.cut(3)
		}
	}
	// Step 4: undouble a vowel in a final consonant-vowel-vowel-consonant.
	if n := len(w.rs); n >= 4 {
		c, v1, v2, d := w.rs[n-4], w.rs[n-3], w.rs[n-2], w.rs[n-1]
		if !dutchVowel(c) && v1 == v2 && (v1 == 'a' || v1 == 'e' || v1 == 'o' || v1 == 'u') &&
			!dutchVowel(d) && d != 'I' {
			w.rs = append(w.rs[:n-2], d)
		}
	}
	for i, r := range w.rs {
		switch r {
		case 'Y':
			w.rs[i] = 'y'
		case 'I':
			w.rs[i] = 'i'
		}
	}
	return w.String()
}

// dutchENEnding deletes an -en or -ene of n runes in R1 after a consonant
// other than in "gem", then undoubles.
func dutchENEnding(w *sword, n int) {
	c := w.at(n)
	if !w.in(w.r1, n) || c == 0 || dutchVowel(c) {
		return
	}
	if len(w.rs) >= n+3 && string(w.rs[len(w.rs)-n-3:len(w.rs)-n]) == "gem" {
		return
	}
	w.cut(n)
	dutchUndouble(w)
}

// dutchUndouble drops the last letter of a final kk, dd or tt.
func dutchUndouble(w *sword) {
	if w.endsWith("kk") || w.endsWith("dd") || w.endsWith("tt") {
		w.cut(1)
	}
}
