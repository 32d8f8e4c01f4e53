package render

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// AnswerView is an answer to a question as the bot shows it.
type AnswerView struct {
	Question string
	Answered bool
	Note     string // why there is no answer ("Nothing stored mentions …")
	// Lines are the answer's sentences; Cites are the numbers (from 1) of
	// the Sources each comes from. An LLM's lines cite with [n] inline.
	Lines   []AnswerLine
	Sources []AnswerSource
	ByLLM   bool
}

// AnswerLine is one sentence of an answer.
type AnswerLine struct {
	Text  string
	Cites []int
}

// AnswerSource is an article an answer uses.
type AnswerSource struct {
	ID        int64
	Title     string
	URL       string
	Outlet    string
	Published time.Time
}

// answerLineMax keeps each sentence of an answer to a few lines.
const answerLineMax = 600

// citation is an LLM's "[n]" citation in a sentence.
var citation = regexp.MustCompile(`\s*\[(\d{1,2})\]`)

// Answer renders the answer to a question (/ask, or a mention): the
// sentences that answer it, each followed by its articles' numbers and
// outlets, linked, then the articles used. Without an answer, the note
// saying nothing stored is relevant.
func Answer(l Locale, v AnswerView) *discordgo.InteractionResponseData {
	return quiet(&discordgo.InteractionResponseData{Content: answerContent(l, v), Embeds: answerEmbeds(l, v)})
}

// AnswerMessage is Answer as a channel message, for replies to mentions;
// the caller sets Reference.
func AnswerMessage(l Locale, v AnswerView) *discordgo.MessageSend {
	return &discordgo.MessageSend{Content: answerContent(l, v), Embeds: answerEmbeds(l, v), AllowedMentions: NoMentions()}
}

func answerContent(l Locale, v AnswerView) string {
	if v.Answered {
		return ""
	}
	note := oneLine(v.Note)
	if note == "" {
		note = l.T("Nothing stored answers that.")
	}
	return Truncate(Escape(note), MaxContent)
}

func answerEmbeds(l Locale, v AnswerView) []*discordgo.MessageEmbed {
	if !v.Answered {
		return nil
	}
	e := &discordgo.MessageEmbed{Title: Truncate("“"+Escape(oneLine(v.Question))+"”", MaxEmbedTitle)}
	var lines []string
	for _, l := range v.Lines {
		text := oneLine(l.Text)
		cites := l.Cites
		if v.ByLLM {
			// "[2]" stays where the model put it, its number a link to
			// source 2; the text around it is escaped.
			var b strings.Builder
			last := 0
			for _, m := range citation.FindAllStringSubmatchIndex(text, -1) {
				b.WriteString(Escape(text[last:m[0]]))
				n, _ := strconv.Atoi(text[m[2]:m[3]])
				b.WriteString(" " + citeRef(v.Sources, n))
				last = m[1]
			}
			b.WriteString(Escape(text[last:]))
			lines = append(lines, Truncate(b.String(), answerLineMax))
			continue
		}
		line := Truncate(Escape(text), answerLineMax)
		var refs []string
		for _, n := range cites {
			refs = append(refs, sourceRef(v.Sources, n))
		}
		if len(refs) > 0 {
			line += " — " + strings.Join(refs, ", ")
		}
		lines = append(lines, line)
	}
	if len(v.Sources) > 0 {
		lines = append(lines, "", "**"+l.N(len(v.Sources), "1 article", "%d articles")+"**")
		for i, s := range v.Sources {
			l := strconv.Itoa(i+1) + ". " + link(titleOr(s.Title, s.URL, ""), sourceTitleMax, s.URL) + " `#" + strconv.FormatInt(s.ID, 10) + "`"
			if s.Outlet != "" {
				l += " — " + line(s.Outlet, outletMax)
			}
			if !s.Published.IsZero() {
				l += " · " + discordTime(s.Published, 'D')
			}
			lines = append(lines, l)
		}
	}
	embeds := fill([]*discordgo.MessageEmbed{e}, lines, 1, func(n int) string {
		return "*" + l.N(n, "and 1 more line", "and %d more lines") + "*"
	})
	if v.ByLLM {
		embeds[0].Footer = &discordgo.MessageEmbedFooter{Text: l.T("Written by a language model from the articles listed")}
	} else {
		embeds[0].Footer = &discordgo.MessageEmbedFooter{Text: l.T("Sentences of the articles listed")}
	}
	return embeds
}

// sourceRef names source n (from 1) after a sentence: its number and its
// outlet, linked to it when it has a web URL: "1 · BBC".
func sourceRef(sources []AnswerSource, n int) string {
	if n < 1 || n > len(sources) {
		return ""
	}
	s := sources[n-1]
	name := cmpOr(oneLine(s.Outlet), "article")
	return strconv.Itoa(n) + " · " + link(name, outletMax, s.URL)
}

// citeRef is an LLM's citation of source n: "[n]", the number a link to
// the source when it has a web URL.
func citeRef(sources []AnswerSource, n int) string {
	num := strconv.Itoa(n)
	if n >= 1 && n <= len(sources) && webURL(sources[n-1].URL) {
		num = link(num, 4, sources[n-1].URL)
	}
	return "\\[" + num + "\\]"
}
