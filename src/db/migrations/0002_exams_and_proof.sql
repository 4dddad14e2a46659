CREATE TABLE `attempt_answers` (
	`attempt_id` integer NOT NULL,
	`question_key` text NOT NULL,
	`answer` text NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`seq` integer NOT NULL,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `question_key`),
	FOREIGN KEY (`attempt_id`) REFERENCES `exam_attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`serial` text NOT NULL,
	`trainee_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`cohort_id` integer,
	`level` text NOT NULL,
	`facts` text NOT NULL,
	`signature` text NOT NULL,
	`key_id` text NOT NULL,
	`issued_by` integer,
	`issued_at` integer NOT NULL,
	`status` text NOT NULL,
	`revoked_at` integer,
	`revoke_reason` text,
	`superseded_by` text,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_serial_unique` ON `certificates` (`serial`);--> statement-breakpoint
CREATE INDEX `certificates_trainee_idx` ON `certificates` (`trainee_id`,`level`);--> statement-breakpoint
CREATE INDEX `certificates_institution_idx` ON `certificates` (`institution_id`);--> statement-breakpoint
CREATE TABLE `exam_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trainee_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`cohort_id` integer,
	`exam_key` text NOT NULL,
	`mode` text NOT NULL,
	`seed` text NOT NULL,
	`paper` text NOT NULL,
	`started_at` integer NOT NULL,
	`deadline_at` integer,
	`status` text NOT NULL,
	`submitted_at` integer,
	`submitted_by` text,
	`score` integer,
	`max_score` integer,
	`passed` integer,
	`result` text,
	`last_seq` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exam_attempts_trainee_idx` ON `exam_attempts` (`trainee_id`,`exam_key`,`status`);--> statement-breakpoint
CREATE INDEX `exam_attempts_open_idx` ON `exam_attempts` (`status`,`deadline_at`);--> statement-breakpoint
CREATE INDEX `exam_attempts_cohort_idx` ON `exam_attempts` (`cohort_id`,`exam_key`);--> statement-breakpoint
CREATE TABLE `extra_time_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trainee_id` integer NOT NULL,
	`exam_key` text NOT NULL,
	`extra_minutes` integer NOT NULL,
	`reason` text,
	`granted_by` integer,
	`granted_at` integer NOT NULL,
	FOREIGN KEY (`trainee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `extra_time_trainee_idx` ON `extra_time_grants` (`trainee_id`,`exam_key`);--> statement-breakpoint
CREATE TABLE `imported_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`question_id` text NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`imported_by` integer,
	`imported_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `imported_questions_qid_idx` ON `imported_questions` (`institution_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `imported_questions_course_idx` ON `imported_questions` (`institution_id`,`course_slug`);