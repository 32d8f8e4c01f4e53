-- A Discord channel's digest settings. A channel without a row (or with
-- an empty cron) has no schedule.
CREATE TABLE channels (
	id            TEXT    PRIMARY KEY,
	guild_id      TEXT    NOT NULL DEFAULT '',
	cron          TEXT    NOT NULL DEFAULT '',
	timezone      TEXT    NOT NULL DEFAULT '',
	paused_reason TEXT    NOT NULL DEFAULT '',
	updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

-- The feeds a channel's digests cover; a channel with none gets
-- everything stored.
CREATE TABLE subscriptions (
	channel_id TEXT    NOT NULL,
	feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (channel_id, feed_id)
) WITHOUT ROWID;

CREATE INDEX subscriptions_feed ON subscriptions (feed_id);

-- One row per scheduled digest, written before it is sent (the intent),
-- so that each (channel, scheduled time) is posted once.
CREATE TABLE posts (
	channel_id   TEXT    NOT NULL,
	scheduled_at INTEGER NOT NULL,
	nonce        TEXT    NOT NULL,
	state        TEXT    NOT NULL, -- pending, sent, failed
	message_ids  TEXT    NOT NULL DEFAULT '', -- space-separated
	digest_id    INTEGER REFERENCES digests (id) ON DELETE SET NULL,
	error        TEXT    NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	PRIMARY KEY (channel_id, scheduled_at)
) WITHOUT ROWID;

-- Small named values: the hash of the registered slash commands.
CREATE TABLE kv (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
