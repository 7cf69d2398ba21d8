ALTER TABLE "contacts" ADD COLUMN "wallet_agent_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "excluded_agent_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "queue_position_notified" integer;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_wallet_agent_id_users_id_fk" FOREIGN KEY ("wallet_agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;