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
	if m := sourceRE.FindStringSubmatch(l); m != nil {
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
	if utf8.RuneCountInString(l) > 120 || strings.HasSuffix(l, ".") {
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

// dateLine reads a line that is a date and nothing else, optionally after
// "Published" or "Updated".
func dateLine(l string) (time.Time, bool) {
	if l == "" || utf8.RuneCountInString(l) > 80 {
		return time.Time{}, false
	}
	return parseDate(datePrefix.ReplaceAllString(strings.TrimSpace(l), ""))
}

var (
	isoLayouts = []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05",
		"2006-01-02T15:04", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00",
		"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
		"2006/01/02", time.RFC1123Z, time.RFC1123, time.RFC850}
	dayLayouts  = []string{"2 January 2006", "2 Jan 2006", "January 2 2006", "Jan 2 2006"}
	timeLayouts = []string{"", " 15:04", " 15:04:05", " 3:04 pm", " 3:04pm", " 15.04", " 3.04 pm",
		" 3.04pm", " 3 pm", " 3pm"}
	weekdayRE = regexp.MustCompile(`^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+`)
	ordinalRE = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)\b`)
	zoneRE    = regexp.MustCompile(`\s+(?:gmt|utc|z|bst|cet|cest|est|edt|cst|cdt|pst|pdt|et|pt)$`)
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
	for _, layout := range isoLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return plausible(t)
		}
	}
	s = strings.ToLower(s)
	s = weekdayRE.ReplaceAllString(s, "")
	s = ordinalRE.ReplaceAllString(s, "$1")
	s = strings.NewReplacer(",", " ", " at ", " ", "a.m.", "am", "p.m.", "pm").Replace(s)
	s = abbrevRE.ReplaceAllString(s, "$1")
	s = strings.Join(strings.Fields(s), " ")
	s = zoneRE.ReplaceAllString(s, "")
	for _, d := range dayLayouts {
		for _, tl := range timeLayouts {
			if t, err := time.Parse(d+tl, s); err == nil {
				return plausible(t)
			}
		}
	}
	return time.Time{}, false
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

func plausible(t time.Time) (time.Time, bool) {
	if y := t.Year(); y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	return t, true
}
