// Every PostgreSQL table, for drizzle-kit (drizzle.pg.config.ts) and the migrations it generates in
// migrations-pg/: each feature's schema.pg.ts, the twin of its schema.ts (decision 007). Code
// imports a feature's index, never this file.

export * from '../institutions/schema.pg.js';
export * from '../auth/schema.pg.js';
export * from '../hours/schema.pg.js';
export * from '../questions/schema.pg.js';
export * from '../exams/schema.pg.js';
export * from '../proof/schema.pg.js';
export * from '../lms/schema.pg.js';
export * from '../ops/schema.pg.js';
