CREATE INDEX "sessions_workspace_credential_idx" ON "sessions" USING btree ("workspace_id","api_credential_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "audit_log_workspace_entity_idx" ON "audit_log" USING btree ("workspace_id","entity_id","id" DESC NULLS LAST);