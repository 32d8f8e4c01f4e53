-- Every process runs every channel's schedule, so a change made through
-- one process must reach the others. A trigger counts every change to
-- channels, whoever makes it, and notifies the listening processes at
-- commit; the count is what they re-read when a notification may have
-- been lost (a dropped connection). The payload names the schema, as
-- notification channels are shared by the whole database.
CREATE TABLE schedule_version (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	version BIGINT  NOT NULL
);
INSERT INTO schedule_version (id, version) VALUES (1, 0);

CREATE FUNCTION channels_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE schedule_version SET version = version + 1;
	PERFORM pg_notify('newsbrief_schedules', coalesce(current_schema(), ''));
	RETURN NULL;
END
$$;

CREATE TRIGGER channels_changed AFTER INSERT OR UPDATE OR DELETE ON channels
	FOR EACH STATEMENT EXECUTE FUNCTION channels_changed();

-- A subscribed channel's digest reads only its feeds' articles of the
-- window; this index serves that and everything articles_feed did.
CREATE INDEX articles_feed_time ON articles (feed_id, sort_time);
DROP INDEX articles_feed;
