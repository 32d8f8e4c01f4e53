package fetch

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// drainLimit bounds how much of an unwanted body (error pages, 304s) is
// read so the connection can be reused; beyond it closing is cheaper.
const drainLimit = 64 << 10

func drain(body io.Reader) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, drainLimit))
}

// readBody reads resp's body, decompressing gzip, and fails with an
// ErrTooLarge error as soon as more than limit bytes come out. The cap
// applies to the decompressed bytes, so a gzip bomb stops at limit without
// ever being held in memory, and to the bytes on the wire too, so a stream
// of empty gzip members cannot run on forever.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	// Content-Length counts encoded bytes; over the cap it already says
	// the body is too large.
	if resp.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	var r io.Reader = &capReader{r: resp.Body, left: limit, limit: limit}
	what := "reading body"
	// Decompress whatever the server says it compressed, asked for or not:
	// the header, not our request, describes the bytes.
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err == io.EOF {
			return []byte{}, nil // empty body
		}
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return nil, err
			}
			return nil, fmt.Errorf("decompressing gzip body: %w", err)
		}
		defer zr.Close()
		r = &capReader{r: zr, left: limit, limit: limit}
		what = "decompressing gzip body"
	default:
		// We only ask for gzip; anything else would hand back bytes
		// nobody can parse.
		return nil, fmt.Errorf("unsupported content-encoding %q", enc)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return body, nil
}

// capReader passes through at most limit bytes of r and then, if r has
// more, fails with an ErrTooLarge error instead of the silent EOF
// io.LimitReader would give.
type capReader struct {
	r     io.Reader
	left  int64
	limit int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// Probe one byte to tell "exactly limit bytes" from "more".
		var b [1]byte
		n, err := c.r.Read(b[:])
		if n > 0 {
			return 0, tooLarge(c.limit)
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

func tooLarge(limit int64) error {
	return &kindError{ErrTooLarge, "response larger than " + formatSize(limit)}
}

// formatSize writes n bytes the way limits are usually given: 10 MiB,
// 512 KiB, 1000 bytes.
func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
