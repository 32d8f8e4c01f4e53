package render

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Locale is the language the bot's own words are in: the interaction's
// locale for a reply, the channel's language for what it posts. English
// unless we have the words (German so far); article text stays as
// written.
type Locale string

// The locales the bot has words for.
const (
	English Locale = "en"
	German  Locale = "de"
)

// LocaleFor picks the words for a Discord locale ("de", "en-US") or a
// language code or name ("de", "German", "Deutsch"); English when we have
// no words for it.
func LocaleFor(s string) Locale {
	s = strings.ToLower(strings.TrimSpace(s))
	lang, _, _ := strings.Cut(s, "-")
	switch lang {
	case "de", "german", "deutsch":
		return German
	}
	return English
}

// T translates a message of the bot's own, written in English as the
// key, and formats it with args; English when the locale has no words
// for it.
func (l Locale) T(key string, args ...any) string {
	msg := key
	if w, ok := catalog[l][key]; ok {
		msg = w
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// N is T for a count: one for 1, many (with %d) otherwise.
func (l Locale) N(n int, one, many string) string {
	if n == 1 {
		return l.T(one)
	}
	return l.T(many, n)
}

// Localizations maps the locales the bot has words for (but English) to
// the translation of an English text, for Discord's
// description_localizations; nil when none has one.
func Localizations(english string) *map[discordgo.Locale]string {
	var out map[discordgo.Locale]string
	for l, words := range catalog {
		if w, ok := words[english]; ok {
			if out == nil {
				out = map[discordgo.Locale]string{}
			}
			out[discordgo.Locale(l)] = w
		}
	}
	if out == nil {
		return nil
	}
	return &out
}

// catalog holds the translations, by locale and English text.
var catalog = map[Locale]map[string]string{
	German: {
		// Briefings
		"News briefing": "Nachrichtenüberblick",
		"No new articles since the last briefing.": "Keine neuen Artikel seit dem letzten Überblick.",
		"Until %s":                         "Bis %s",
		"More on a story…":                 "Mehr zu einer Meldung …",
		"More stories (%d)":                "Weitere Meldungen (%d)",
		"1 more story not shown.":          "1 weitere Meldung nicht gezeigt.",
		"%d more stories not shown.":       "%d weitere Meldungen nicht gezeigt.",
		"Update":                           "Fortsetzung",
		"Update of %s":                     "Fortsetzung %s",
		"an earlier story":                 "einer früheren Meldung",
		"Untitled story":                   "Meldung ohne Titel",
		"1 article":                        "1 Artikel",
		"%d articles":                      "%d Artikel",
		"and 1 more article":               "und 1 weiterer Artikel",
		"and %d more articles":             "und %d weitere Artikel",
		"1 more story":                     "1 weitere Meldung",
		"%d more stories":                  "%d weitere Meldungen",
		"and %d more":                      "und %d weitere",
		"This briefing left no story out.": "Dieser Überblick hat keine Meldung ausgelassen.",
		// Search
		"Search: %s":                     "Suche: %s",
		"No articles match “%s”.":        "Keine Artikel passen zu „%s“.",
		"No more articles match “%s”.":   "Keine weiteren Artikel passen zu „%s“.",
		"1 result":                       "1 Treffer",
		"%d results":                     "%d Treffer",
		"Results %d–%d":                  "Treffer %d–%d",
		"Prev":                           "Zurück",
		"Next":                           "Weiter",
		"and %d more on this page":       "und %d weitere auf dieser Seite",
		"Summarized by a language model": "Zusammengefasst von einem Sprachmodell",
		"Summarized by picking the article's key sentences": "Zusammengefasst aus den wichtigsten Sätzen des Artikels",
		"No summary available.":                             "Keine Zusammenfassung verfügbar.",
		// Answers
		"Nothing stored answers that.":                         "Nichts Gespeichertes beantwortet das.",
		"Written by a language model from the articles listed": "Von einem Sprachmodell aus den genannten Artikeln geschrieben",
		"Sentences of the articles listed":                     "Sätze aus den genannten Artikeln",
		"and 1 more line":                                      "und 1 weitere Zeile",
		"and %d more lines":                                    "und %d weitere Zeilen",
		// Feeds and schedules
		"This channel has no feeds: its briefings cover everything stored. Add one with /feeds add.": "Dieser Kanal hat keine Feeds: Seine Überblicke umfassen alles Gespeicherte. Füge einen mit /feeds add hinzu.",
		"not polled yet":                    "noch nicht abgerufen",
		"polled %s":                         "abgerufen %s",
		"and 1 more feed":                   "und 1 weiterer Feed",
		"and %d more feeds":                 "und %d weitere Feeds",
		"Briefing schedule":                 "Zeitplan der Überblicke",
		"Schedule":                          "Zeitplan",
		"Paused":                            "Pausiert",
		"Next briefings":                    "Nächste Überblicke",
		"Saved: briefings here follow %s.":  "Gespeichert: Die Überblicke hier folgen %s.",
		"Set the schedule again to resume.": "Setze den Zeitplan erneut, um fortzufahren.",
		"Language":                          "Sprache",
		"Briefings here are written in %s.": "Sprache der Überblicke hier: %s.",
		"Briefings here keep their articles' languages.": "Die Überblicke hier behalten die Sprachen ihrer Artikel.",
		// Help
		"What newsbrief can do":            "Was newsbrief kann",
		"Reading the news":                 "Nachrichten lesen",
		"Ask in the channel":               "Im Kanal fragen",
		"For people who can Manage Server": "Für alle mit „Server verwalten“",
		"e.g.":                             "z. B.",
		"an answer from stored articles, with its sources; replying to a briefing asks about its stories": "eine Antwort aus gespeicherten Artikeln, mit Quellen; eine Antwort auf einen Überblick fragt nach dessen Meldungen",
		"a summary of the page": "eine Zusammenfassung der Seite",
		// The bot's notices and errors
		"Posted a briefing of 1 story.":                                                 "Ein Überblick mit 1 Meldung ist gepostet.",
		"Posted a briefing of %d stories.":                                              "Ein Überblick mit %d Meldungen ist gepostet.",
		"No new articles since the last digest: nothing to post.":                       "Keine neuen Artikel seit dem letzten Überblick: nichts zu posten.",
		"No briefing has been posted here yet: try /digest now.":                        "Hier wurde noch kein Überblick gepostet: Versuche /digest now.",
		"This channel already gets %s.":                                                 "Dieser Kanal bekommt %s schon.",
		"This channel now gets %s in its briefings.":                                    "Dieser Kanal bekommt %s jetzt in seinen Überblicken.",
		"Removed %s from this channel's briefings.":                                     "%s ist aus den Überblicken dieses Kanals entfernt.",
		"This channel has no schedule: set one with /schedule set.":                     "Dieser Kanal hat keinen Zeitplan: Lege einen mit /schedule set fest.",
		"This channel has no schedule.":                                                 "Dieser Kanal hat keinen Zeitplan.",
		"Scheduled briefings are off for this channel.":                                 "Geplante Überblicke sind für diesen Kanal ausgeschaltet.",
		"Changing this channel's feeds or schedule needs the Manage Server permission.": "Feeds oder Zeitplan dieses Kanals zu ändern braucht die Berechtigung „Server verwalten“.",
		"This command is not known to this version of newsbrief.":                       "Diesen Befehl kennt diese Version von newsbrief nicht.",
		"This button is from an older version of newsbrief; run the command again.":     "Dieser Knopf stammt aus einer älteren Version von newsbrief; führe den Befehl erneut aus.",
		"This search has expired; run /search again.":                                   "Diese Suche ist abgelaufen; führe /search erneut aus.",
		"Something went wrong on our side; the details are in the bot's log.":           "Bei uns ist etwas schiefgegangen; die Einzelheiten stehen im Log des Bots.",
		"That took too long; please try again in a moment.":                             "Das hat zu lange gedauert; bitte versuche es gleich noch einmal.",
		// Command descriptions (description_localizations)
		"News briefings for this channel":                                        "Nachrichtenüberblicke für diesen Kanal",
		"Build and post a briefing of this channel's news now":                   "Jetzt einen Überblick über die Nachrichten dieses Kanals erstellen und posten",
		"Show the last briefing posted here":                                     "Den letzten hier geposteten Überblick zeigen",
		"Search the stored articles":                                             "Die gespeicherten Artikel durchsuchen",
		"Ask a question: the answer from stored articles, with its sources":      "Eine Frage stellen: die Antwort aus gespeicherten Artikeln, mit Quellen",
		"Show one stored article with its summary":                               "Einen gespeicherten Artikel mit Zusammenfassung zeigen",
		"Summarize a web page or a stored article":                               "Eine Webseite oder einen gespeicherten Artikel zusammenfassen",
		"This channel's feed subscriptions":                                      "Die Feed-Abonnements dieses Kanals",
		"Subscribe this channel to a feed":                                       "Diesen Kanal einen Feed abonnieren lassen",
		"Unsubscribe this channel from a feed":                                   "Das Abonnement eines Feeds für diesen Kanal beenden",
		"List this channel's feeds":                                              "Die Feeds dieses Kanals auflisten",
		"When this channel gets its briefing":                                    "Wann dieser Kanal seinen Überblick bekommt",
		"Post a briefing on a cron schedule":                                     "Überblicke nach einem Cron-Zeitplan posten",
		"Show the schedule and its next three runs":                              "Den Zeitplan und seine nächsten drei Termine zeigen",
		"Stop posting scheduled briefings here":                                  "Hier keine geplanten Überblicke mehr posten",
		"The language of this channel's briefings":                               "Die Sprache der Überblicke dieses Kanals",
		"Write this channel's briefings in a language (with an LLM)":             "Die Überblicke dieses Kanals in einer Sprache schreiben (mit einem Sprachmodell)",
		"Show the language of this channel's briefings":                          "Die Sprache der Überblicke dieses Kanals zeigen",
		"Words to look for; \"quoted phrases\" stay together":                    "Gesuchte Wörter; \"Phrasen in Anführungszeichen\" bleiben zusammen",
		"Only articles since then: 12h, 7d or a date such as 2026-11-01":         "Nur Artikel seitdem: 12h, 7d oder ein Datum wie 2026-11-01",
		"Only articles from this feed":                                           "Nur Artikel aus diesem Feed",
		"What you want to know, e.g. what happened to the tram line?":            "Was du wissen willst, z. B. was ist mit der Straßenbahnlinie passiert?",
		"The article's number, or start typing its title":                        "Die Nummer des Artikels, oder beginne seinen Titel zu tippen",
		"A link to an article, or a stored article's number":                     "Ein Link zu einem Artikel oder die Nummer eines gespeicherten Artikels",
		"The feed's address (RSS, Atom or JSON Feed)":                            "Die Adresse des Feeds (RSS, Atom oder JSON Feed)",
		"A name to show for it":                                                  "Ein Name, der dafür gezeigt wird",
		"The feed to remove":                                                     "Der zu entfernende Feed",
		"Minute hour day month weekday, e.g. 0 8 * * 1-5":                        "Minute Stunde Tag Monat Wochentag, z. B. 0 8 * * 1-5",
		"IANA time zone, e.g. Europe/Berlin (default UTC)":                       "IANA-Zeitzone, z. B. Europe/Berlin (Standard UTC)",
		"A language code or name (de, French, …), or auto for the articles' own": "Ein Sprachcode oder -name (de, Französisch, …) oder auto für die der Artikel",
	},
}
