// Package extract turns raw documents (plain text, Markdown, HTML) into an
// article's title, section, metadata and clean body text. It does no I/O.
package extract

import (
	"errors"
	"time"
)

// Document is what extraction finds in one document.
type Document struct {
	Title   string
	Section string
	Author  string
	URL     string // canonical URL when the document names one (<link rel=canonical>, og:url)
	// Site is the publication's name when the document gives it
	// (og:site_name, a front matter's site or source).
	Site      string
	Published time.Time
	// Language is the language the document says it is written in, as it
	// says it ("en-GB", "de"; <html lang>, og:locale); empty if it does
	// not. A hint: ingest detects the language from the text.
	Language string
	// Body is the clean article text: paragraphs separated by one blank
	// line, no navigation, share residue or teasers of other articles.
	Body string
}

// The errors extraction returns (Text returns them as they are, HTML wraps
// ErrNoText with the reason); the caller adds the file name or URL.
var (
	// ErrEmpty: the file holds nothing but white space.
	ErrEmpty = errors.New("empty file")
	// ErrBinary: the file holds NUL bytes or mostly control characters.
	ErrBinary = errors.New("binary file, not text")
	// ErrNoText: nothing is left once furniture and teasers are dropped.
	ErrNoText = errors.New("no article text found")
)
