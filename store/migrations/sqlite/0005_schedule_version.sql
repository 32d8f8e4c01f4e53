-- Every process runs every channel's schedule, so a change made through
-- one process must reach the others. These triggers count every change to
-- channels, whoever makes it; a process notices one by reading one row.
CREATE TABLE schedule_version (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL
);
INSERT INTO schedule_version (id, version) VALUES (1, 0);

CREATE TRIGGER channels_inserted AFTER INSERT ON channels
BEGIN
	UPDATE schedule_version SET version = version + 1;
END;
CREATE TRIGGER channels_updated AFTER UPDATE ON channels
BEGIN
	UPDATE schedule_version SET version = version + 1;
END;
CREATE TRIGGER channels_deleted AFTER DELETE ON channels
BEGIN
	UPDATE schedule_version SET version = version + 1;
END;

-- A subscribed channel's digest reads only its feeds' articles of the
-- window; this index serves that and everything articles_feed did.
CREATE INDEX articles_feed_time ON articles (feed_id, sort_time);
DROP INDEX articles_feed;
