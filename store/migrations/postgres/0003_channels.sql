-- A Discord channel's digest settings. A channel without a row (or with
-- an empty cron) has no schedule.
CREATE TABLE channels (
	id            TEXT   COLLATE "C" PRIMARY KEY,
	guild_id      TEXT   NOT NULL DEFAULT '',
	cron          TEXT   NOT NULL DEFAULT '',
	timezone      TEXT   NOT NULL DEFAULT '',
	paused_reason TEXT   NOT NULL DEFAULT '',
	updated_at    BIGINT NOT NULL
);

-- The feeds a channel's digests cover; a channel with none gets
-- everything stored.
CREATE TABLE subscriptions (
	channel_id TEXT   NOT NULL,
	feed_id    BIGINT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (channel_id, feed_id)
);

CREATE INDEX subscriptions_feed ON subscriptions (feed_id);

-- One row per scheduled digest, written before it is sent (the intent),
-- so that each (channel, scheduled time) is posted once.
CREATE TABLE posts (
	channel_id   TEXT   NOT NULL,
	scheduled_at BIGINT NOT NULL,
	nonce        TEXT   NOT NULL,
	state        TEXT   NOT NULL, -- pending, sent, failed
	message_ids  TEXT   NOT NULL DEFAULT '', -- space-separated
	digest_id    BIGINT REFERENCES digests (id) ON DELETE SET NULL,
	error        TEXT   NOT NULL DEFAULT '',
	created_at   BIGINT NOT NULL,
	updated_at   BIGINT NOT NULL,
	PRIMARY KEY (channel_id, scheduled_at)
);

-- Small named values: the hash of the registered slash commands.
CREATE TABLE kv (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
