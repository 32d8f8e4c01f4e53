package render

import "github.com/bwmarrin/discordgo"

// moreRoom is kept free in a description and in the message total for the
// "and N more" line that fill may have to add.
const moreRoom = 60

// fill adds lines, one per line, to the description of the last of embeds,
// starting new untitled embeds (up to maxEmbeds) when a description is
// full. Once a line fits nowhere it stops and ends with more(n), n being
// the number of lines left out. The embeds' text must leave moreRoom free,
// and no line may be longer than MaxEmbedDescription-moreRoom.
func fill(embeds []*discordgo.MessageEmbed, lines []string, maxEmbeds int, more func(n int) string) []*discordgo.MessageEmbed {
	total := 0
	for _, e := range embeds {
		total += embedText(e)
	}
	last := embeds[len(embeds)-1]
	for i, l := range lines {
		need := runes(l)
		if last.Description != "" {
			need++ // the newline
		}
		if total+need+moreRoom > MaxEmbedTotal {
			return finish(embeds, last, more(len(lines)-i))
		}
		if runes(last.Description)+need+moreRoom > MaxEmbedDescription {
			if len(embeds) >= maxEmbeds || total+runes(l)+moreRoom > MaxEmbedTotal {
				return finish(embeds, last, more(len(lines)-i))
			}
			last = &discordgo.MessageEmbed{}
			embeds = append(embeds, last)
			need = runes(l)
		}
		if last.Description != "" {
			last.Description += "\n"
		}
		last.Description += l
		total += need
	}
	return embeds
}

func finish(embeds []*discordgo.MessageEmbed, last *discordgo.MessageEmbed, more string) []*discordgo.MessageEmbed {
	if last.Description != "" {
		last.Description += "\n"
	}
	last.Description += more
	return embeds
}
