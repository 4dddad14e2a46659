CREATE TABLE `lti_contexts` (
	`platform_id` integer NOT NULL,
	`context_id` text NOT NULL,
	`cohort_id` integer,
	`title` text,
	`memberships_url` text,
	`line_items_url` text,
	PRIMARY KEY(`platform_id`, `context_id`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lti_grade_sync` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform_id` integer NOT NULL,
	`attempt_id` integer NOT NULL,
	`line_item_url` text NOT NULL,
	`user_subject` text NOT NULL,
	`score_given` integer NOT NULL,
	`score_maximum` integer NOT NULL,
	`status` text NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`next_try_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attempt_id`) REFERENCES `exam_attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lti_grade_sync_due_idx` ON `lti_grade_sync` (`status`,`next_try_at`);--> statement-breakpoint
CREATE TABLE `lti_nonces` (
	`nonce` text PRIMARY KEY NOT NULL,
	`platform_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lti_platforms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`name` text NOT NULL,
	`issuer` text NOT NULL,
	`client_id` text NOT NULL,
	`deployment_id` text NOT NULL,
	`jwks_url` text NOT NULL,
	`auth_url` text NOT NULL,
	`token_url` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lti_platforms_identity_idx` ON `lti_platforms` (`issuer`,`client_id`,`deployment_id`);--> statement-breakpoint
CREATE TABLE `lti_resource_links` (
	`platform_id` integer NOT NULL,
	`resource_link_id` text NOT NULL,
	`context_id` text,
	`target` text NOT NULL,
	`line_item_url` text,
	PRIMARY KEY(`platform_id`, `resource_link_id`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lti_states` (
	`state` text PRIMARY KEY NOT NULL,
	`nonce` text NOT NULL,
	`platform_id` integer NOT NULL,
	`browser_hash` text NOT NULL,
	`target_link_uri` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lti_users` (
	`platform_id` integer NOT NULL,
	`subject` text NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`platform_id`, `subject`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `xapi_queue` (
	`id` text PRIMARY KEY NOT NULL,
	`statement` text NOT NULL,
	`created_at` integer NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`next_try_at` integer NOT NULL,
	`sent_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `xapi_queue_due_idx` ON `xapi_queue` (`sent_at`,`next_try_at`);