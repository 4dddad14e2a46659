import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { institutions, users } from '../institutions/foreign-keys/index.js';

// The questions feature's table: questions an institution imported.
// Times are epoch milliseconds (UTC); the UI formats them in the configured time zone.
// Foreign keys name other features' tables through their foreign-keys/index.ts: a schema imports
// nothing else of another feature.

/** Questions an institution imported (spreadsheet or GIFT); file banks live in courses/. */
export const importedQuestions = sqliteTable(
  'imported_questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    courseSlug: text('course_slug').notNull(),
    /** Stable id, unique per institution (e.g. "SH01-BCM-101-0001"). */
    questionId: text('question_id').notNull(),
    type: text('type', { enum: ['single', 'multiple', 'truefalse', 'case', 'written'] }).notNull(),
    /** The question in the same shape as a questions.yaml entry. */
    data: text('data', { mode: 'json' }).notNull(),
    importedBy: integer('imported_by').references(() => users.id),
    importedAt: integer('imported_at').notNull(),
  },
  (t) => [
    uniqueIndex('imported_questions_qid_idx').on(t.institutionId, t.questionId),
    index('imported_questions_course_idx').on(t.institutionId, t.courseSlug),
  ],
);
