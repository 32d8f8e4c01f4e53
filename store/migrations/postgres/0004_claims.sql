-- Several bot processes share the work, so a scheduled post is claimed by
-- one of them for a while: owner and lease_until. A pending post whose
-- lease ran out (its process died) is taken over by another.
ALTER TABLE posts ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;

-- Stale pending posts are looked for every minute.
CREATE INDEX posts_pending ON posts (lease_until) WHERE state = 'pending';
