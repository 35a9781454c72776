CREATE TABLE "channel_notification_settings" (
	"user_id" text NOT NULL,
	"channel_id" bigint NOT NULL,
	"level" text,
	"muted" boolean DEFAULT false NOT NULL,
	"muted_until" timestamp with time zone,
	CONSTRAINT "channel_notification_settings_user_id_channel_id_pk" PRIMARY KEY("user_id","channel_id"),
	CONSTRAINT "channel_notification_settings_level_check" CHECK ("channel_notification_settings"."level" is null or "channel_notification_settings"."level" in ('all', 'mentions', 'nothing'))
);
--> statement-breakpoint
CREATE TABLE "notification_prefs" (
	"user_id" text PRIMARY KEY NOT NULL,
	"server_default" text DEFAULT 'mentions' NOT NULL,
	"hide_previews" boolean DEFAULT false NOT NULL,
	"sound" boolean DEFAULT true NOT NULL,
	CONSTRAINT "notification_prefs_level_check" CHECK ("notification_prefs"."server_default" in ('all', 'mentions', 'nothing'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"channel_id" bigint NOT NULL,
	"message_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"pushed" boolean DEFAULT false NOT NULL,
	"cleared" boolean DEFAULT false NOT NULL,
	CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('dm', 'mention', 'reply', 'missed_call', 'message'))
);
--> statement-breakpoint
CREATE TABLE "push_jobs" (
	"id" bigint PRIMARY KEY NOT NULL,
	"subscription_id" bigint NOT NULL,
	"notification_id" bigint,
	"payload" jsonb NOT NULL,
	"ttl" integer DEFAULT 86400 NOT NULL,
	"urgency" text DEFAULT 'high' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" bigint PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"session_id" text,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "push_subscriptions_endpoint_unique" UNIQUE("endpoint")
);
--> statement-breakpoint
CREATE TABLE "server_notification_settings" (
	"user_id" text NOT NULL,
	"server_id" bigint NOT NULL,
	"level" text,
	"muted" boolean DEFAULT false NOT NULL,
	"muted_until" timestamp with time zone,
	"suppress_everyone" boolean DEFAULT false NOT NULL,
	"suppress_roles" boolean DEFAULT false NOT NULL,
	CONSTRAINT "server_notification_settings_user_id_server_id_pk" PRIMARY KEY("user_id","server_id"),
	CONSTRAINT "server_notification_settings_level_check" CHECK ("server_notification_settings"."level" is null or "server_notification_settings"."level" in ('all', 'mentions', 'nothing'))
);
--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "status" text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_notification_settings" ADD CONSTRAINT "channel_notification_settings_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_notification_settings" ADD CONSTRAINT "channel_notification_settings_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_prefs" ADD CONSTRAINT "notification_prefs_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_jobs" ADD CONSTRAINT "push_jobs_subscription_id_push_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."push_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_jobs" ADD CONSTRAINT "push_jobs_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_notification_settings" ADD CONSTRAINT "server_notification_settings_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_notification_settings" ADD CONSTRAINT "server_notification_settings_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_message_uq" ON "notifications" USING btree ("user_id","message_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_user_channel_idx" ON "notifications" USING btree ("user_id","channel_id","message_id");--> statement-breakpoint
CREATE INDEX "push_jobs_due_idx" ON "push_jobs" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE INDEX "push_jobs_subscription_idx" ON "push_jobs" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id");