CREATE TABLE `written_marks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` integer NOT NULL,
	`slot_key` text NOT NULL,
	`marker_id` integer NOT NULL,
	`levels` text NOT NULL,
	`total` integer NOT NULL,
	`comment` text,
	`marked_at` integer NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `exam_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marker_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `written_marks_marker_idx` ON `written_marks` (`attempt_id`,`slot_key`,`marker_id`);--> statement-breakpoint
CREATE INDEX `written_marks_attempt_idx` ON `written_marks` (`attempt_id`);