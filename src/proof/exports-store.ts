import Database from 'better-sqlite3';
import type { Db } from '../db/client.js';

// The queries behind streamed exports. They run on a connection of their own, opened read-only
// for one export: better-sqlite3 marks a connection busy while an iterator is open, so iterating
// on the app's shared connection across a slow download would make every other request's
// writes fail. A separate reader in WAL mode also sees one consistent snapshot for the whole
// file (inside BEGIN … COMMIT), however long the download takes.

/** A read-only connection and the iterators open on it (they must end before it can close). */
export type Reader = { db: Database.Database; iterators: Set<IterableIterator<unknown>> };

export function openReader(db: Db): Reader {
  if (db.$client.memory) throw new Error('streamed exports read the database file; an in-memory database has none');
  const conn = new Database(db.$client.name, { readonly: true, fileMustExist: true });
  conn.pragma('busy_timeout = 5000');
  // Deferred: the snapshot is taken by the first read and held until closeReader.
  conn.exec('BEGIN');
  return { db: conn, iterators: new Set() };
}

/**
 * Ends any open iterator, then the transaction and the connection. Called when a download ends,
 * fails or is abandoned mid-way — from stream events, where a throw would take the process down,
 * and better-sqlite3 refuses to close a connection with an open iterator. Safe to call twice.
 */
export function closeReader(reader: Reader): void {
  for (const it of reader.iterators) it.return?.();
  reader.iterators.clear();
  if (!reader.db.open) return;
  try {
    if (reader.db.inTransaction) reader.db.exec('COMMIT');
  } finally {
    reader.db.close();
  }
}

function tracked<T>(reader: Reader, it: IterableIterator<T>): IterableIterator<T> {
  reader.iterators.add(it);
  return it;
}

/** When a row counts (see hours/store.ts effectiveAt): a class session's rows from its end. */
const EFFECTIVE_AT = `max(h.recorded_at, coalesce((select s2.ends_at from class_sessions s2 where s2.id = h.session_id), 0))`;

export type SessionColumn = { id: number; startsAt: number; mode: 'faceToFace' | 'remote'; title: string; courseSlug: string };

/** The cohort's class sessions starting in [fromMs, toMs), in time order. */
export function sessionsInRange(reader: Reader, cohortId: number, fromMs: number, toMs: number): SessionColumn[] {
  return reader.db
    .prepare(
      `select id, starts_at as startsAt, mode, title, course_slug as courseSlug from class_sessions
       where cohort_id = @cohortId and starts_at >= @fromMs and starts_at < @toMs order by starts_at, id`,
    )
    .all({ cohortId, fromMs, toMs }) as SessionColumn[];
}

export type TraineeCols = { traineeId: number; name: string; nationalId: string | null; employeeNo: string | null };
export type AttendanceCell = TraineeCols & { sessionId: number | null; status: string | null; minutes: number };

/**
 * One row per (trainee, session with any record), trainees with no record once with a null
 * session; ordered by trainee name, id, then session id. A cell's status is the newest roster
 * mark recorded before `cutoffMs`; minutes are the ledger's credit for that session counting before
 * then and by `now` — nothing while the session is still running (remote attendance often has
 * credit and no roster mark).
 */
export function attendanceCells(reader: Reader, cohortId: number, fromMs: number, toMs: number, cutoffMs: number, now: number): IterableIterator<AttendanceCell> {
  return tracked(reader, reader.db
    .prepare(
      `with s as (select id from class_sessions where cohort_id = @cohortId and starts_at >= @fromMs and starts_at < @toMs),
       m as (select session_id, trainee_id, status,
               row_number() over (partition by session_id, trainee_id order by id desc) as rn
             from attendance_marks where session_id in (select id from s) and recorded_at < @cutoffMs),
       l as (select h.session_id, h.trainee_id, sum(h.minutes) as minutes from hour_entries h
             where h.session_id in (select id from s) and ${EFFECTIVE_AT} < @cutoffMs and ${EFFECTIVE_AT} <= @now
             group by h.session_id, h.trainee_id),
       k as (select session_id, trainee_id from m where rn = 1 union select session_id, trainee_id from l)
       select u.id as traineeId, u.name as name, p.national_id as nationalId, p.employee_no as employeeNo,
              k.session_id as sessionId, mm.status as status, coalesce(l.minutes, 0) as minutes
       from enrolments e
       join users u on u.id = e.user_id
       left join trainee_profiles p on p.user_id = u.id
       left join k on k.trainee_id = u.id
       left join m mm on mm.session_id = k.session_id and mm.trainee_id = k.trainee_id and mm.rn = 1
       left join l on l.session_id = k.session_id and l.trainee_id = k.trainee_id
       where e.cohort_id = @cohortId
       order by u.name, u.id, k.session_id`,
    )
    .iterate({ cohortId, fromMs, toMs, cutoffMs, now }) as IterableIterator<AttendanceCell>);
}

export type HoursRow = TraineeCols & { faceToFace: number; remote: number; selfStudy: number };

/**
 * Minutes by mode per trainee of the cohort, from ledger rows at the cohort's level that came to
 * count in [fromMs, toMs) and by `now` (corrections included, as the ledger sums them; a class
 * session's rows count from its end). Ordered by name, id.
 */
export function hoursRows(reader: Reader, cohortId: number, level: string, fromMs: number, toMs: number, now: number): IterableIterator<HoursRow> {
  return tracked(reader, reader.db
    .prepare(
      `select u.id as traineeId, u.name as name, p.national_id as nationalId, p.employee_no as employeeNo,
              coalesce(sum(case when h.mode = 'faceToFace' then h.minutes end), 0) as faceToFace,
              coalesce(sum(case when h.mode = 'remote' then h.minutes end), 0) as remote,
              coalesce(sum(case when h.mode = 'selfStudy' then h.minutes end), 0) as selfStudy
       from enrolments e
       join users u on u.id = e.user_id
       left join trainee_profiles p on p.user_id = u.id
       left join hour_entries h on h.trainee_id = u.id and h.level = @level
         and ${EFFECTIVE_AT} >= @fromMs and ${EFFECTIVE_AT} < @toMs and ${EFFECTIVE_AT} <= @now
       where e.cohort_id = @cohortId
       group by u.id
       order by u.name, u.id`,
    )
    .iterate({ cohortId, level, fromMs, toMs, now }) as IterableIterator<HoursRow>);
}
