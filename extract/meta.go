package extract

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file reads the metadata lines at the top of a plain-text article
// ("By Jane Doe", "Published 12 March 2025", "Source: https://...") and the
// date strings of front matter and HTML metadata.

var (
	bylineRE = regexp.MustCompile(`^(?i:by:?|written by|words by|author:)\s+(.+)$`)
	// nameParticles may appear in lower case inside a name.
	nameParticles = setOf("and", "&", "de", "del", "van", "von", "der", "den", "la", "le", "du",
		"da", "di", "dos", "bin", "al", "el", "ibn")
	// nameWord is a word of a name: letters, dots, apostrophes, hyphens.
	nameWord   = regexp.MustCompile(`^\p{L}[\p{L}.'’-]*$`)
	bylineSep  = regexp.MustCompile(`\s*(?:[,|•·;]|\s[-–—]\s)\s*`)
	datePrefix = regexp.MustCompile(`^(?i:(?:first |last )?(?:published|updated|posted|modified|date)(?:\s+on)?\s*:?\s*)`)
	sourceRE   = regexp.MustCompile(`^(?i:source|url|link|original(?: url)?|canonical(?: url)?)\s*:\s*(https?://\S+)$`)
)

// metaLine reads l as a byline, date or source line and fills the fields
// of doc it names that are still empty. It reports whether l was one.
func metaLine(l string, doc *Document) bool {
	if m := sourceLine(l); m != nil {
		if doc.URL == "" {
			doc.URL = m[1]
		}
		return true
	}
	if t, ok := dateLine(l); ok {
		if doc.Published.IsZero() {
			doc.Published = t
		}
		return true
	}
	name, rest, ok := byline(l)
	if !ok {
		return false
	}
	if doc.Author == "" {
		doc.Author = name
	}
	for _, part := range bylineSep.Split(rest, -1) {
		if t, ok := dateLine(part); ok && doc.Published.IsZero() {
			doc.Published = t
		}
	}
	return true
}

// sourceLine matches l against sourceRE if it has the "://" of its URL.
func sourceLine(l string) []string {
	if !strings.Contains(l, "://") {
		return nil
	}
	return sourceRE.FindStringSubmatch(l)
}

// isMeta reports whether l is a metadata line, without keeping what it says.
func isMeta(l string) bool {
	var scratch Document
	return metaLine(l, &scratch)
}

// byline reads "By Jane Doe, Staff Writer | 12 March 2025": the name, and
// what follows it for a date. "By the end of ..." is no byline: every
// word of a name is capitalised or a particle, and bylines don't end in a
// full stop.
func byline(l string) (name, rest string, ok bool) {
	if moreRunes(l, 120) || strings.HasSuffix(l, ".") || !bylineStart(l) {
		return "", "", false
	}
	m := bylineRE.FindStringSubmatch(l)
	if m == nil {
		return "", "", false
	}
	parts := bylineSep.Split(m[1], 2)
	if len(parts) == 2 {
		rest = parts[1]
	}
	var ns []string
	for _, f := range strings.Fields(parts[0]) {
		r, _ := utf8.DecodeRuneInString(f)
		if !nameParticles[strings.ToLower(f)] && (!unicode.IsUpper(r) || !nameWord.MatchString(f)) {
			break
		}
		ns = append(ns, f)
	}
	for len(ns) > 0 && nameParticles[strings.ToLower(ns[len(ns)-1])] {
		ns = ns[:len(ns)-1]
	}
	if len(ns) == 0 || len(ns) > 8 || nameParticles[strings.ToLower(ns[0])] {
		return "", "", false
	}
	return strings.Join(ns, " "), rest, true
}

// bylineStart reports whether l can match bylineRE, whose words start with
// b, w or a: those letters fold to no other rune.
func bylineStart(l string) bool {
	if l == "" {
		return false
	}
	switch l[0] | 0x20 {
	case 'b', 'w', 'a':
		return true
	}
	return false
}

// dateLine reads a line that is a date and nothing else, optionally after
// "Published" or "Updated". Every date has a year, so a line without a run
// of four digits is rejected before any pattern is tried.
func dateLine(l string) (time.Time, bool) {
	if l == "" || moreRunes(l, 80) || !hasYear(l) {
		return time.Time{}, false
	}
	l = strings.TrimSpace(l)
	if l != "" && datePrefixStart(l[0]) {
		l = datePrefix.ReplaceAllString(l, "")
	}
	return parseDate(l)
}

// datePrefixStart reports whether a string starting with byte c can match
// datePrefix, whose words start with f, l, p, u, m or d: letters that fold
// to no other rune.
func datePrefixStart(c byte) bool {
	switch c | 0x20 {
	case 'f', 'l', 'p', 'u', 'm', 'd':
		return true
	}
	return false
}

var (
	isoLayouts = []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05",
		"2006-01-02T15:04", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00",
		"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
		"2006/01/02", time.RFC1123Z, time.RFC1123, time.RFC850}
	dayLayouts  = []string{"2 January 2006", "2 Jan 2006", "January 2 2006", "Jan 2 2006"}
	timeLayouts = []string{"", " 15:04", " 15:04:05", " 3:04 pm", " 3:04pm", " 15.04", " 3.04 pm",
		" 3.04pm", " 3 pm", " 3pm"}
	// dayTimeLayouts are each day layout with each time layout.
	dayTimeLayouts = func() (ls []string) {
		for _, d := range dayLayouts {
			for _, tl := range timeLayouts {
				ls = append(ls, d+tl)
			}
		}
		return ls
	}()
	weekdayRE    = regexp.MustCompile(`^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+`)
	ordinalRE    = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)\b`)
	dateReplacer = strings.NewReplacer(",", " ", " at ", " ", "a.m.", "am", "p.m.", "pm")
	// dateZones are the zone names dropped from the end of a date.
	dateZones = setOf("gmt", "utc", "z", "bst", "cet", "cest", "est", "edt", "cst", "cdt", "pst", "pdt", "et", "pt")
	// monthNames are the names and abbreviations of months, in lower case.
	monthNames = setOf("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
		"january", "february", "march", "april", "june", "july", "august", "september", "october",
		"november", "december")
	// abbrevRE finds "Jan." and "Sept." (AP style), which become "jan", "sep".
	abbrevRE = regexp.MustCompile(`\b([a-z]{3})t?\.`)
)

// parseDate reads the date formats of news sites and archives: ISO 8601
// and RFC 1123, and "12 March 2025" or "March 12, 2025", with an optional
// weekday and time. A time without a zone is taken as UTC. Only years from
// 1900 to 2200 count, so a number is not taken for a date.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 6 || len(s) > 60 || !hasYear(s) {
		return time.Time{}, false
	}
	// The ISO layouts start with a four-digit year, the RFC ones with a
	// weekday name: a layout whose start cannot match is not tried.
	year := isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3]) && (s[4] == '-' || s[4] == '/')
	if year || hasNamePrefix(s, weekdayAbbrevs) {
		for _, layout := range isoLayouts {
			if isDigit(layout[0]) != year {
				continue
			}
			if t, err := time.Parse(layout, s); err == nil {
				return plausible(t)
			}
		}
	}
	// Every day layout has a month name, which the rewriting below does not
	// create: it only lowers case, drops or blanks characters and joins
	// nothing to the front of a word.
	if !hasMonthWord(s) {
		return time.Time{}, false
	}
	// Each rewrite is skipped where it would change nothing.
	s = strings.ToLower(s)
	if hasNamePrefix(s, weekdayAbbrevs) {
		s = weekdayRE.ReplaceAllString(s, "")
	}
	if hasOrdinal(s) {
		s = ordinalRE.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, ",") || strings.Contains(s, " at ") || strings.Contains(s, ".m.") {
		s = dateReplacer.Replace(s)
	}
	if strings.Contains(s, ".") {
		s = abbrevRE.ReplaceAllString(s, "$1")
	}
	s = oneLine(s) // strings.Join(strings.Fields(s), " ")
	if i := strings.LastIndexByte(s, ' '); i >= 0 && dateZones[s[i+1:]] {
		s = s[:i] // as zoneRE would drop it, s being in single spaces
	}
	// Each day layout starts with the day (one or two digits) or the month
	// name, then a space.
	first, _, _ := strings.Cut(s, " ")
	if !(len(first) <= 2 && first != "" && isDigit(first[0]) && isDigit(first[len(first)-1]) || monthNames[first]) {
		return time.Time{}, false
	}
	for _, layout := range dayTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return plausible(t)
		}
	}
	return time.Time{}, false
}

// hasOrdinal reports whether s has a digit followed by "st", "nd", "rd" or
// "th", as each match of ordinalRE does.
func hasOrdinal(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if isDigit(s[i]) {
			switch s[i+1 : i+3] {
			case "st", "nd", "rd", "th":
				return true
			}
		}
	}
	return false
}

// hasYear reports whether s has a run of four digits, which every format
// parseDate reads does: most lines are rejected here, cheaply.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// weekdayAbbrevs and monthAbbrevs start the names time.Parse reads, which
// it matches ignoring ASCII case.
var (
	weekdayAbbrevs = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	monthAbbrevs   = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
)

// hasNamePrefix reports whether s starts with one of names (lower-case
// ASCII letters), ignoring ASCII case as time.Parse does.
func hasNamePrefix(s string, names []string) bool {
	if len(s) < 3 {
		return false
	}
	a, b, c := s[0]|0x20, s[1]|0x20, s[2]|0x20
	for _, n := range names {
		if a == n[0] && b == n[1] && c == n[2] {
			return true
		}
	}
	return false
}

// hasMonthWord reports whether a month abbreviation starts a word of s (in
// any ASCII case): at its start or after a byte that is not an ASCII
// letter or digit. No other rune lowers to the letters of a month name.
func hasMonthWord(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if i > 0 && isAlnum(s[i-1]) {
			continue
		}
		if hasNamePrefix(s[i:], monthAbbrevs) {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool { return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z' }

func plausible(t time.Time) (time.Time, bool) {
	if y := t.Year(); y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	return t, true
}
