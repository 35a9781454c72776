ALTER TABLE "members" ADD COLUMN "server_mute" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "server_deaf" boolean DEFAULT false NOT NULL;