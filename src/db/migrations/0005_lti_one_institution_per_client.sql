-- An LMS's (issuer, client_id) pair identifies one tool registration, and so one institution: a
-- live row whose pair another institution already holds is refused, on insert and on update.
-- Several deployments of one pair within the same institution remain several rows.
CREATE TRIGGER `lti_platforms_one_institution_insert` BEFORE INSERT ON `lti_platforms`
WHEN NEW.`removed_at` IS NULL AND EXISTS (
  SELECT 1 FROM `lti_platforms` p
  WHERE p.`issuer` = NEW.`issuer` AND p.`client_id` = NEW.`client_id` AND p.`institution_id` <> NEW.`institution_id` AND p.`removed_at` IS NULL
)
BEGIN
  SELECT RAISE(ABORT, 'lti_platforms: this issuer and client_id are registered by another institution');
END;--> statement-breakpoint
CREATE TRIGGER `lti_platforms_one_institution_update` BEFORE UPDATE OF `issuer`, `client_id`, `institution_id`, `removed_at` ON `lti_platforms`
WHEN NEW.`removed_at` IS NULL AND EXISTS (
  SELECT 1 FROM `lti_platforms` p
  WHERE p.`id` <> NEW.`id` AND p.`issuer` = NEW.`issuer` AND p.`client_id` = NEW.`client_id` AND p.`institution_id` <> NEW.`institution_id` AND p.`removed_at` IS NULL
)
BEGIN
  SELECT RAISE(ABORT, 'lti_platforms: this issuer and client_id are registered by another institution');
END;
