package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/extract"
	"github.com/newsbrief/newsbrief/news"
)

// maxFileSize bounds what one file may make us read: news articles are a few
// kilobytes, and a stray disk image named on the command line must not be
// read whole.
const maxFileSize = 32 << 20

// isURL reports whether an Ingest target is a URL rather than a path.
func isURL(target string) bool {
	t := strings.ToLower(target)
	return strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://")
}

// walkTarget emits the jobs of one target: itself when it is a URL or a
// file, the files under it when it is a directory. It returns false when
// ctx ended the walk.
func (in *Ingester) walkTarget(ctx context.Context, target string, emit func(job) bool) bool {
	if isURL(target) {
		return emit(job{source: target})
	}
	if i := strings.Index(target, "://"); i > 0 && !strings.ContainsAny(target[:i], `/\`) {
		return emit(job{source: target, err: fmt.Errorf("%s: unsupported URL scheme %q", target, target[:i])})
	}
	root := filepath.Clean(target)
	fi, err := os.Stat(root)
	if err != nil {
		return emit(job{source: root, err: pathError(root, err)})
	}
	if !fi.IsDir() {
		return emit(job{source: root, path: root, explicit: true})
	}
	errStop := errors.New("stop")
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return errStop
		}
		if err != nil {
			// A directory that cannot be read is reported and skipped.
			if !emit(job{source: p, err: pathError(p, err)}) {
				return errStop
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || kindOf(d.Name()) == kindOther {
			return nil
		}
		if t := d.Type(); !t.IsRegular() {
			// Follow a symbolic link to a file; skip devices, pipes and
			// links to directories.
			if t&fs.ModeSymlink == 0 {
				return nil
			}
			if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		}
		if !emit(job{source: p, path: p}) {
			return errStop
		}
		return nil
	})
	return err == nil
}

// pathError names the path and says what is wrong with it without
// repeating the operation ("x.txt: permission denied").
func pathError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: %w", path, err)
}

type fileKind int

const (
	kindOther fileKind = iota
	kindText
	kindHTML
)

// kindOf says how a file found by a walk is parsed, by its extension.
func kindOf(name string) fileKind {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text", ".md", ".markdown":
		return kindText
	case ".html", ".htm":
		return kindHTML
	}
	return kindOther
}

// fileWorker parses files until jobs is closed. Its read buffer is reused
// from file to file.
func (in *Ingester) fileWorker(ctx context.Context, jobs <-chan job, out chan<- outcome, now time.Time) {
	var buf []byte
	for j := range jobs {
		if ctx.Err() != nil {
			continue
		}
		o := outcome{seq: j.seq, source: j.source, err: j.err}
		if o.err == nil {
			var data []byte
			data, o.err = readFile(j.path, buf)
			if o.err == nil {
				buf = data
				var a news.Article
				a, o.err = parseFile(j, data, now)
				if o.err == nil {
					o.arts = []news.Article{a}
				}
			}
		}
		out <- o
	}
}

// readFile reads a file into buf's storage, growing it as needed.
func readFile(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return buf, pathError(path, err)
	}
	defer f.Close()
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > maxFileSize {
			return buf, fmt.Errorf("%s: file larger than %d MiB", path, maxFileSize>>20)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, pathError(path, err)
		}
	}
}

// parseFile extracts the article of one file.
func parseFile(j job, data []byte, now time.Time) (news.Article, error) {
	name := filepath.Base(j.path)
	kind := kindOf(name)
	if kind == kindOther && j.explicit && looksLikeHTML(data) {
		kind = kindHTML
	}
	var doc extract.Document
	var err error
	if kind == kindHTML {
		doc, err = extract.HTML("", data, "")
	} else {
		doc, err = extract.Text(name, data)
	}
	if err != nil {
		return news.Article{}, fmt.Errorf("%s: %w", j.source, err)
	}
	a := articleOf(doc, j.source, now)
	if a.ContentHash == noTextHash {
		return news.Article{}, fmt.Errorf("%s: no article text", j.source)
	}
	if a.Title == "" {
		a.Title = strings.TrimSuffix(name, filepath.Ext(name))
	}
	return a, nil
}

// looksLikeHTML sniffs a file named without a known extension.
func looksLikeHTML(data []byte) bool {
	return strings.HasPrefix(http.DetectContentType(data), "text/html")
}

// noTextHash is the content hash of a text without words, which the store
// refuses.
var noTextHash = news.ContentHash("")

// articleOf turns an extracted document into an article. The content hash
// and fingerprint are computed here, in the parsing goroutines, rather than
// by the store in its single writer.
func articleOf(doc extract.Document, source string, now time.Time) news.Article {
	a := news.Article{
		Title:       doc.Title,
		Section:     doc.Section,
		Author:      doc.Author,
		Source:      source,
		Outlet:      doc.Site,
		PublishedAt: doc.Published,
		FetchedAt:   now,
		Body:        doc.Body,
	}
	if doc.URL != "" {
		if u, err := news.CanonicalURL(doc.URL); err == nil {
			a.URL = u
		}
	}
	a.ContentHash, a.Fingerprint = news.Signature(a.Body)
	a.Language = detectLanguage(a.Title, a.Body, doc.Language)
	return a
}

// detectLanguage returns the language an article is written in, "" when
// unsure; hint is what its source says (a feed's <language>, a page's
// lang attribute), which decides when the text alone cannot.
func detectLanguage(title, body, hint string) string {
	if len(body) > analyzer.DetectSample {
		body = body[:analyzer.DetectSample]
	}
	return analyzer.Detect(title+"\n\n"+body, hint)
}
