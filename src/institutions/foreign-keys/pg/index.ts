// The PostgreSQL twin of ../index.ts: the institutions tables other features' schema.pg.ts name in
// their foreign keys, for those foreign keys only.

export { cohorts, institutions, users } from '../../schema.pg.js';
