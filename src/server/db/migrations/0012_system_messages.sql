ALTER TABLE "messages" DROP CONSTRAINT "messages_type_check";--> statement-breakpoint
ALTER TABLE "roles" ADD COLUMN "hoist" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "roles" ADD COLUMN "mentionable" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "servers" ADD COLUMN "system_channel_id" bigint;--> statement-breakpoint
ALTER TABLE "servers" ADD CONSTRAINT "servers_system_channel_id_channels_id_fk" FOREIGN KEY ("system_channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_type_check" CHECK ("messages"."type" in ('default', 'call', 'join', 'pin'));--> statement-breakpoint
-- Existing servers get their first text channel (by position, then age) as the system channel, as a new server does.
UPDATE "servers" SET "system_channel_id" = (
	SELECT "c"."id" FROM "channels" "c"
	WHERE "c"."server_id" = "servers"."id" AND "c"."type" = 'text'
	ORDER BY "c"."position", "c"."id"
	LIMIT 1
);
