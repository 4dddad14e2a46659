CREATE TABLE `roster_previews` (
	`id` text PRIMARY KEY NOT NULL,
	`admin_id` integer NOT NULL,
	`cohort_id` integer NOT NULL,
	`digest` text NOT NULL,
	`rows` text NOT NULL,
	`signature` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `roster_previews_owner_idx` ON `roster_previews` (`admin_id`,`cohort_id`);