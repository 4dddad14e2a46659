// Scheduled sittings (统一模拟考, issue 16): scheduling one, who may sit it, starting it inside its
// window, the integrity signals of its attempts, the live room and the results. The rules are in
// rules.ts, the SQL in store.ts; attempts themselves are started and finalised by ../attempts.ts.
import type { CurrentUser } from '../../env.js';
import { maskName, rosterContacts, writeAudit, type TraineeContact } from '../../institutions/index.js';
import { finaliseAttempt, startAttempt, type ExamDeps, type Trainee } from '../attempts.js';
import { isOverdue } from '../clock.js';
import { grantExtraTime } from '../grants.js';
import { paperOf } from '../paper-cache.js';
import { summariseTrainees, type TraineeSummary } from '../stats.js';
import * as attempts from '../store.js';
import {
  candidateNumber,
  connectionOf,
  integrityBreached,
  parseSittingForm,
  phaseOf,
  revealAt,
  reviewShown,
  SECOND_DEVICE_MS,
  startRefusal,
  type Connection,
  type FieldProblem,
  type SittingFormValues,
  type SittingPhase,
} from './rules.js';
import * as store from './store.js';

export type { SittingRow } from './store.js';
type CohortRef = { id: number; institutionId: number; level: string };

// --- scheduling ---------------------------------------------------------------------------------

/** The mock exams of the cohort's level: id → the blueprint's time limit (the form's default). */
export function cohortExams(deps: ExamDeps, cohort: CohortRef): Map<string, number> {
  return new Map(deps.exams.blueprints.list.filter((b) => b.level === cohort.level).map((b) => [b.id, b.timeLimitMinutes]));
}

export function scheduleSitting(
  deps: ExamDeps,
  by: CurrentUser,
  cohort: CohortRef,
  body: Record<string, unknown>,
  now = Date.now(),
): { ok: true; id: number } | { ok: false; problems: FieldProblem[]; values: SittingFormValues } {
  const roster = new Set(rosterContacts(deps.db, cohort.id, cohort.institutionId).map((r) => r.id));
  const parsed = parseSittingForm(body, { timeZone: deps.config.timeZone, exams: cohortExams(deps, cohort), roster });
  if (!parsed.ok) return parsed;
  const id = attempts.immediate(deps.db, () => {
    const id = store.insertSitting(deps.db, { ...parsed.terms, institutionId: cohort.institutionId, cohortId: cohort.id, createdBy: by.id, createdAt: now });
    writeAudit(
      deps.db,
      { actorId: by.id, institutionId: cohort.institutionId, action: 'exam.sitting.schedule', subject: `sitting:${id}`, detail: parsed.terms },
      now,
    );
    return id;
  });
  return { ok: true, id };
}

/** The sitting named in a cohort's URL: it must be that cohort's (else it is not found). */
export function cohortSitting(deps: ExamDeps, cohort: { id: number; institutionId: number }, id: number): store.SittingRow | undefined {
  const s = Number.isSafeInteger(id) ? store.findSitting(deps.db, id) : undefined;
  return s && s.cohortId === cohort.id && s.institutionId === cohort.institutionId ? s : undefined;
}

/** Who may sit it, roster order, each with a candidate number (their place among them, by id). */
export function candidatesOf(deps: ExamDeps, s: store.SittingRow): (TraineeContact & { number: string })[] {
  const roster = rosterContacts(deps.db, s.cohortId, s.institutionId);
  const chosen = s.candidates ? new Set(s.candidates) : null;
  const list = chosen ? roster.filter((r) => chosen.has(r.id)) : roster;
  const byId = [...list].sort((a, b) => a.id - b.id).map((r) => r.id);
  return list.map((r) => ({ ...r, number: candidateNumber(byId.indexOf(r.id) + 1) }));
}

// --- the trainee's side -------------------------------------------------------------------------

export type TraineeSitting = {
  id: number;
  examKey: string;
  opensAt: number;
  closesAt: number;
  latestStartAt: number;
  timeLimitMinutes: number;
  review: store.SittingRow['review'];
  maxDepartures: number | null;
  maxAwaySeconds: number | null;
  phase: SittingPhase;
  attempt?: { id: number; status: 'open' | 'submitted' };
};

const traineeView = (deps: ExamDeps, s: store.SittingRow, traineeId: number, now: number): TraineeSitting => {
  const a = store.traineeSittingAttempt(deps.db, s.id, traineeId);
  return {
    id: s.id,
    examKey: s.examKey,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    latestStartAt: s.latestStartAt,
    timeLimitMinutes: s.timeLimitMinutes,
    review: s.review,
    maxDepartures: s.maxDepartures,
    maxAwaySeconds: s.maxAwaySeconds,
    phase: phaseOf(s, now),
    attempt: a ? { id: a.id, status: a.status === 'open' && isOverdue(now, a.deadlineAt) ? 'submitted' : a.status } : undefined,
  };
};

const mayTake = (deps: ExamDeps, s: store.SittingRow, trainee: Trainee) =>
  trainee.institutionId === s.institutionId && candidatesOf(deps, s).some((c) => c.id === trainee.id);

/** The sittings a trainee may sit that have not closed (or closed in the last day): the exams home. */
export function traineeSittings(deps: ExamDeps, trainee: Trainee, cohortIds: readonly number[], now = Date.now()): TraineeSitting[] {
  return store
    .sittingsOfCohorts(deps.db, cohortIds, now - 24 * 3600_000)
    .filter((s) => mayTake(deps, s, trainee))
    .map((s) => traineeView(deps, s, trainee.id, now));
}

/** One sitting as its candidate sees it (the 考前须知), or undefined for anyone else. */
export function traineeSitting(deps: ExamDeps, trainee: Trainee, id: number, now = Date.now()): TraineeSitting | undefined {
  const s = Number.isSafeInteger(id) ? store.findSitting(deps.db, id) : undefined;
  if (!s || !mayTake(deps, s, trainee)) return undefined;
  return traineeView(deps, s, trainee.id, now);
}

export type SittingStartOutcome =
  | { kind: 'ok'; attemptId: number }
  | { kind: 'notFound' }
  | { kind: 'notYet' | 'late' | 'closed'; sitting: store.SittingRow }
  /** Already sat (one attempt per sitting). */
  | { kind: 'done'; attemptId: number }
  /** A self-scheduled attempt of the same exam is running: finish it first. */
  | { kind: 'busy'; attemptId: number }
  | { kind: 'failed' };

/** Starts (or resumes) the trainee's attempt in the sitting, only inside its window and before its latest start. */
export function startSitting(deps: ExamDeps, trainee: Trainee, id: number, now = Date.now()): SittingStartOutcome {
  const s = Number.isSafeInteger(id) ? store.findSitting(deps.db, id) : undefined;
  if (!s || !mayTake(deps, s, trainee)) return { kind: 'notFound' };
  const mine = store.traineeSittingAttempt(deps.db, s.id, trainee.id);
  if (mine && mine.status === 'open' && !isOverdue(now, mine.deadlineAt)) return { kind: 'ok', attemptId: mine.id };
  if (mine) return { kind: 'done', attemptId: mine.id };
  const refusal = startRefusal(s, now);
  if (refusal !== 'ok') return { kind: refusal, sitting: s };
  const open = attempts.findOpenAttempt(deps.db, trainee.id, s.examKey);
  if (open && !isOverdue(now, open.deadlineAt)) return { kind: 'busy', attemptId: open.id };
  const out = startAttempt(deps, trainee, s.examKey, now, { id: s.id, cohortId: s.cohortId, timeLimitMinutes: s.timeLimitMinutes, closesAt: s.closesAt });
  return out.kind === 'ok' ? { kind: 'ok', attemptId: out.attemptId } : { kind: 'failed' };
}

/** What the paper of a sitting carries: the watermark (masked name, candidate number). */
export function sittingPaper(deps: ExamDeps, meta: attempts.AttemptMeta): { watermark: string } | undefined {
  if (meta.sittingId === null) return undefined;
  const s = store.findSitting(deps.db, meta.sittingId);
  if (!s) return undefined;
  const me = candidatesOf(deps, s).find((c) => c.id === meta.traineeId);
  return { watermark: `${maskName(me?.name ?? '')} · ${me?.number ?? '---'}` };
}

/**
 * What the trainee may see of a finished attempt of a sitting: 'wait' until the window has closed
 * (and every attempt in it is over), then the sitting's policy. undefined: not a sitting's attempt.
 */
export function sittingReview(
  deps: ExamDeps,
  meta: attempts.AttemptMeta,
  now = Date.now(),
): { shown: 'wait' | 'none' | 'score' | 'full'; at: number } | undefined {
  if (meta.sittingId === null) return undefined;
  const s = store.findSitting(deps.db, meta.sittingId);
  if (!s) return undefined;
  const at = revealAt(s.closesAt, store.latestDeadline(deps.db, s.id));
  return { shown: reviewShown(s.review, now >= at), at };
}

/**
 * Of a trainee's attempts, those whose score their sitting still holds back at `now` (before the
 * review opens, or always when the sitting shows nothing): the history leaves their score out.
 */
export function scoreHeldIds(deps: ExamDeps, metas: readonly { id: number; sittingId: number | null }[], now = Date.now()): Set<number> {
  const sittings = store.sittingsById(
    deps.db,
    metas.flatMap((m) => (m.sittingId === null ? [] : [m.sittingId])),
  );
  const held = new Set<number>();
  for (const m of metas) {
    const s = m.sittingId === null ? undefined : sittings.get(m.sittingId);
    if (!s) continue;
    const shown = reviewShown(s.review, now >= revealAt(s.closesAt, store.latestDeadline(deps.db, s.id)));
    if (shown === 'wait' || shown === 'none') held.add(m.id);
  }
  return held;
}

// --- integrity signals --------------------------------------------------------------------------

export const SIGNAL_KINDS = ['beat', 'away', 'back', 'copy', 'paste', 'contextmenu'] as const;
export type SignalInput = { kind: (typeof SIGNAL_KINDS)[number]; token: string | null; detail: 'hidden' | 'blur' | null };
/** Signals stored per attempt at most (a page stuck in a loop cannot fill the disk). */
export const MAX_SIGNALS = 2000;
export const MAX_SIGNAL_BODY_BYTES = 1024;

export function parseSignal(body: URLSearchParams): SignalInput | null {
  const kind = body.get('kind') ?? '';
  if (!(SIGNAL_KINDS as readonly string[]).includes(kind)) return null;
  const token = body.get('token') ?? '';
  const detail = body.get('detail');
  return {
    kind: kind as SignalInput['kind'],
    token: /^[A-Za-z0-9-]{8,64}$/.test(token) ? token : null,
    detail: detail === 'hidden' || detail === 'blur' ? detail : null,
  };
}

/**
 * Records what the trainee's own exam page reported. Time away is measured by the server (from
 * the 'away' to the 'back' it received). A page token new to the attempt while another one is
 * still reporting is recorded as a second tab or device. Past the sitting's integrity limit the
 * attempt is submitted. `closed`: the attempt is over (the page should reload to its result).
 */
export function recordSignal(deps: ExamDeps, traineeId: number, attemptId: number, input: SignalInput, now = Date.now()): 'notFound' | { closed: boolean } {
  const { db } = deps;
  const meta = Number.isSafeInteger(attemptId) ? attempts.attemptMeta(db, attemptId) : undefined;
  if (!meta || meta.traineeId !== traineeId || meta.sittingId === null) return 'notFound';
  if (meta.status !== 'open') return { closed: true };
  if (isOverdue(now, meta.deadlineAt)) {
    finaliseAttempt(deps, meta.id, 'deadline', now);
    return { closed: true };
  }
  const s = store.findSitting(db, meta.sittingId);
  if (!s) return 'notFound';
  const breached = attempts.immediate(db, () => {
    if (store.signalsOf(db, [meta.id]).length >= MAX_SIGNALS) return false;
    const add = (kind: store.SignalKind, extra: { awayMs?: number; detail?: string | null } = {}) =>
      store.insertSignal(db, { attemptId: meta.id, kind, at: now, awayMs: extra.awayMs ?? null, detail: extra.detail ?? null });
    if (input.token) {
      const isNew = store.touchPresence(db, meta.id, input.token, now);
      if (isNew && store.otherActiveTokens(db, meta.id, input.token, now - SECOND_DEVICE_MS) > 0) add('second-device');
    }
    const last = store.lastAwayOrBack(db, meta.id);
    const away = last?.kind === 'away';
    if (input.kind === 'away' && !away) add('away', { detail: input.detail });
    else if (input.kind === 'back' && away) add('back', { awayMs: Math.max(0, now - last.at) });
    else if (input.kind === 'copy' || input.kind === 'paste' || input.kind === 'contextmenu') add(input.kind);
    const totals = store.departureTotals(db, meta.id);
    const ongoing = input.kind !== 'back' && away ? now - last.at : 0;
    return integrityBreached(s, totals.departures, totals.awayMs + ongoing);
  });
  if (breached) {
    finaliseAttempt(deps, meta.id, 'integrity', now);
    return { closed: true };
  }
  return { closed: false };
}

export type SignalCounts = { departures: number; awayMs: number; copyPaste: number; secondDevice: number };

function countSignals(signals: readonly store.SignalRow[]): SignalCounts {
  const c: SignalCounts = { departures: 0, awayMs: 0, copyPaste: 0, secondDevice: 0 };
  for (const s of signals) {
    if (s.kind === 'away') c.departures += 1;
    else if (s.kind === 'back') c.awayMs += s.awayMs ?? 0;
    else if (s.kind === 'second-device') c.secondDevice += 1;
    else c.copyPaste += 1;
  }
  return c;
}

// --- the live room (考场监控) -----------------------------------------------------------------------

export type LiveRow = {
  trainee: { id: number; name: string; number: string };
  state: 'notStarted' | 'started' | 'submitted';
  attemptId: number | null;
  submittedBy: string | null;
  answered: number;
  total: number;
  lastSaveAt: number | null;
  deadlineAt: number | null;
  connection: Connection;
  counts: SignalCounts;
  /** Newest first, the latest ten. */
  timeline: { kind: store.SignalKind; at: number; awayMs: number | null; detail: string | null }[];
};

export function liveRoom(deps: ExamDeps, s: store.SittingRow, now = Date.now()): { phase: SittingPhase; rows: LiveRow[] } {
  const { db } = deps;
  const list = store.sittingAttempts(db, s);
  const latest = new Map(list.map((a) => [a.traineeId, a]));
  const ids = list.map((a) => a.id);
  const progress = store.answerProgress(db, ids);
  const presence = store.lastPresence(db, ids);
  const signals = store.signalsOf(db, ids);
  const rows = candidatesOf(deps, s).map((c): LiveRow => {
    const a = latest.get(c.id);
    const mine = a ? signals.filter((x) => x.attemptId === a.id) : [];
    const p = a ? progress.get(a.id) : undefined;
    const open = a?.status === 'open' && !isOverdue(now, a.deadlineAt);
    const contact = Math.max(p?.lastSaveAt ?? 0, a ? (presence.get(a.id) ?? 0) : 0);
    return {
      trainee: { id: c.id, name: c.name, number: c.number },
      state: !a ? 'notStarted' : open ? 'started' : 'submitted',
      attemptId: a?.id ?? null,
      submittedBy: a && !open ? (a.submittedBy ?? 'deadline') : null,
      answered: p?.answered ?? 0,
      total: a ? (paperOf(deps, a.id)?.slots.size ?? 0) : 0,
      lastSaveAt: p?.lastSaveAt ?? null,
      deadlineAt: a?.deadlineAt ?? null,
      connection: open ? connectionOf(contact || null, now) : 'none',
      counts: countSignals(mine),
      timeline: mine
        .slice(-10)
        .reverse()
        .map(({ kind, at, awayMs, detail }) => ({ kind, at, awayMs, detail })),
    };
  });
  return { phase: phaseOf(s, now), rows };
}

/** The live room's "end for this trainee": that trainee's running attempt is finalised now. */
export function endForTrainee(deps: ExamDeps, by: CurrentUser, s: store.SittingRow, traineeId: number, now = Date.now()): boolean {
  const a = store.traineeSittingAttempt(deps.db, s.id, traineeId);
  if (!a || a.status !== 'open') return false;
  const done = finaliseAttempt(deps, a.id, 'staff', now) !== undefined;
  if (done)
    writeAudit(
      deps.db,
      { actorId: by.id, institutionId: s.institutionId, action: 'exam.sitting.end', subject: `attempt:${a.id}`, detail: { sittingId: s.id } },
      now,
    );
  return done;
}

/** Extra time from the live room: the usual grant (it extends the running attempt too). */
export function grantInSitting(deps: ExamDeps, by: CurrentUser, s: store.SittingRow, traineeId: number, minutes: number, now = Date.now()) {
  if (!candidatesOf(deps, s).some((c) => c.id === traineeId)) return 'notFound' as const;
  return grantExtraTime(deps.db, by, { traineeId, examKey: s.examKey, minutes, reason: null }, now);
}

// --- results ------------------------------------------------------------------------------------

export type SittingResultRow = {
  trainee: TraineeContact & { number: string };
  summary: TraineeSummary | undefined;
  attemptId: number | null;
  submittedBy: string | null;
  counts: SignalCounts;
};

export function sittingResults(deps: ExamDeps, s: store.SittingRow) {
  const list = store.sittingAttempts(deps.db, s);
  const summaries = summariseTrainees(list);
  const signals = store.signalsOf(
    deps.db,
    list.map((a) => a.id),
  );
  const rows: SittingResultRow[] = candidatesOf(deps, s).map((c) => {
    const mine = list.filter((a) => a.traineeId === c.id);
    const last = mine.at(-1);
    return {
      trainee: c,
      summary: summaries.get(c.id),
      attemptId: last?.id ?? null,
      submittedBy: last?.status === 'submitted' ? (last.submittedBy ?? null) : null,
      counts: countSignals(signals.filter((x) => mine.some((a) => a.id === x.attemptId))),
    };
  });
  return { rows, attempts: list };
}

/** A sitting as the staff pages list it. */
export type SittingListItem = { id: number; title: string; opensAt: number; closesAt: number; latestStartAt: number; phase: SittingPhase };

export function listItem(s: store.SittingRow, title: string, now = Date.now()): SittingListItem {
  return { id: s.id, title, opensAt: s.opensAt, closesAt: s.closesAt, latestStartAt: s.latestStartAt, phase: phaseOf(s, now) };
}
