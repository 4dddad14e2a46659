CREATE TABLE `attendance_marks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`trainee_id` integer NOT NULL,
	`status` text NOT NULL,
	`minutes` integer DEFAULT 0 NOT NULL,
	`note` text,
	`source` text NOT NULL,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `class_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendance_marks_session_idx` ON `attendance_marks` (`session_id`,`trainee_id`,`id`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer,
	`cohort_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `class_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cohort_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`mode` text NOT NULL,
	`course_slug` text NOT NULL,
	`title` text NOT NULL,
	`room` text,
	`meeting_url` text,
	`recording_url` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`check_in_secret` blob NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `class_sessions_cohort_idx` ON `class_sessions` (`cohort_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `hour_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trainee_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`cohort_id` integer,
	`level` text NOT NULL,
	`course_slug` text,
	`lesson_slug` text,
	`session_id` integer,
	`mode` text NOT NULL,
	`minutes` integer NOT NULL,
	`source` text NOT NULL,
	`evidence` text,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	`corrects_id` integer,
	`reason` text,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `class_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hour_entries_trainee_idx` ON `hour_entries` (`trainee_id`,`level`);--> statement-breakpoint
CREATE INDEX `hour_entries_cohort_idx` ON `hour_entries` (`cohort_id`);--> statement-breakpoint
CREATE INDEX `hour_entries_session_idx` ON `hour_entries` (`session_id`,`trainee_id`);--> statement-breakpoint
CREATE TABLE `lesson_activity` (
	`trainee_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`active_ms` integer DEFAULT 0 NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`completed_at` integer,
	PRIMARY KEY(`trainee_id`, `course_slug`, `lesson_slug`),
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reader_state` (
	`trainee_id` integer PRIMARY KEY NOT NULL,
	`lesson_key` text NOT NULL,
	`last_beat_at` integer NOT NULL,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `remote_presence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`trainee_id` integer NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `class_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `remote_presence_session_idx` ON `remote_presence` (`session_id`,`trainee_id`);--> statement-breakpoint
CREATE TABLE `self_check_answers` (
	`trainee_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`question_id` text NOT NULL,
	`answer` text NOT NULL,
	`correct` integer NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`trainee_id`, `course_slug`, `lesson_slug`, `question_id`),
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
