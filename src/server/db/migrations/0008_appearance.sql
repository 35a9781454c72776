CREATE TABLE "user_appearance" (
	"user_id" text PRIMARY KEY NOT NULL,
	"theme" text DEFAULT 'dark' NOT NULL,
	"message_display" text DEFAULT 'cozy' NOT NULL,
	"font_size" integer DEFAULT 16 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_appearance_theme_check" CHECK ("user_appearance"."theme" in ('dark', 'light', 'system')),
	CONSTRAINT "user_appearance_display_check" CHECK ("user_appearance"."message_display" in ('cozy', 'compact')),
	CONSTRAINT "user_appearance_font_size_check" CHECK ("user_appearance"."font_size" between 12 and 24)
);
--> statement-breakpoint
ALTER TABLE "user_appearance" ADD CONSTRAINT "user_appearance_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;