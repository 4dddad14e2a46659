// The exams table lms/schema.ts names in a foreign key (`() => examAttempts.id`), exported for that
// foreign key only: no other feature queries it, it calls ../index.ts. A separate entry, not
// ../index.ts, so a schema (and drizzle-kit) loads the tables and nothing else.

export { examAttempts } from '../schema.js';
