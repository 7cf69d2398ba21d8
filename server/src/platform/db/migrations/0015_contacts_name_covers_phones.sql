DROP INDEX "contacts_workspace_name_idx";--> statement-breakpoint
-- The list's order, with the phones' digits alongside: a search by three or four digits matches
-- thousands of contacts among a million, too many to fetch and sort, so it walks this index in
-- name order and stops at a page, reading the digits from the index alone.
CREATE INDEX "contacts_workspace_name_idx" ON "contacts" USING btree ("workspace_id","display_name","id") INCLUDE ("search_phones");
