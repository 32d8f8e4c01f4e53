package fetch

import "errors"

// Sentinel errors, for errors.Is. The messages of the errors that match
// them are more specific ("response larger than 10 MiB").
var (
	// ErrInvalidURL: the URL (or a redirect's Location) is unparsable, not
	// http or https, or has no host. Nothing was sent.
	ErrInvalidURL = errors.New("invalid URL")
	// ErrBlocked: the address dialed is loopback, private, link-local or
	// otherwise not public, and Options.AllowPrivate is off.
	ErrBlocked = errors.New("blocked")
	// ErrTooLarge: the body, after decompression, exceeds Options.MaxBytes.
	ErrTooLarge = errors.New("response too large")
	// ErrTooManyRedirects: more than Options.MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("too many redirects")
)

// kindError has its own message but matches a sentinel (or
// context.DeadlineExceeded) with errors.Is, so a message can carry the
// specifics without repeating the sentinel's text.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }
