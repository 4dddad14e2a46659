// Starting, resuming and finalising attempts. The server's clock and the stored paper are the
// truth: a refresh, a second device or a restart finds the same attempt, paper and deadline.
import type { Deps } from '../env.js';
import type { ExamsRuntime } from './runtime.js';
import type { Blueprint } from './blueprint.js';
import { deadlineFor, isOverdue } from './clock.js';
import { extraMinutes } from './grants-store.js';
import { gradePaper } from './grading.js';
import { flushSaves } from './group-commit.js';
import { notebookEntries } from './notebook.js';
import { drawPaper, drawPractice, PoolTooSmall } from './paper.js';
import { rememberPaper } from './paper-cache.js';
import { poolFor } from './pool.js';
import { newSeed } from './prng.js';
import type { Exposure } from './selection.js';
import * as store from './store.js';
import type { LmsEvents } from '../lms/index.js';
import { traineeCohorts } from '../institutions/index.js';
import type { AttemptResult, Paper } from './types.js';

/** What the exam engine needs: the database, the catalogue, the config, the app's exams runtime and the LMS hooks. */
export type ExamDeps = Pick<Deps, 'db' | 'catalog' | 'config'> & { exams: ExamsRuntime; lms: LmsEvents };
export type Trainee = { id: number; institutionId: number | null };

export const NOTEBOOK_KEY = 'practice:notebook';
export const practiceKey = (course: string) => `practice:${course}`;

export type ExamTarget = { kind: 'blueprint'; blueprint: Blueprint } | { kind: 'course'; course: string } | { kind: 'notebook' };

/** What an exam key names: a blueprint, practice on one course, or practice from the 错题本. */
export function resolveExamKey(deps: ExamDeps, examKey: string): ExamTarget | undefined {
  if (examKey === NOTEBOOK_KEY) return { kind: 'notebook' };
  if (examKey.startsWith('practice:')) {
    const course = examKey.slice('practice:'.length);
    return deps.catalog.course(course) ? { kind: 'course', course } : undefined;
  }
  const blueprint = deps.exams.blueprints.byId.get(examKey);
  return blueprint ? { kind: 'blueprint', blueprint } : undefined;
}

export type StartOutcome =
  | { kind: 'ok'; attemptId: number; resumed: boolean }
  | { kind: 'notFound' }
  | { kind: 'notAllowed' }
  | { kind: 'empty' }
  | { kind: 'unavailable'; problem: PoolTooSmall };

/** A scheduled sitting's terms for a start (sittings/sittings.ts has checked the window and who may sit). */
export type SittingStart = { id: number; cohortId: number; timeLimitMinutes: number; closesAt: number };

/**
 * Starts an attempt, or resumes the trainee's open one (a double click or a second tab lands on
 * the same attempt). An open attempt past its deadline is finalised first and a new one begins.
 * In a sitting, the attempt is sat in the sitting's cohort with its time limit, and its deadline
 * is never later than the window's close.
 */
export function startAttempt(deps: ExamDeps, trainee: Trainee, examKey: string, now = Date.now(), sitting?: SittingStart): StartOutcome {
  const { db, catalog } = deps;
  const target = resolveExamKey(deps, examKey);
  if (!target || trainee.institutionId === null) return { kind: 'notFound' };
  const open = store.findOpenAttempt(db, trainee.id, examKey);
  if (open && !isOverdue(now, open.deadlineAt)) return { kind: 'ok', attemptId: open.id, resumed: true };
  if (open) finaliseAttempt(deps, open.id, 'deadline', now);

  const cohorts = traineeCohorts(db, trainee.id).filter((c) => c.institutionId === trainee.institutionId);
  const cohort = sitting
    ? cohorts.find((c) => c.id === sitting.cohortId)
    : target.kind === 'blueprint'
      ? cohorts.find((c) => c.level === target.blueprint.level)
      : target.kind === 'course'
        ? cohorts.find((c) => catalog.level(c.level)?.courses.includes(target.course))
        : cohorts[0];
  if (!cohort && target.kind !== 'notebook') return { kind: 'notAllowed' };

  const pool = poolFor(deps, trainee.institutionId);
  const seed = newSeed();
  let paper: Paper;
  let deadlineAt: number | null = null;
  if (target.kind === 'blueprint') {
    try {
      paper = drawPaper(target.blueprint, pool, seed, earlierExposure(store.earlierPaperKeys(db, trainee.id, examKey)));
    } catch (err) {
      if (err instanceof PoolTooSmall) return { kind: 'unavailable', problem: err };
      throw err;
    }
    deadlineAt = deadlineFor(now, sitting?.timeLimitMinutes ?? target.blueprint.timeLimitMinutes, extraMinutes(db, trainee.id, examKey));
    if (sitting) deadlineAt = Math.min(deadlineAt, sitting.closesAt);
  } else {
    const candidates =
      target.kind === 'course'
        ? pool.course(target.course)
        : notebookEntries(db, trainee.id)
            .flatMap((e) => pool.byKey.get(e.key) ?? [])
            .filter((pq) => pq.question.type !== 'written');
    if (candidates.length === 0) return { kind: 'empty' };
    paper = drawPractice(candidates, seed);
  }

  // Check again inside a write transaction: of two simultaneous starts only one inserts.
  return store.immediate(db, () => {
    const again = store.findOpenAttempt(db, trainee.id, examKey);
    if (again) return { kind: 'ok', attemptId: again.id, resumed: true } as const;
    const attemptId = store.insertAttempt(db, {
      traineeId: trainee.id,
      institutionId: trainee.institutionId!,
      cohortId: cohort?.id ?? null,
      examKey,
      mode: target.kind === 'blueprint' ? 'exam' : 'practice',
      seed,
      paper,
      startedAt: now,
      deadlineAt,
      status: 'open',
      sittingId: sitting?.id ?? null,
    });
    deps.lms.onExamStarted(db, attemptId, now); // LMS hook: xAPI 'attempted', queued in this transaction
    rememberPaper(deps, attemptId, paper);
    return { kind: 'ok', attemptId, resumed: false } as const;
  });
}

/** Each question's latest sighting among earlier papers (oldest first): key → that paper's ordinal. */
export function earlierExposure(papers: readonly (readonly string[])[]): Exposure {
  const seen = new Map<string, number>();
  papers.forEach((keys, ordinal) => {
    for (const key of keys) seen.set(key, ordinal);
  });
  return seen;
}

/**
 * Grades and closes an open attempt with the answers stored so far. Returns undefined if it was
 * already closed: the trainee, the deadline and the sweep may race, and only the first one counts.
 */
export function finaliseAttempt(deps: ExamDeps, attemptId: number, by: store.SubmittedBy, now = Date.now()): AttemptResult | undefined {
  const { db } = deps;
  flushSaves(deps);
  return store.immediate(db, () => {
    const meta = store.attemptMeta(db, attemptId);
    const paper = store.attemptPaper(db, attemptId);
    if (!meta || !paper || meta.status !== 'open') return undefined;
    const answers = new Map(store.answersOf(db, attemptId).map((a) => [a.questionKey, a.answer]));
    const pool = poolFor(deps, meta.institutionId);
    const result = gradePaper(paper, (key) => pool.byKey.get(key)?.question, answers);
    // Written answers awaiting marking: no score and no pass/fail yet, so no LTI grade or xAPI passed/failed.
    const final = !result.awaiting;
    const closed = store.closeAttempt(db, attemptId, {
      submittedAt: now,
      submittedBy: by,
      score: final ? result.score : null,
      maxScore: result.max,
      passed: final ? result.passed : null,
      result,
    });
    if (closed) deps.lms.onExamSubmitted(db, attemptId, now); // LMS hook: xAPI + AGS score, queued in this transaction
    return closed ? result : undefined;
  });
}

/** An open attempt whose time is up is finalised on access; returns its (possibly new) status. */
export function settleIfOverdue(deps: ExamDeps, meta: store.AttemptMeta, now = Date.now()): 'open' | 'submitted' {
  if (meta.status !== 'open') return meta.status;
  if (!isOverdue(now, meta.deadlineAt)) return 'open';
  finaliseAttempt(deps, meta.id, 'deadline', now);
  return 'submitted';
}
