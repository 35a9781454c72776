-- A session whose expiry, token or person changes, or that is deleted, is told on the
-- channel "session_changed" with its id: every process drops its cached copy
-- (auth/session.ts), whoever made the change (better-auth, the app, an operator's SQL).
-- "Last active" (written once a minute) is left out: it does not change who may enter.
CREATE FUNCTION "session_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('session_changed', OLD."id");
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "session_changed" AFTER UPDATE OF "expires_at", "token", "user_id" OR DELETE ON "session"
	FOR EACH ROW EXECUTE FUNCTION "session_changed"();
