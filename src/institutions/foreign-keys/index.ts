// The institutions tables other features' schema.ts name in their foreign keys (`() => users.id`),
// exported for those foreign keys only: no other feature queries them, it calls ../index.ts.
// A separate entry, not ../index.ts, so a schema (and drizzle-kit) loads the tables and nothing
// else: the full index reaches hours and exams, whose schemas import this.

export { cohorts, institutions, users } from '../schema.js';
