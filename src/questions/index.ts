// The questions feature as other features and views see it (minimal for now: what the exam
// engine's question pool reads). Its table is in schema.ts and only its stores query it.
export { importedStamp, importedQuestionRows, type ImportedQuestionRow } from './pool-store.js';
