ALTER TABLE `self_check_answers` ADD `misses` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `self_check_answers` ADD `last_missed_at` integer;--> statement-breakpoint
-- Answers stored before this migration: a wrong one is the one miss we know of.
UPDATE `self_check_answers` SET `misses` = 1, `last_missed_at` = `answered_at` WHERE `correct` = 0;
