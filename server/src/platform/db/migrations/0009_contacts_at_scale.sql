CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE TABLE "contact_attribute_values" (
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"attribute_id" uuid NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "contact_attribute_values_contact_id_attribute_id_pk" PRIMARY KEY("contact_id","attribute_id")
);
--> statement-breakpoint
CREATE TABLE "contact_attributes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"import_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"workspace_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"values" jsonb NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"record_id" uuid,
	CONSTRAINT "import_rows_import_id_row_pk" PRIMARY KEY("import_id","row")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"file_name" text NOT NULL,
	"file_key" text,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by_id" uuid,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "username" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phones" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "show_name_in_greeting" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "document_type" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "document_number" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "company_name" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "service_group_id" uuid;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phone_numbers" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_phones" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Derived contact fields, kept by the database so every writer (API, import, channels) gets them:
-- the main phone, the numbers for duplicate checks, the search texts, the immutable username.
CREATE OR REPLACE FUNCTION contacts_derived_fields() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.phones = '[]'::jsonb AND NEW.phone IS NOT NULL THEN
    NEW.phones := jsonb_build_array(jsonb_build_object('number', NEW.phone, 'type', 'unknown'));
  END IF;
  NEW.phone := NEW.phones->0->>'number';
  NEW.phone_numbers := ARRAY(SELECT p->>'number' FROM jsonb_array_elements(NEW.phones) p);
  NEW.search_phones := array_to_string(ARRAY(SELECT regexp_replace(p->>'number', '\D', '', 'g') FROM jsonb_array_elements(NEW.phones) p), ' ');
  NEW.search_name := lower(public.unaccent('public.unaccent'::regdictionary, NEW.display_name));
  IF TG_OP = 'UPDATE' AND OLD.username <> '' THEN
    NEW.username := OLD.username;
  ELSIF NEW.username IS NULL OR NEW.username = '' THEN
    NEW.username := 'c' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 12);
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER contacts_derived_fields BEFORE INSERT OR UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION contacts_derived_fields();--> statement-breakpoint
UPDATE contacts SET phones = phones;--> statement-breakpoint
ALTER TABLE "contact_attribute_values" ADD CONSTRAINT "contact_attribute_values_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attribute_values" ADD CONSTRAINT "contact_attribute_values_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attribute_values" ADD CONSTRAINT "contact_attribute_values_attribute_id_contact_attributes_id_fk" FOREIGN KEY ("attribute_id") REFERENCES "public"."contact_attributes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attributes" ADD CONSTRAINT "contact_attributes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_attribute_values_attribute_idx" ON "contact_attribute_values" USING btree ("workspace_id","attribute_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_attributes_workspace_name_uq" ON "contact_attributes" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "import_rows_outcome_idx" ON "import_rows" USING btree ("workspace_id","import_id","outcome","row");--> statement-breakpoint
CREATE INDEX "imports_workspace_idx" ON "imports" USING btree ("workspace_id","kind","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_workspace_username_uq" ON "contacts" USING btree ("workspace_id","username");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_workspace_document_uq" ON "contacts" USING btree ("workspace_id","document_number") WHERE "contacts"."document_number" is not null;--> statement-breakpoint
CREATE INDEX "contacts_phone_numbers_idx" ON "contacts" USING gin ("phone_numbers");--> statement-breakpoint
CREATE INDEX "contacts_search_name_trgm_idx" ON "contacts" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_phones_trgm_idx" ON "contacts" USING gin ("search_phones" gin_trgm_ops);