CREATE TABLE "contact_words" (
	"workspace_id" uuid NOT NULL,
	"word" text COLLATE "C" NOT NULL,
	"sort_name" text COLLATE "C" NOT NULL,
	"contact_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_words" ADD CONSTRAINT "contact_words_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_words_search_idx" ON "contact_words" USING btree ("workspace_id","word","sort_name","contact_id");--> statement-breakpoint
CREATE INDEX "contact_words_contact_idx" ON "contact_words" USING btree ("contact_id");--> statement-breakpoint
-- One row per distinct word of the contact's search name, replaced when the name changes.
CREATE OR REPLACE FUNCTION contacts_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.search_name IS NOT DISTINCT FROM OLD.search_name THEN RETURN NULL; END IF;
    DELETE FROM contact_words WHERE contact_id = NEW.id;
  END IF;
  INSERT INTO contact_words (workspace_id, word, sort_name, contact_id)
  SELECT DISTINCT NEW.workspace_id, w, NEW.search_name, NEW.id
  FROM regexp_split_to_table(NEW.search_name, '[^[:alnum:]]+') AS w WHERE w <> '';
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER contacts_words AFTER INSERT OR UPDATE OF display_name ON contacts FOR EACH ROW EXECUTE FUNCTION contacts_words();--> statement-breakpoint
INSERT INTO contact_words (workspace_id, word, sort_name, contact_id)
SELECT DISTINCT c.workspace_id, w, c.search_name, c.id
FROM contacts c, regexp_split_to_table(c.search_name, '[^[:alnum:]]+') AS w WHERE w <> '';
