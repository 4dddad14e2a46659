import type { Db } from '../../db/client.js';
import type { LmsRuntime } from '../settings.js';
import type { XapiSettings } from '../settings.js';
import * as queue from '../queue-store.js';
import type { Statement } from './statements.js';

// Sending queued statements to the LRS. Delivery is at-least-once from our side and exactly-once
// at the LRS: every statement carries its UUID from the moment it is queued, so when a send
// succeeded but we crashed before marking it, the resend is recognised by id (409 or 204 from
// an LRS that already has it) and marked sent. Nothing is ever dropped: a statement stays queued,
// with growing backoff, until the LRS takes it.

export const XAPI_VERSION = '1.0.3';
export const BATCH_SIZE = 50;
const TIMEOUT_MS = 15_000;

/** 10 s, 20 s, 40 s … capped at one hour, with ±20 % jitter so a fleet does not retry in step. */
export function backoffMs(tries: number, rand = Math.random()): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, tries - 1), 60 * 60_000);
  return Math.round(base * (0.8 + 0.4 * rand));
}

/** Queues statements (one insert each) when an LRS is configured; a no-op otherwise. */
/** Queues statements to send from `notBefore` on (default: now). */
export function enqueueStatements(rt: LmsRuntime, db: Db, statements: Statement[], now: number, notBefore = now): void {
  if (!rt.settings.xapi) return;
  for (const s of statements) queue.enqueueStatement(db, s.id, s, now, notBefore);
}

function headers(x: XapiSettings): Record<string, string> {
  const h: Record<string, string> = { 'X-Experience-API-Version': XAPI_VERSION, 'Content-Type': 'application/json' };
  if (x.username !== null) h.Authorization = `Basic ${Buffer.from(`${x.username}:${x.password ?? ''}`).toString('base64')}`;
  return h;
}

const describe = (err: unknown) => (err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err));

async function send(x: XapiSettings, init: { method: 'POST' | 'PUT'; query?: string; body: unknown }): Promise<Response> {
  const url = new URL('statements', x.endpoint);
  if (init.query) url.search = init.query;
  return fetch(url, { method: init.method, headers: headers(x), body: JSON.stringify(init.body), signal: AbortSignal.timeout(TIMEOUT_MS) });
}

/** The LRS has the statement: stored now (200/204) or already (409: that id exists). */
const accepted = (status: number) => status === 200 || status === 204 || status === 409;

export type SendReport = { sent: number; retried: number };

/**
 * One batch of due statements. A refused batch (409 because one id is already stored, or 400
 * because one statement is bad) is retried one statement at a time with PUT ?statementId=, so a
 * single statement cannot hold back the others.
 */
export async function sendDueStatements(rt: LmsRuntime, db: Db, now = Date.now()): Promise<SendReport> {
  const x = rt.settings.xapi;
  if (!x) return { sent: 0, retried: 0 };
  const rows = queue.dueStatements(db, now, BATCH_SIZE);
  if (!rows.length) return { sent: 0, retried: 0 };
  const retryAt = (tries: number) => now + backoffMs(tries);
  const ids = rows.map((r) => r.id);
  let res: Response;
  try {
    res = await send(x, { method: 'POST', body: rows.map((r) => r.statement) });
  } catch (err) {
    queue.markStatementRetry(db, ids, { nextTryAt: retryAt, error: `LRS unreachable: ${describe(err)}` });
    return { sent: 0, retried: ids.length };
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status === 200 || res.status === 204 || (res.status === 409 && rows.length === 1)) {
    queue.markStatementsSent(db, ids, Date.now());
    return { sent: ids.length, retried: 0 };
  }
  // Anything but "one of these is a duplicate / is bad" (server trouble, throttling, credentials):
  // the whole batch waits and tries again.
  if (res.status !== 400 && res.status !== 409) {
    queue.markStatementRetry(db, ids, { nextTryAt: retryAt, error: `LRS answered HTTP ${res.status}` });
    return { sent: 0, retried: ids.length };
  }
  let sent = 0;
  for (const row of rows) {
    try {
      const one = await send(x, { method: 'PUT', query: `statementId=${encodeURIComponent(row.id)}`, body: row.statement });
      await one.body?.cancel().catch(() => undefined);
      if (accepted(one.status)) {
        queue.markStatementsSent(db, [row.id], Date.now());
        sent++;
      } else {
        queue.markStatementRetry(db, [row.id], { nextTryAt: retryAt, error: `LRS answered HTTP ${one.status}` });
      }
    } catch (err) {
      queue.markStatementRetry(db, [row.id], { nextTryAt: retryAt, error: `LRS unreachable: ${describe(err)}` });
    }
  }
  return { sent, retried: rows.length - sent };
}

/** Sends until nothing is due (tests and shutdown); stops at the first batch that sends nothing. */
export async function drainStatements(rt: LmsRuntime, db: Db, now = Date.now()): Promise<SendReport> {
  const total = { sent: 0, retried: 0 };
  for (;;) {
    const r = await sendDueStatements(rt, db, now);
    total.sent += r.sent;
    total.retried += r.retried;
    if (r.sent === 0) return total;
  }
}
