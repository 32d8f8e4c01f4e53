-- Semantic vectors of articles (title and lead), one per embeddings model,
-- computed once and reused by every briefing. input_hash is a hash of the
-- text embedded: an article whose text changed gets a new vector.
CREATE TABLE article_embeddings (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	model      TEXT    NOT NULL,
	input_hash TEXT    NOT NULL,
	vector     BLOB    NOT NULL, -- float32 little-endian
	created_at INTEGER NOT NULL,
	PRIMARY KEY (model, article_id)
) WITHOUT ROWID;

-- Embeddings tokens spent per UTC day, for their own daily budget.
CREATE TABLE embedding_token_usage (
	day    TEXT    PRIMARY KEY, -- YYYY-MM-DD, UTC
	tokens INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
