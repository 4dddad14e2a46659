import { index, integer, json, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMs } from '../db/pg-columns.js';
import { institutions, users } from '../institutions/foreign-keys/pg/index.js';

// The PostgreSQL twin of ./schema.ts (decision 007): the same table, columns, constraints and
// `$inferSelect` type (test/db/schema-parity.test.ts). Change both together.

export const importedQuestions = pgTable(
  'imported_questions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    courseSlug: text('course_slug').notNull(),
    questionId: text('question_id').notNull(),
    type: text('type', { enum: ['single', 'multiple', 'truefalse', 'case', 'written'] }).notNull(),
    data: json('data').notNull(),
    importedBy: integer('imported_by').references(() => users.id),
    importedAt: epochMs('imported_at').notNull(),
  },
  (t) => [
    uniqueIndex('imported_questions_qid_idx').on(t.institutionId, t.questionId),
    index('imported_questions_course_idx').on(t.institutionId, t.courseSlug),
  ],
);
