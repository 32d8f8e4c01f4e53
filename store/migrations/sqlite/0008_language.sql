-- Each article's language, ISO 639-1 ('de'), '' when unsure; detected at
-- ingest (analyzer.Detect).
ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT '';
-- Search asks which languages are stored (store.DB.storedKeys).
CREATE INDEX articles_language ON articles (language);

-- The full-text index holds, for each word, its stem in the article's
-- language without accents, behind that language's key ("de" + "streck"
-- for "Strecken"; "xx" for languages without a stemmer), written by the
-- store (analyzer.Lang.IndexText): FTS5 has one tokenizer per table and
-- none that stems German. A query is stemmed in every language, each
-- variant behind its key, so it matches an article through its own
-- language's stem only. The table is contentless: the text is in
-- articles, and snippets are cut in Go. Articles are written once; the
-- store indexes new rows itself.
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, section, body,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 0'
);

-- BM25 with a title hit worth ten body hits (section two).
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 2.0, 1.0)');
-- One segment per batch of 500 (see 0001_init.sql).
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	DELETE FROM articles_fts WHERE rowid = old.id;
END;

-- step: detect-languages
-- (store/migrate_steps.go: the stored articles get their language, and
-- the index its text, in Go.)
