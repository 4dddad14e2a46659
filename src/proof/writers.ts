// The proof exports' table files are written by the product's one table writer, which guards
// every CSV against formula injection; this module keeps the proof code's imports where they were.
export { CONTENT_TYPES, writeTable, type Column, type Format, type Table } from '../platform/tables.js';
