package news

import (
	"strconv"
	"strings"
	"time"
)

// Summary is a summary of an article, a story or a whole briefing, and who
// wrote it.
type Summary struct {
	Sentences  []string
	Summarizer string // "extractive" or "llm"
	Model      string // the LLM's model; empty for the extractive summarizer

	// Token usage of the LLM call that produced it; zero for the extractive
	// summarizer and for summaries served from the cache.
	PromptTokens     int
	CompletionTokens int
	Cached           bool // served from the summary cache
	// Fallback is why an LLM did not write it although one is configured
	// (summarize.Reason*: "timeout", "circuit_open", "budget", …); empty
	// when the LLM wrote it or none is configured.
	Fallback string
}

// Briefing is a digest: the stories of a time window, most important first.
type Briefing struct {
	ID int64 // set once recorded in the store
	// MessageIDs are the messages it was posted as, in its target channel;
	// set once posted. Not part of the recorded briefing itself.
	MessageIDs []string  `json:"-"`
	Target     string    // who it is for: a channel ID, or "cli"
	From       time.Time // the window, From inclusive, To exclusive
	To         time.Time
	// Overview is an opening paragraph over all stories; written only when
	// an LLM is configured, else empty.
	Overview string
	// OverviewFallback is why the LLM wrote no overview although one is
	// configured; empty otherwise.
	OverviewFallback string
	Stories          []Story
	// More are stories beyond the briefing's limit, most important first
	// (at most 50), without summaries: what "more stories" lists.
	More    []Story
	LeftOut LeftOut
}

// Story is one news event: the window's articles about it, grouped.
type Story struct {
	Headline string
	// Summary is one or two sentences written across the story's articles.
	Summary string
	// Summarizer is "extractive" or "llm": who wrote Summary.
	Summarizer string
	// Fallback is why an LLM did not write Summary although one is
	// configured (see Summary.Fallback); empty otherwise.
	Fallback string
	// Articles are the story's sources, the one the headline came from
	// first. Near-duplicates (syndicated copies) are not listed.
	Articles []StoryArticle
	// Sources counts independent outlets (feeds, sites or directories).
	Sources int
	// Duplicates counts near-duplicate copies merged into the articles.
	Duplicates int
	Latest     time.Time // the newest article's time
	Score      float64   // importance; stories are sorted by it
	// Continues is the story of an earlier briefing for the same target
	// that this one follows up with new reports; nil for a new story.
	Continues *Continuation `json:",omitempty"`
}

// Continuation points at the earlier briefing a story continues.
type Continuation struct {
	DigestID int64     // the earlier briefing's ID (see the store's digests; a Discord post maps it to its message)
	Headline string    // the story's headline there
	At       time.Time // when that briefing's window ended
}

// StoryArticle is one source of a story.
type StoryArticle struct {
	ID     int64
	Title  string
	URL    string // empty for files
	Source string // file path, page or feed URL, exactly as stored
	// Outlet is the publication to show (Article.OutletName): never a path.
	Outlet string
	Time   time.Time // when it happened as far as we know (Article.Time)
	// Published is its publish time; zero when unknown.
	Published time.Time
}

// LeftOut counts what a briefing does not show.
type LeftOut struct {
	Stories    int // stories beyond the briefing's limit
	Articles   int // articles in those stories
	Filtered   int // articles the filters excluded
	Duplicates int // near-duplicate copies merged into stories
	Backfill   int // back-catalogue items, never news
	Repeats    int // stories whose articles were all in an earlier briefing
}

// String counts what a briefing leaves out, for its footer: "3 more
// stories (7 articles) not shown; 1 syndicated copy merged"; "" when
// nothing is left out.
func (l LeftOut) String() string {
	var parts []string
	if l.Stories > 0 {
		parts = append(parts, count(l.Stories, "more story", "more stories")+" ("+count(l.Articles, "article", "articles")+") not shown")
	}
	if l.Filtered > 0 {
		parts = append(parts, count(l.Filtered, "article", "articles")+" filtered out")
	}
	if l.Duplicates > 0 {
		parts = append(parts, count(l.Duplicates, "syndicated copy", "syndicated copies")+" merged")
	}
	if l.Repeats > 0 {
		parts = append(parts, count(l.Repeats, "story", "stories")+" already briefed")
	}
	if l.Backfill > 0 {
		parts = append(parts, count(l.Backfill, "back-catalogue item", "back-catalogue items")+" skipped")
	}
	return strings.Join(parts, "; ")
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// FallbackNote says which summaries an LLM configured for the briefing did
// not write, and why, for its footer: "Summaries of stories 2 and 5 are
// extractive and there is no overview: the LLM did not answer in time."
// It is "" when the LLM wrote everything or none is configured.
func (b Briefing) FallbackNote() string {
	var nums []string
	reason := ""
	for i, s := range b.Stories {
		if s.Fallback != "" {
			nums = append(nums, strconv.Itoa(i+1))
			if reason == "" {
				reason = s.Fallback
			}
		}
	}
	if len(nums) == 0 && b.OverviewFallback == "" {
		return ""
	}
	if reason == "" {
		reason = b.OverviewFallback
	}
	var what string
	switch {
	case len(nums) == len(b.Stories) && len(nums) > 1:
		what = "All summaries are extractive"
	case len(nums) == 1:
		what = "The summary of story " + nums[0] + " is extractive"
	case len(nums) > 1:
		what = "Summaries of stories " + strings.Join(nums[:len(nums)-1], ", ") + " and " + nums[len(nums)-1] + " are extractive"
	}
	if b.OverviewFallback != "" {
		if what == "" {
			what = "There is no overview"
		} else {
			what += " and there is no overview"
		}
	}
	return what + ": " + fallbackWhy(reason) + "."
}

// fallbackWhy says in words why the LLM did not write a summary.
func fallbackWhy(reason string) string {
	switch reason {
	case "timeout", "deadline":
		return "the LLM did not answer in time"
	case "circuit_open":
		return "the LLM is not answering"
	case "budget":
		return "the LLM's daily token budget is spent"
	case "rate_limited", "server_error", "network", "http_error", "bad_response":
		return "the LLM failed"
	}
	return "the LLM's summary did not pass the checks"
}
