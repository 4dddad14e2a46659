import Database from 'better-sqlite3';
import { dbOver, type Db } from './client.js';

// A read-only connection of its own, for one streamed download: better-sqlite3 marks a connection
// busy while a statement runs, so a slow download read on the app's shared connection would make
// every other request's writes wait or fail. A separate reader in WAL mode also sees one consistent
// snapshot for the whole file (inside BEGIN … COMMIT), however long the download takes. It is a
// Db like any other, so features' own queries run on it unchanged.

export type Reader = { db: Db; close: () => void };

export function openReader(db: Db): Reader {
  if (db.$client.memory) throw new Error('streamed exports read the database file; an in-memory database has none');
  const conn = new Database(db.$client.name, { readonly: true, fileMustExist: true });
  conn.pragma('busy_timeout = 5000');
  // Deferred: the snapshot is taken by the first read and held until close.
  conn.exec('BEGIN');
  const reader = dbOver(conn);
  /**
   * Ends the transaction and the connection. Called when a download ends, fails or is abandoned
   * mid-way — from stream events, where a throw would take the process down. Safe to call twice.
   */
  const close = () => {
    if (!conn.open) return;
    try {
      if (conn.inTransaction) conn.exec('COMMIT');
    } finally {
      conn.close();
    }
  };
  return { db: reader, close };
}
