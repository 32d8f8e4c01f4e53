package ingest

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/newsbrief/newsbrief/news"
)

// opmlOutline is an outline of an OPML document read for import. Its
// attributes are kept raw because feed readers disagree on their case
// (xmlUrl, xmlurl, XMLURL).
type opmlOutline struct {
	Attrs    []xml.Attr    `xml:",any,attr"`
	Outlines []opmlOutline `xml:"outline"`
}

func (o *opmlOutline) attr(name string) string {
	for _, a := range o.Attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// opmlEntry is one feed of an OPML document.
type opmlEntry struct {
	url, title string
	err        error
}

// opmlEntries lists the feeds of outlines, folders included.
func opmlEntries(outlines []opmlOutline, entries []opmlEntry) []opmlEntry {
	for i := range outlines {
		o := &outlines[i]
		title := o.attr("title")
		if title == "" {
			title = o.attr("text")
		}
		switch u := o.attr("xmlUrl"); {
		case u != "":
			entries = append(entries, opmlEntry{url: u, title: title})
		case len(o.Outlines) == 0 && isFeedType(o.attr("type")):
			entries = append(entries, opmlEntry{
				url: title,
				err: fmt.Errorf("OPML outline %q: feed without an xmlUrl", title),
			})
		}
		entries = opmlEntries(o.Outlines, entries)
	}
	return entries
}

func isFeedType(t string) bool {
	switch strings.ToLower(t) {
	case "rss", "atom", "feed":
		return true
	}
	return false
}

// ImportOPML subscribes to every feed in an OPML document (nested outlines
// included) without fetching them; feeds already subscribed count as
// duplicates. Their first poll stores their back catalogue.
//
// Feeds are due for polling at once. Outlines whose xmlUrl is not an http
// or https URL are failures; a document that is not OPML is an error.
func (in *Ingester) ImportOPML(ctx context.Context, r io.Reader, progress Progress) (Report, error) {
	var doc struct {
		XMLName xml.Name `xml:"opml"`
		Body    *struct {
			Outlines []opmlOutline `xml:"outline"`
		} `xml:"body"`
	}
	dec := xml.NewDecoder(r)
	dec.CharsetReader = charset.NewReaderLabel
	if err := dec.Decode(&doc); err != nil {
		return Report{}, news.Errorf(news.EINVALID, "malformed OPML: %v", err)
	}
	if doc.Body == nil {
		return Report{}, news.Errorf(news.EINVALID, "malformed OPML: no body")
	}
	entries := opmlEntries(doc.Body.Outlines, nil)

	var rep Report
	now := in.opts.Now()
	for i, e := range entries {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if err := in.importFeed(ctx, e, now); err == nil {
			rep.Added++
		} else if news.ErrorCode(err) == news.ECONFLICT {
			rep.Duplicates++
		} else {
			rep.Failures = append(rep.Failures, Failure{Source: e.url, Err: err})
		}
		if progress != nil {
			progress(i+1, len(entries))
		}
	}
	in.log.Debug("imported OPML", "added", rep.Added, "duplicates", rep.Duplicates, "failures", len(rep.Failures))
	return rep, nil
}

// importFeed stores one feed of an OPML document, due for its first poll.
func (in *Ingester) importFeed(ctx context.Context, e opmlEntry, now time.Time) error {
	if e.err != nil {
		return e.err
	}
	u, err := news.FeedURL(e.url)
	if err != nil {
		return err
	}
	_, err = in.st.AddFeed(ctx, news.Feed{
		URL:          u,
		Title:        e.title,
		PollInterval: in.opts.PollInterval,
		CreatedAt:    now,
		NextPollAt:   now,
	})
	if err != nil && news.ErrorCode(err) != news.ECONFLICT {
		return fmt.Errorf("%s: %w", u, err)
	}
	return err
}

// opmlExport is the OPML 2.0 document ExportOPML writes.
type opmlExport struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Title   string   `xml:"head>title"`
	Body    struct {
		Outlines []opmlExportOutline `xml:"outline"`
	} `xml:"body"`
}

type opmlExportOutline struct {
	Type   string `xml:"type,attr"`
	Text   string `xml:"text,attr"`
	Title  string `xml:"title,attr"`
	XMLURL string `xml:"xmlUrl,attr"`
}

// ExportOPML writes the feed list as an OPML 2.0 document.
func (in *Ingester) ExportOPML(ctx context.Context, w io.Writer) error {
	feeds, err := in.st.Feeds(ctx)
	if err != nil {
		return fmt.Errorf("export OPML: %w", err)
	}
	doc := opmlExport{Version: "2.0", Title: "newsbrief feeds"}
	for _, f := range feeds {
		// The feed's URL is data to subscribe with again, credentials
		// and all; a name shown to people carries none.
		title := f.Title
		if title == "" {
			title = news.RedactURL(f.URL)
		}
		doc.Body.Outlines = append(doc.Body.Outlines, opmlExportOutline{
			Type: "rss", Text: title, Title: title, XMLURL: f.URL,
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("export OPML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("export OPML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("export OPML: %w", err)
	}
	return nil
}
