CREATE TABLE `attempt_presence` (
	`attempt_id` integer NOT NULL,
	`token` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `token`),
	FOREIGN KEY (`attempt_id`) REFERENCES `exam_attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `attempt_signals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` integer NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`away_ms` integer,
	`detail` text,
	FOREIGN KEY (`attempt_id`) REFERENCES `exam_attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attempt_signals_attempt_idx` ON `attempt_signals` (`attempt_id`,`at`);--> statement-breakpoint
CREATE TABLE `exam_sittings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`cohort_id` integer NOT NULL,
	`exam_key` text NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`latest_start_at` integer NOT NULL,
	`time_limit_minutes` integer NOT NULL,
	`review` text NOT NULL,
	`candidates` text,
	`max_departures` integer,
	`max_away_seconds` integer,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exam_sittings_cohort_idx` ON `exam_sittings` (`cohort_id`,`opens_at`);--> statement-breakpoint
ALTER TABLE `exam_attempts` ADD `sitting_id` integer REFERENCES exam_sittings(id);