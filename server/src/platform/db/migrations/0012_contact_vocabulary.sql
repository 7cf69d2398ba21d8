CREATE TABLE "contact_vocabulary" (
	"workspace_id" uuid NOT NULL,
	"word" text COLLATE "C" NOT NULL
);
--> statement-breakpoint
DROP INDEX "contacts_search_name_trgm_idx";--> statement-breakpoint
-- contact_words as before, with the name's words separated by single spaces in sort_name (so a
-- search checks "a word of the name starts with x" as strpos(' ' || sort_name, ' x'), whatever
-- the name's punctuation), and each word new to the workspace's vocabulary. The existence check
-- and the insert are not atomic on purpose: a concurrent writer of the same new word adds a
-- duplicate row (readers take distinct words) instead of waiting for, or deadlocking with, it.
CREATE OR REPLACE FUNCTION contacts_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.search_name IS NOT DISTINCT FROM OLD.search_name THEN RETURN NULL; END IF;
    DELETE FROM contact_words WHERE contact_id = NEW.id;
  END IF;
  WITH words AS (
    SELECT DISTINCT w COLLATE "C" AS w FROM regexp_split_to_table(NEW.search_name, '[^[:alnum:]]+') AS w WHERE w <> ''
  ), listed AS (
    INSERT INTO contact_words (workspace_id, word, sort_name, contact_id)
    SELECT NEW.workspace_id, w, btrim(regexp_replace(NEW.search_name, '[^[:alnum:]]+', ' ', 'g')), NEW.id FROM words
  )
  INSERT INTO contact_vocabulary (workspace_id, word)
  SELECT NEW.workspace_id, w FROM words
  WHERE NOT EXISTS (SELECT 1 FROM contact_vocabulary v WHERE v.workspace_id = NEW.workspace_id AND v.word = words.w);
  RETURN NULL;
END $$;--> statement-breakpoint
UPDATE contact_words SET sort_name = btrim(regexp_replace(sort_name, '[^[:alnum:]]+', ' ', 'g')) WHERE sort_name ~ '[^[:alnum:] ]|^ | $|  ';--> statement-breakpoint
INSERT INTO contact_vocabulary (workspace_id, word) SELECT DISTINCT workspace_id, word FROM contact_words;--> statement-breakpoint
CREATE INDEX "contact_vocabulary_word_idx" ON "contact_vocabulary" USING btree ("workspace_id","word");--> statement-breakpoint
CREATE INDEX "contact_vocabulary_trgm_idx" ON "contact_vocabulary" USING gin ("word" gin_trgm_ops);
