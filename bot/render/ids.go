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

// StoryButtonID is the custom ID of the "More" button of story index (in
// Briefing.Stories, from 0) of digest digestID: "story:<digest>:<index>".
func StoryButtonID(digestID int64, index int) string {
	return "story:" + strconv.FormatInt(digestID, 10) + ":" + strconv.Itoa(index)
}

// ParseStoryButtonID undoes StoryButtonID; ok is false for any other ID.
func ParseStoryButtonID(id string) (digestID int64, index int, ok bool) {
	rest, found := strings.CutPrefix(id, "story:")
	if !found {
		return 0, 0, false
	}
	d, i, found := strings.Cut(rest, ":")
	if !found {
		return 0, 0, false
	}
	digestID, err1 := strconv.ParseInt(d, 10, 64)
	index, err2 := strconv.Atoi(i)
	if err1 != nil || err2 != nil || index < 0 {
		return 0, 0, false
	}
	return digestID, index, true
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
