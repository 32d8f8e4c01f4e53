package render

import (
	"strconv"
	"strings"
)

// Custom IDs are how a button press finds its way back to a handler; the
// bot parses them with the functions here so that both sides agree.

// maxState is the longest search state token a Prev/Next button carries:
// "search:" and a page number leave this much of the 100-rune custom ID.
const maxState = 60

// StoryMenuID is the custom ID of a briefing's "More on a story" menu,
// "story:<digest>"; each option's value is the story's index in
// Briefing.Stories (from 0).
func StoryMenuID(digestID int64) string {
	return "story:" + strconv.FormatInt(digestID, 10)
}

// ParseStoryID reads the story a "More on a story" menu chose: the menu's
// custom ID and the value picked, or the "story:<digest>:<index>" custom
// ID of the per-story buttons of earlier briefings (values is then empty).
// ok is false for anything else.
func ParseStoryID(id string, values []string) (digestID int64, index int, ok bool) {
	rest, found := strings.CutPrefix(id, "story:")
	if !found {
		return 0, 0, false
	}
	d, i, button := strings.Cut(rest, ":")
	if !button {
		if len(values) != 1 {
			return 0, 0, false
		}
		i = values[0]
	}
	digestID, err1 := strconv.ParseInt(d, 10, 64)
	index, err2 := strconv.Atoi(i)
	if err1 != nil || err2 != nil || index < 0 {
		return 0, 0, false
	}
	return digestID, index, true
}

// MoreStoriesID is the custom ID of a briefing's "More stories" button:
// "stories:<digest>".
func MoreStoriesID(digestID int64) string {
	return "stories:" + strconv.FormatInt(digestID, 10)
}

// ParseMoreStoriesID undoes MoreStoriesID.
func ParseMoreStoriesID(id string) (digestID int64, ok bool) {
	rest, found := strings.CutPrefix(id, "stories:")
	if !found {
		return 0, false
	}
	digestID, err := strconv.ParseInt(rest, 10, 64)
	return digestID, err == nil
}

// SearchButtonID is the custom ID of a button showing page (from 0) of the
// search state names: "search:<page>:<state>".
func SearchButtonID(page int, state string) string {
	return "search:" + strconv.Itoa(page) + ":" + state
}

// ParseSearchButtonID undoes SearchButtonID; ok is false for any other ID.
func ParseSearchButtonID(id string) (page int, state string, ok bool) {
	rest, found := strings.CutPrefix(id, "search:")
	if !found {
		return 0, "", false
	}
	p, state, found := strings.Cut(rest, ":")
	if !found {
		return 0, "", false
	}
	page, err := strconv.Atoi(p)
	if err != nil || page < 0 {
		return 0, "", false
	}
	return page, state, true
}
