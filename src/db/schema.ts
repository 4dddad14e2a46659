// Every table, for drizzle-kit (drizzle.config.ts) and the migrations it generates. Each feature owns
// its tables in src/<feature>/schema.ts; code imports a feature's index, never this file.

export * from '../institutions/schema.js';
export * from '../auth/schema.js';
export * from '../hours/schema.js';
export * from '../questions/schema.js';
export * from '../exams/schema.js';
export * from '../proof/schema.js';
export * from '../lms/schema.js';
export * from '../ops/schema.js';
