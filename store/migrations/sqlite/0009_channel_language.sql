-- The language a channel's briefings are written in (with an LLM) and the
-- bot speaks there: an ISO 639-1 code, or empty for the articles' own
-- languages (and LLM_LANGUAGE).
ALTER TABLE channels ADD COLUMN language TEXT NOT NULL DEFAULT '';
