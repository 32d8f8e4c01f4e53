-- The outlet an article came from, as people know it: the feed's title,
-- the site's name (og:site_name), a file's front-matter source or site,
-- else its directory's name. Empty for articles stored before: they fall
-- back to their URL's host or their directory's name when shown.
ALTER TABLE articles ADD COLUMN outlet TEXT NOT NULL DEFAULT '';

-- Where a briefing was posted (space-separated message IDs in its target
-- channel), so that a story continuing it can link to it and a reply to it
-- can be answered from its articles.
ALTER TABLE digests ADD COLUMN message_ids TEXT NOT NULL DEFAULT '';
