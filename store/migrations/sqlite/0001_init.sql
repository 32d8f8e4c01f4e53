-- Times are UTC unix nanoseconds; NULL is the zero time.

CREATE TABLE feeds (
	id              INTEGER PRIMARY KEY,
	url             TEXT    NOT NULL UNIQUE,
	title           TEXT    NOT NULL DEFAULT '',
	poll_interval   INTEGER NOT NULL DEFAULT 0, -- nanoseconds
	full_text       INTEGER NOT NULL DEFAULT 0,
	created_at      INTEGER,
	etag            TEXT    NOT NULL DEFAULT '',
	last_modified   TEXT    NOT NULL DEFAULT '',
	last_polled_at  INTEGER,
	last_success_at INTEGER,
	next_poll_at    INTEGER,
	error_count     INTEGER NOT NULL DEFAULT 0,
	last_error      TEXT    NOT NULL DEFAULT '',
	paused          INTEGER NOT NULL DEFAULT 0
);

-- DueFeeds reads only unpaused feeds in next_poll_at order.
CREATE INDEX feeds_due ON feeds (next_poll_at) WHERE paused = 0;

CREATE TABLE articles (
	id           INTEGER PRIMARY KEY,
	url          TEXT UNIQUE, -- canonical; NULL when the article has none, so many may lack one
	title        TEXT    NOT NULL DEFAULT '',
	section      TEXT    NOT NULL DEFAULT '',
	author       TEXT    NOT NULL DEFAULT '',
	source       TEXT    NOT NULL DEFAULT '',
	feed_id      INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
	published_at INTEGER,
	fetched_at   INTEGER,
	-- The article's time (news.Article.Time) for window filters and ordering.
	sort_time    INTEGER GENERATED ALWAYS AS (coalesce(published_at, fetched_at)) VIRTUAL,
	body         TEXT    NOT NULL DEFAULT '',
	content_hash TEXT    NOT NULL UNIQUE,
	fingerprint  INTEGER NOT NULL DEFAULT 0, -- uint64 SimHash stored as int64 bits
	duplicate_of INTEGER REFERENCES articles (id),
	backfill     INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX articles_sort_time ON articles (sort_time);
CREATE INDEX articles_source ON articles (source);
CREATE INDEX articles_section ON articles (section COLLATE NOCASE);
CREATE INDEX articles_feed ON articles (feed_id);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- The near-duplicate index lives in memory (neardup.go) and loads from
-- this covering index rather than by reading the articles' text.
CREATE INDEX articles_near ON articles (id, fingerprint) WHERE fingerprint != 0 AND body != '';

-- Full-text index over the articles table itself (external content), so the
-- text is stored once. AddArticles indexes a batch's new rows itself, with
-- one INSERT … SELECT after inserting them, rather than by an AFTER INSERT
-- trigger: a trigger writing to FTS5 makes every INSERT open a statement
-- journal, and FTS5 flushes its pending index data at each one, a tiny
-- segment per article to merge later (ingestion 30% slower). The triggers
-- below keep the index right if rows are changed or deleted.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, section, body,
	content = 'articles',
	content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

-- BM25 with a title hit worth ten body hits (section two), as the rank
-- column Search sorts by.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 2.0, 1.0)');

-- FTS5 flushes its pending index data as a new segment whenever it passes
-- hashsize (default 1 MB, less than a batch of 500 articles): at 8 MB a
-- batch makes one segment, and fewer segments mean less merging
-- (AddArticles 15% faster).
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, section, body)
	VALUES ('delete', old.id, old.title, old.section, old.body);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, section, body ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, section, body)
	VALUES ('delete', old.id, old.title, old.section, old.body);
	INSERT INTO articles_fts (rowid, title, section, body)
	VALUES (new.id, new.title, new.section, new.body);
END;
