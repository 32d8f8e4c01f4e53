-- Each article's language, ISO 639-1 ('de'), '' when unsure; detected at
-- ingest (analyzer.Detect).
ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT '';
-- Search asks which languages are stored (store.DB.storedKeys).
CREATE INDEX articles_language ON articles (language);

-- The full-text index is rebuilt below, after the stored articles got
-- their language.
DROP INDEX articles_fts;
ALTER TABLE articles DROP COLUMN fts;

-- A text search configuration per language with a Snowball stemmer,
-- keeping stop words as the English one does (0001_init.sql).
CREATE TEXT SEARCH DICTIONARY newsbrief_de_stem (TEMPLATE = snowball, Language = german);
CREATE TEXT SEARCH CONFIGURATION newsbrief_de (COPY = german);
ALTER TEXT SEARCH CONFIGURATION newsbrief_de ALTER MAPPING REPLACE german_stem WITH newsbrief_de_stem;
CREATE TEXT SEARCH DICTIONARY newsbrief_fr_stem (TEMPLATE = snowball, Language = french);
CREATE TEXT SEARCH CONFIGURATION newsbrief_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION newsbrief_fr ALTER MAPPING REPLACE french_stem WITH newsbrief_fr_stem;
CREATE TEXT SEARCH DICTIONARY newsbrief_es_stem (TEMPLATE = snowball, Language = spanish);
CREATE TEXT SEARCH CONFIGURATION newsbrief_es (COPY = spanish);
ALTER TEXT SEARCH CONFIGURATION newsbrief_es ALTER MAPPING REPLACE spanish_stem WITH newsbrief_es_stem;
CREATE TEXT SEARCH DICTIONARY newsbrief_it_stem (TEMPLATE = snowball, Language = italian);
CREATE TEXT SEARCH CONFIGURATION newsbrief_it (COPY = italian);
ALTER TEXT SEARCH CONFIGURATION newsbrief_it ALTER MAPPING REPLACE italian_stem WITH newsbrief_it_stem;
CREATE TEXT SEARCH DICTIONARY newsbrief_pt_stem (TEMPLATE = snowball, Language = portuguese);
CREATE TEXT SEARCH CONFIGURATION newsbrief_pt (COPY = portuguese);
ALTER TEXT SEARCH CONFIGURATION newsbrief_pt ALTER MAPPING REPLACE portuguese_stem WITH newsbrief_pt_stem;
CREATE TEXT SEARCH DICTIONARY newsbrief_nl_stem (TEMPLATE = snowball, Language = dutch);
CREATE TEXT SEARCH CONFIGURATION newsbrief_nl (COPY = dutch);
ALTER TEXT SEARCH CONFIGURATION newsbrief_nl ALTER MAPPING REPLACE dutch_stem WITH newsbrief_nl_stem;
CREATE TEXT SEARCH DICTIONARY newsbrief_sv_stem (TEMPLATE = snowball, Language = swedish);
CREATE TEXT SEARCH CONFIGURATION newsbrief_sv (COPY = swedish);
ALTER TEXT SEARCH CONFIGURATION newsbrief_sv ALTER MAPPING REPLACE swedish_stem WITH newsbrief_sv_stem;
CREATE TEXT SEARCH DICTIONARY newsbrief_no_stem (TEMPLATE = snowball, Language = norwegian);
CREATE TEXT SEARCH CONFIGURATION newsbrief_no (COPY = norwegian);
ALTER TEXT SEARCH CONFIGURATION newsbrief_no ALTER MAPPING REPLACE norwegian_stem WITH newsbrief_no_stem;
CREATE TEXT SEARCH DICTIONARY newsbrief_ru_stem (TEMPLATE = snowball, Language = russian);
CREATE TEXT SEARCH CONFIGURATION newsbrief_ru (COPY = russian);
ALTER TEXT SEARCH CONFIGURATION newsbrief_ru ALTER MAPPING REPLACE russian_stem WITH newsbrief_ru_stem;
CREATE TEXT SEARCH DICTIONARY newsbrief_hu_stem (TEMPLATE = snowball, Language = hungarian);
CREATE TEXT SEARCH CONFIGURATION newsbrief_hu (COPY = hungarian);
ALTER TEXT SEARCH CONFIGURATION newsbrief_hu ALTER MAPPING REPLACE hungarian_stem WITH newsbrief_hu_stem;

-- newsbrief_key is the key of a language's lexemes, as SQLite's index
-- writes them (analyzer.Lang.IndexKey): its code when it has a stemmer,
-- else 'xx'.
CREATE FUNCTION newsbrief_key(lang text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$ SELECT CASE WHEN lang IN ('en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'no', 'ru', 'hu')
		THEN lang ELSE 'xx' END $$;

-- newsbrief_keyed takes the accents off the lexemes of a tsvector (or a
-- tsquery) and puts the language's key in front of each, so that
-- stemming sees the accents ("annoncée" and "annonce" both stem to
-- "annonc" in French) and matching does not, and one language's stems
-- never match another's. It works on the text forms, which the input
-- functions read back (merging lexemes that became equal): in a tsvector's
-- each lexeme opens with ' at the start or after a space, in a tsquery's
-- also after a bracket or !. Lexemes without accents (most English ones)
-- are not decomposed.
CREATE FUNCTION newsbrief_fold_lexemes(t text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$ SELECT CASE WHEN octet_length(t) = char_length(t) THEN t ELSE newsbrief_fold(t) END $$;
CREATE FUNCTION newsbrief_keyed(v tsvector, key text) RETURNS tsvector
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$ SELECT CASE WHEN length(v) = 0 THEN v
		ELSE ('''' || key || substr(replace(newsbrief_fold_lexemes(v::text), ' ''', ' ''' || key), 2))::tsvector END $$;
CREATE FUNCTION newsbrief_keyed(q tsquery, key text) RETURNS tsquery
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$ SELECT regexp_replace(newsbrief_fold_lexemes(q::text), E'(^|[\\s(!])''', E'\\1''' || key, 'g')::tsquery $$;

-- newsbrief_stemmable is text as a language's stemmer reads it: English's
-- knows no accents, so it gets the text without them ("Élections" stems
-- as "elections"); the others stem accented words themselves.
CREATE FUNCTION newsbrief_stemmable(t text, key text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$ SELECT CASE key WHEN 'en' THEN newsbrief_fold(t) ELSE t END $$;

-- newsbrief_tsvector is an article's full-text index in the configuration
-- cfg: title hits weigh most (A), then section (B), then body (C);
-- Search gives the weights.
CREATE FUNCTION newsbrief_tsvector(cfg regconfig, key text, title text, section text, body text) RETURNS tsvector
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$ SELECT
		setweight(newsbrief_keyed(to_tsvector(cfg, newsbrief_stemmable(title, key)), key), 'A') ||
		setweight(newsbrief_keyed(to_tsvector(cfg, newsbrief_stemmable(section, key)), key), 'B') ||
		setweight(newsbrief_keyed(to_tsvector(cfg, newsbrief_stemmable(body, key)), key), 'C') $$;

-- step: detect-languages
-- (store/migrate_steps.go: the stored articles get their language in Go.)

-- The configuration is chosen per article by its language; the literals
-- are resolved to the configurations here, once.
ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS (
	newsbrief_tsvector(CASE language
			WHEN 'en' THEN 'newsbrief'::regconfig
			WHEN 'de' THEN 'newsbrief_de'::regconfig
			WHEN 'fr' THEN 'newsbrief_fr'::regconfig
			WHEN 'es' THEN 'newsbrief_es'::regconfig
			WHEN 'it' THEN 'newsbrief_it'::regconfig
			WHEN 'pt' THEN 'newsbrief_pt'::regconfig
			WHEN 'nl' THEN 'newsbrief_nl'::regconfig
			WHEN 'sv' THEN 'newsbrief_sv'::regconfig
			WHEN 'no' THEN 'newsbrief_no'::regconfig
			WHEN 'ru' THEN 'newsbrief_ru'::regconfig
			WHEN 'hu' THEN 'newsbrief_hu'::regconfig
			ELSE 'simple'::regconfig END,
		newsbrief_key(language), title, section, body)
) STORED;

CREATE INDEX articles_fts ON articles USING gin (fts);
