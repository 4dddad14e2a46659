-- As SQLite's migration 0005: an LMS's (issuer, client_id) pair identifies one tool registration,
-- and so one institution: a live row whose pair another institution already holds is refused, on
-- insert and on update. Several deployments of one pair within the same institution remain several
-- rows. SQLite's one writer made the check safe; here two transactions could each miss the other's
-- row, so the check first takes a transaction lock on the pair: the second waits, then sees the first.
CREATE FUNCTION "lti_platforms_one_institution"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."removed_at" IS NULL THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('lti_platforms:' || NEW."issuer" || ' ' || NEW."client_id", 0));
    IF EXISTS (
      SELECT 1 FROM "lti_platforms" p
      WHERE p."id" <> NEW."id" AND p."issuer" = NEW."issuer" AND p."client_id" = NEW."client_id"
        AND p."institution_id" <> NEW."institution_id" AND p."removed_at" IS NULL
    ) THEN
      RAISE EXCEPTION 'lti_platforms: this issuer and client_id are registered by another institution' USING ERRCODE = 'unique_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "lti_platforms_one_institution_insert" BEFORE INSERT ON "lti_platforms"
FOR EACH ROW EXECUTE FUNCTION "lti_platforms_one_institution"();--> statement-breakpoint
CREATE TRIGGER "lti_platforms_one_institution_update" BEFORE UPDATE OF "issuer", "client_id", "institution_id", "removed_at" ON "lti_platforms"
FOR EACH ROW EXECUTE FUNCTION "lti_platforms_one_institution"();
