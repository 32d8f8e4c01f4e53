package main

import (
	"context"
	"io"
	"strings"

	"github.com/newsbrief/newsbrief/news"
)

// minSecret is the shortest secret looked for in output: replacing every
// "ab" of a log would mangle it, and a secret that short protects nothing.
const minSecret = 4

// scrubber replaces the configured secrets' values wherever they appear.
// Secrets are redacted where URLs and connection strings become text
// (news.RedactURL); this catches what the program does not write itself:
// a server that echoes a token or key in its error, a library's message.
type scrubber struct{ r *strings.Replacer }

func newScrubber(secrets []string) scrubber {
	var pairs []string
	for _, s := range secrets {
		if len(s) >= minSecret {
			pairs = append(pairs, s, news.Redacted)
		}
	}
	if len(pairs) == 0 {
		return scrubber{}
	}
	return scrubber{strings.NewReplacer(pairs...)}
}

func (s scrubber) string(v string) string {
	if s.r == nil {
		return v
	}
	return s.r.Replace(v)
}

// writer wraps w so that what is written through it holds no secret.
// Writes are scrubbed one at a time: the logger and the commands write
// whole lines.
func (s scrubber) writer(w io.Writer) io.Writer {
	if s.r == nil {
		return w
	}
	return scrubbedWriter{w, s}
}

type scrubbedWriter struct {
	w io.Writer
	s scrubber
}

func (sw scrubbedWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(sw.w, sw.s.string(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// error returns err with its message scrubbed; errors.As and Is still see
// what it wraps (the exit code depends on it).
func (s scrubber) error(err error) error {
	if err == nil || s.r == nil {
		return err
	}
	msg := err.Error()
	if clean := s.string(msg); clean != msg {
		return scrubbedError{msg: clean, err: err}
	}
	return err
}

type scrubbedError struct {
	msg string
	err error
}

func (e scrubbedError) Error() string { return e.msg }
func (e scrubbedError) Unwrap() error { return e.err }

// check wraps a readiness check so that its error holds no secret.
func (s scrubber) check(check func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error { return s.error(check(ctx)) }
}
