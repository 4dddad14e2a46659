import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * A consistent copy of a live database through SQLite's online backup API: the server keeps
 * reading and writing while pages are copied, and the copy is a valid snapshot.
 */
export async function backupDatabase(source: string, target: string, progress?: (done: number, total: number) => void): Promise<{ pages: number; ms: number }> {
  if (!fs.existsSync(source)) throw new Error(`no database at ${source}`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const start = Date.now();
  try {
    const result = await db.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        progress?.(totalPages - remainingPages, totalPages);
        return 200; // pages per step: small steps let the server's writes interleave
      },
    });
    return { pages: result.totalPages, ms: Date.now() - start };
  } finally {
    db.close();
  }
}
