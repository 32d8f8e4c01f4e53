package bot

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/answer"
	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/config"
)

// ask answers /ask: the sentences of stored articles that answer the
// question, with their sources (the same use case as `newsbrief ask`).
func (b *Bot) ask(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	since, err := config.ParseTime(r.opts["since"], b.now(), time.UTC)
	if err != nil {
		return nil, err
	}
	ans, err := b.answers.Ask(ctx, answer.Question{Text: r.opts["question"], Since: since, LLMDeadline: b.replyDeadline()})
	if err != nil {
		return nil, err
	}
	return render.Answer(r.l, answerView(ans)), nil
}

// answerView is an answer as render shows it.
func answerView(a answer.Answer) render.AnswerView {
	v := render.AnswerView{Question: a.Question, Answered: a.Answered, Note: a.Note, ByLLM: a.Summarizer == "llm"}
	number := map[int64]int{}
	for i, s := range a.Articles {
		number[s.ID] = i + 1
		v.Sources = append(v.Sources, render.AnswerSource{ID: s.ID, Title: s.Title, URL: s.URL, Outlet: s.Outlet, Published: s.Published})
	}
	for _, s := range a.Sentences {
		l := render.AnswerLine{Text: s.Text}
		for _, id := range s.ArticleIDs {
			if n := number[id]; n > 0 {
				l.Cites = append(l.Cites, n)
			}
		}
		v.Lines = append(v.Lines, l)
	}
	return v
}

// briefingArticles are the articles of the briefing a message belongs to,
// for a question replying to it; nil when it is no briefing's.
func (b *Bot) briefingArticles(ctx context.Context, m *discordgo.Message) []int64 {
	ref := m.MessageReference
	if ref == nil || ref.MessageID == "" {
		return nil
	}
	br, err := b.st.DigestByMessage(ctx, m.ChannelID, ref.MessageID)
	if err != nil {
		return nil
	}
	var ids []int64
	for _, s := range append(br.Stories, br.More...) {
		for _, a := range s.Articles {
			ids = append(ids, a.ID)
		}
	}
	return ids
}
