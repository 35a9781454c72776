CREATE TABLE "dm_participants" (
	"channel_id" bigint NOT NULL,
	"user_id" text NOT NULL,
	"closed" boolean DEFAULT false NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dm_participants_channel_id_user_id_pk" PRIMARY KEY("channel_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "user_blocks" (
	"user_id" text NOT NULL,
	"blocked_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_blocks_user_id_blocked_id_pk" PRIMARY KEY("user_id","blocked_id")
);
--> statement-breakpoint
ALTER TABLE "channels" DROP CONSTRAINT "channels_type_check";--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "owner_id" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "icon" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "dm_key" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "allow_dms" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "dm_participants" ADD CONSTRAINT "dm_participants_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dm_participants" ADD CONSTRAINT "dm_participants_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_blocks" ADD CONSTRAINT "user_blocks_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_blocks" ADD CONSTRAINT "user_blocks_blocked_id_user_id_fk" FOREIGN KEY ("blocked_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dm_participants_user_id_idx" ON "dm_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_blocks_blocked_id_idx" ON "user_blocks" USING btree ("blocked_id");--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_owner_id_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_dm_key_unique" UNIQUE("dm_key");--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_dm_check" CHECK (("channels"."server_id" is null) = ("channels"."type" in ('dm', 'group_dm')));--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_type_check" CHECK ("channels"."type" in ('text', 'audio', 'video', 'category', 'dm', 'group_dm'));