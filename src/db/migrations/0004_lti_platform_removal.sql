DROP INDEX `lti_platforms_identity_idx`;--> statement-breakpoint
ALTER TABLE `lti_platforms` ADD `removed_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `lti_platforms_live_identity_idx` ON `lti_platforms` (`issuer`,`client_id`,`deployment_id`) WHERE removed_at is null;--> statement-breakpoint
CREATE INDEX `lti_states_platform_idx` ON `lti_states` (`platform_id`,`expires_at`);