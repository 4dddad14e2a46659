// The PostgreSQL twin of ../index.ts: the exams table lms/schema.pg.ts names in a foreign key, for
// that foreign key only.

export { examAttempts } from '../../schema.pg.js';
