package fetch_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/fetch"
)

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestContentEncoding(t *testing.T) {
	t.Parallel()
	page := []byte(strings.Repeat("<p>news</p>", 50))
	const limit = 1000
	exact := bytes.Repeat([]byte("a"), limit)
	tests := []struct {
		name     string
		encoding string
		body     []byte
		want     []byte // nil when an error is expected
		wantErr  string
		wantIs   error
	}{
		{"identity", "", page, page, "", nil},
		{"explicit identity", "identity", page, page, "", nil},
		{"gzip", "gzip", gzipBytes(t, page), page, "", nil},
		{"x-gzip", "x-gzip", gzipBytes(t, page), page, "", nil},
		{"gzip in capitals", "GZIP", gzipBytes(t, page), page, "", nil},
		{"gzip of an empty body", "gzip", gzipBytes(t, nil), []byte{}, "", nil},
		{"gzip with no bytes at all", "gzip", nil, []byte{}, "", nil},
		{"gzip exactly at the cap", "gzip", gzipBytes(t, exact), exact, "", nil},
		{"gzip one byte over the cap", "gzip", gzipBytes(t, append(exact, 'a')), nil,
			"response larger than 1000 bytes", fetch.ErrTooLarge},
		{"corrupt gzip", "gzip", []byte("this is not gzip"), nil,
			"decompressing gzip body: gzip: invalid header", gzip.ErrHeader},
		{"truncated gzip", "gzip", gzipBytes(t, page)[:40], nil,
			"decompressing gzip body: unexpected EOF", io.ErrUnexpectedEOF},
		{"brotli", "br", []byte("\x1b\x00"), nil, `unsupported content-encoding "br"`, nil},
		{"deflate", "deflate", []byte("\x00"), nil, `unsupported content-encoding "deflate"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// The server sends its encoding whatever we asked for.
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.encoding != "" {
					w.Header().Set("Content-Encoding", tt.encoding)
				}
				w.Header().Set("Content-Type", "text/html")
				w.Write(tt.body)
			})
			resp, err := client(fetch.Options{MaxBytes: limit}).Get(context.Background(), srv.URL, fetch.Conditional{})
			if tt.want != nil {
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(resp.Body, tt.want) {
					t.Errorf("body = %q, want %q", resp.Body, tt.want)
				}
				return
			}
			if want := "fetch " + srv.URL + ": " + tt.wantErr; err == nil || err.Error() != want {
				t.Fatalf("Get = %v, %v; want error %q", resp, err, want)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v is not %v", err, tt.wantIs)
			}
		})
	}
}

func TestSizeCap(t *testing.T) {
	t.Parallel()
	const limit = 1000
	tests := []struct {
		name     string
		maxBytes int64
		handler  http.HandlerFunc
		wantLen  int    // when no error is expected
		wantErr  string // after "fetch URL: "
	}{
		{"exactly at the cap", limit, func(w http.ResponseWriter, r *http.Request) {
			w.Write(bytes.Repeat([]byte("a"), limit))
		}, limit, ""},
		{"one byte over, chunked", limit, func(w http.ResponseWriter, r *http.Request) {
			for range limit + 1 {
				w.Write([]byte("a"))
				w.(http.Flusher).Flush() // no Content-Length: only counting stops it
			}
		}, 0, "response larger than 1000 bytes"},
		{"one byte over, with content-length", limit, func(w http.ResponseWriter, r *http.Request) {
			w.Write(bytes.Repeat([]byte("a"), limit+1))
		}, 0, "response larger than 1000 bytes"},
		{"content-length over the default cap", 0, func(w http.ResponseWriter, r *http.Request) {
			// Declares 10 MiB + 1 and then sends nothing: only a
			// client that trusts the header returns before the
			// deadline.
			w.Header().Set("Content-Length", strconv.Itoa(10<<20+1))
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}, 0, "response larger than 10 MiB"},
		{"cap in KiB", 64 << 10, func(w http.ResponseWriter, r *http.Request) {
			w.Write(make([]byte, 64<<10+1))
		}, 0, "response larger than 64 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := serve(t, tt.handler)
			start := time.Now()
			resp, err := client(fetch.Options{MaxBytes: tt.maxBytes, Timeout: 5 * time.Second}).Get(context.Background(), srv.URL, fetch.Conditional{})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(resp.Body) != tt.wantLen {
					t.Errorf("body is %d bytes, want %d", len(resp.Body), tt.wantLen)
				}
				return
			}
			if want := "fetch " + srv.URL + ": " + tt.wantErr; err == nil || err.Error() != want {
				t.Fatalf("Get = %v, %v; want error %q", resp, err, want)
			}
			if !errors.Is(err, fetch.ErrTooLarge) {
				t.Errorf("error %v is not ErrTooLarge", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// A 50 MB page, streamed without Content-Length, stops at the 10 MiB cap:
// the server never gets to write it all.
func TestLargePageStoppedByCap(t *testing.T) {
	t.Parallel()
	const pageSize = 50 << 20
	var written int64
	done := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		defer close(done)
		chunk := bytes.Repeat([]byte("<p>lorem ipsum</p>\n"), 32<<10/19)
		for written < pageSize {
			n, err := w.Write(chunk)
			written += int64(n)
			if err != nil {
				return
			}
		}
	})
	_, err := client(fetch.Options{}).Get(context.Background(), srv.URL, fetch.Conditional{})
	if want := "fetch " + srv.URL + ": response larger than 10 MiB"; err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("handler still writing 5s after the client gave up")
	}
	if written >= pageSize {
		t.Errorf("server wrote all %d bytes: the client read past the cap", written)
	}
}

// gzipBomb returns one gzip member that decompresses to n MiB of zeros, in
// about n KiB. Compressing a GiB would take seconds (a minute under -race),
// so it compresses 2 MiB and repeats the second: once the window holds only
// zeros, the deflate blocks for the next MiB of zeros are the same bytes
// every time, and a sync flush ends each on a byte boundary.
func gzipBomb(n int) []byte {
	var seg [2][]byte
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	for i := range seg {
		fw.Write(zeros)
		fw.Flush()
		seg[i] = bytes.Clone(buf.Bytes())
		buf.Reset()
	}
	fw.Close()
	final := buf.Bytes() // empty final block

	var out bytes.Buffer
	out.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255}) // gzip header, deflate, unknown OS
	out.Write(seg[0])
	for range n - 1 {
		out.Write(seg[1])
	}
	out.Write(final)
	crc := uint32(0)
	for range n {
		crc = crc32.Update(crc, crc32.IEEETable, zeros)
	}
	out.Write(binary.LittleEndian.AppendUint32(nil, crc))
	out.Write(binary.LittleEndian.AppendUint32(nil, uint32(n<<20)))
	return out.Bytes()
}

// The construction is sound: a small bomb decompresses, checksum and all.
func TestGzipBombIsValidGzip(t *testing.T) {
	t.Parallel()
	zr, err := gzip.NewReader(bytes.NewReader(gzipBomb(5)))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, make([]byte, 5<<20)) {
		t.Errorf("decompressed %d bytes, want %d zeros", len(got), 5<<20)
	}
}

// A GiB of zeros in a 1 MB gzip stops at the 10 MiB cap without the GiB
// ever being allocated. Not parallel: it measures allocation.
func TestGzipBombStoppedByCap(t *testing.T) {
	bomb := gzipBomb(1 << 10)
	if len(bomb) > 2<<20 {
		t.Fatalf("bomb is %d bytes compressed", len(bomb))
	}
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/html")
		for b := bomb; len(b) > 0; {
			n, err := w.Write(b[:min(len(b), 32<<10)])
			if err != nil {
				return
			}
			b = b[n:]
		}
	})

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := client(fetch.Options{}).Get(context.Background(), srv.URL, fetch.Conditional{})
	runtime.ReadMemStats(&after)

	if want := "fetch " + srv.URL + ": response larger than 10 MiB"; err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
	if !errors.Is(err, fetch.ErrTooLarge) {
		t.Errorf("error %v is not ErrTooLarge", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
		t.Errorf("allocated %d MiB to refuse a 10 MiB cap", alloc>>20)
	}
}

// Concurrent reads of capped bodies share nothing (run with -race).
func TestConcurrentGets(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		io.WriteString(gz, r.URL.Path)
		gz.Close()
	})
	c := client(fetch.Options{PerHostConcurrency: 4})
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			path := "/" + strconv.Itoa(i)
			resp, err := c.Get(context.Background(), srv.URL+path, fetch.Conditional{})
			if err != nil {
				t.Error(err)
				return
			}
			if string(resp.Body) != path {
				t.Errorf("body %q, want %q", resp.Body, path)
			}
		})
	}
	wg.Wait()
}
