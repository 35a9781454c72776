-- Search moves out of "messages" into "message_search", filled by the indexer from a queue
-- that triggers on "messages" feed: a send's INSERT no longer computes a tsvector or
-- writes to two GIN indexes (domain/search/indexer.ts).
CREATE TABLE "message_search" (
	"message_id" bigint PRIMARY KEY NOT NULL,
	"channel_id" bigint NOT NULL,
	"content" text NOT NULL,
	"search" "tsvector" NOT NULL,
	"queue_seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_search_queue" (
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "message_search_queue_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" bigint NOT NULL
);
--> statement-breakpoint
-- Existing messages, with the tsvector already computed, before the indexes are built (one build beats a million inserts).
INSERT INTO "message_search" ("message_id", "channel_id", "content", "search")
SELECT "id", "channel_id", "content", "search" FROM "messages" WHERE "type" = 'default' AND "deleted_at" IS NULL;
--> statement-breakpoint
DROP INDEX "messages_search_idx";--> statement-breakpoint
DROP INDEX "messages_content_trgm_idx";--> statement-breakpoint
ALTER TABLE "messages" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "message_search" ADD CONSTRAINT "message_search_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_search_search_idx" ON "message_search" USING gin ("search");--> statement-breakpoint
CREATE INDEX "message_search_content_trgm_idx" ON "message_search" USING gin ("content" gin_trgm_ops);--> statement-breakpoint
-- New messages are queued by one statement-level trigger (a bulk INSERT queues its rows in one statement too).
CREATE FUNCTION "message_search_enqueue_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "message_search_queue" ("message_id") SELECT "id" FROM "inserted" WHERE "type" = 'default';
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "messages_search_enqueue_insert" AFTER INSERT ON "messages"
	REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "message_search_enqueue_inserted"();
--> statement-breakpoint
-- Edits and deletes are queued again; the WHEN clause keeps every other update (pins, say) from calling the function.
CREATE FUNCTION "message_search_enqueue_edited"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "message_search_queue" ("message_id") VALUES (NEW."id");
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "messages_search_enqueue_update" AFTER UPDATE OF "content", "deleted_at" ON "messages"
	FOR EACH ROW WHEN ((OLD."content" IS DISTINCT FROM NEW."content" OR OLD."deleted_at" IS DISTINCT FROM NEW."deleted_at") AND NEW."type" = 'default')
	EXECUTE FUNCTION "message_search_enqueue_edited"();
