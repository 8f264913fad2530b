CREATE TABLE "knowledge_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"reference" text NOT NULL,
	"edition" text,
	"title_fr" text NOT NULL,
	"title_en" text NOT NULL,
	"summary_fr" text NOT NULL,
	"summary_en" text NOT NULL,
	"keywords" text[] NOT NULL,
	"related_rule_ids" text[] NOT NULL,
	"url" text,
	"ordinal" integer NOT NULL,
	"search_fr" "tsvector",
	"search_en" "tsvector",
	"search_text" text
);
--> statement-breakpoint
CREATE TABLE "knowledge_seed" (
	"id" text PRIMARY KEY NOT NULL,
	"content_hash" text NOT NULL,
	"seeded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "knowledge_entries_source_idx" ON "knowledge_entries" USING btree ("source");--> statement-breakpoint
-- Hand-written (issue 19, knowledge search), safe to re-apply: accent folding and trigrams.
-- Both extensions ship with Postgres contrib and as PGlite contrib extensions (loaded by
-- packages/shared/src/db/client.ts); both are "trusted", so a database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); this wrapper names the dictionary
-- explicitly and is declared IMMUTABLE so it can feed stored columns and indexes.
CREATE OR REPLACE FUNCTION saeq_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, input)) $$;
--> statement-breakpoint
-- French and English full-text configurations that fold accents before stemming, so
-- "dégagement", "degagement" and "DÉGAGEMENTS" meet.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'saeq_fr') THEN
    CREATE TEXT SEARCH CONFIGURATION saeq_fr (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION saeq_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'saeq_en') THEN
    CREATE TEXT SEARCH CONFIGURATION saeq_en (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION saeq_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
END $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_entries_search_fr_idx ON knowledge_entries USING gin (search_fr);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_entries_search_en_idx ON knowledge_entries USING gin (search_en);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_entries_search_text_idx ON knowledge_entries USING gin (search_text gin_trgm_ops);
