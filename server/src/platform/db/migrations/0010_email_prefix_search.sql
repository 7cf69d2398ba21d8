DROP INDEX "contacts_workspace_email_idx";--> statement-breakpoint
CREATE INDEX "contacts_workspace_email_idx" ON "contacts" USING btree ("workspace_id",lower("email") text_pattern_ops);