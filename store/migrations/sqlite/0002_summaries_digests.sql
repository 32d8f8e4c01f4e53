-- Summaries the LLM wrote (or any summarizer the chain caches), keyed by
-- summarize.Key: content + summarizer + model + prompt version + length,
-- so the same article is never paid for twice, across restarts.
CREATE TABLE summaries (
	key               TEXT    PRIMARY KEY,
	summarizer        TEXT    NOT NULL,
	model             TEXT    NOT NULL DEFAULT '',
	sentences         TEXT    NOT NULL, -- JSON array of strings
	prompt_tokens     INTEGER NOT NULL DEFAULT 0,
	completion_tokens INTEGER NOT NULL DEFAULT 0,
	created_at        INTEGER NOT NULL
) WITHOUT ROWID;

-- LLM tokens spent per UTC day, for the daily token budget.
CREATE TABLE token_usage (
	day    TEXT    PRIMARY KEY, -- YYYY-MM-DD, UTC
	tokens INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Briefings built for a target (a channel, or "cli"); the next digest for
-- that target starts where the last one's window ended.
CREATE TABLE digests (
	id          INTEGER PRIMARY KEY,
	target      TEXT    NOT NULL,
	window_from INTEGER,
	window_to   INTEGER NOT NULL,
	created_at  INTEGER NOT NULL,
	briefing    TEXT    NOT NULL -- JSON of news.Briefing
);

CREATE INDEX digests_target ON digests (target, window_to);
