// The queries behind exam analytics, always scoped to one cohort of one institution. An attempt
// belongs to the cohort it was started in (exam_attempts.cohort_id, indexed with the exam key);
// the institution is checked as well so a stray row can never cross tenants.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rosterContacts, scopedPersonIds, traineeContacts } from '../institutions/index.js';
import { attemptAnswers, examAttempts, extraTimeGrants } from './schema.js';
import type { AttemptFacts } from './stats.js';
import type { AttemptResult } from './types.js';

export type CohortScope = { id: number; institutionId: number };

const inCohortExam = (cohort: CohortScope, examKey: string) =>
  and(
    eq(examAttempts.cohortId, cohort.id),
    eq(examAttempts.institutionId, cohort.institutionId),
    eq(examAttempts.examKey, examKey),
    eq(examAttempts.mode, 'exam'),
  );

/** Every exam attempt (open or submitted) at this exam in this cohort, oldest first. */
export function cohortExamAttempts(db: Db, cohort: CohortScope, examKey: string): AttemptFacts[] {
  return db
    .select({
      id: examAttempts.id,
      traineeId: examAttempts.traineeId,
      status: examAttempts.status,
      startedAt: examAttempts.startedAt,
      deadlineAt: examAttempts.deadlineAt,
      submittedAt: examAttempts.submittedAt,
      score: examAttempts.score,
      maxScore: examAttempts.maxScore,
      passed: examAttempts.passed,
    })
    .from(examAttempts)
    .where(inCohortExam(cohort, examKey))
    .orderBy(asc(examAttempts.startedAt), asc(examAttempts.id))
    .all();
}

/** The graded results of the given attempts (they must be this cohort's: checked again here). */
export function attemptResults(db: Db, cohort: CohortScope, examKey: string, ids: readonly number[]): Map<number, AttemptResult> {
  const out = new Map<number, AttemptResult>();
  if (ids.length === 0) return out;
  const rows = db
    .select({ id: examAttempts.id, result: examAttempts.result })
    .from(examAttempts)
    .where(and(inCohortExam(cohort, examKey), eq(examAttempts.status, 'submitted')))
    .all();
  const wanted = new Set(ids);
  for (const r of rows) if (wanted.has(r.id) && r.result) out.set(r.id, r.result as AttemptResult);
  return out;
}

/** Stored answers (original option letters) of the cohort's submitted attempts, per attempt. */
export function attemptAnswerMaps(db: Db, cohort: CohortScope, examKey: string, ids: readonly number[]): Map<number, Map<string, string>> {
  const out = new Map<number, Map<string, string>>(ids.map((id) => [id, new Map()]));
  if (ids.length === 0) return out;
  const rows = db
    .select({ attemptId: attemptAnswers.attemptId, key: attemptAnswers.questionKey, answer: attemptAnswers.answer })
    .from(attemptAnswers)
    .innerJoin(examAttempts, eq(examAttempts.id, attemptAnswers.attemptId))
    .where(and(inCohortExam(cohort, examKey), eq(examAttempts.status, 'submitted')))
    .all();
  for (const r of rows) out.get(r.attemptId)?.set(r.key, r.answer);
  return out;
}

export type TraineeRow = { id: number; name: string; email: string; employeeNo: string | null; enrolled: boolean };

/** The cohort's roster, plus anyone who sat this exam in the cohort but has left its roster since. */
export function cohortExamTrainees(db: Db, cohort: CohortScope, examKey: string): TraineeRow[] {
  const roster = rosterContacts(db, cohort.id, cohort.institutionId).map((r) => ({ ...r, enrolled: true }));
  const known = new Set(roster.map((r) => r.id));
  const sat = db
    .selectDistinct({ id: examAttempts.traineeId })
    .from(examAttempts)
    .where(inCohortExam(cohort, examKey))
    .all()
    .map((r) => r.id)
    .filter((id) => !known.has(id));
  if (sat.length === 0) return roster;
  const former = traineeContacts(db, sat, cohort.institutionId).map((r) => ({ ...r, enrolled: false }));
  return [...roster, ...former];
}

/** Extra minutes granted per trainee of the institution for this exam. */
export function extraMinutesByTrainee(db: Db, cohort: CohortScope, examKey: string): Map<number, number> {
  const rows = db
    .select({ traineeId: extraTimeGrants.traineeId, minutes: sql<number>`sum(${extraTimeGrants.extraMinutes})` })
    .from(extraTimeGrants)
    .where(and(eq(extraTimeGrants.examKey, examKey), inArray(extraTimeGrants.traineeId, scopedPersonIds(db, { institutionId: cohort.institutionId }))))
    .groupBy(extraTimeGrants.traineeId)
    .all();
  return new Map(rows.map((r) => [r.traineeId, r.minutes]));
}

export type ExamCounts = { trainees: number; submitted: number; passedTrainees: number; open: number };

/** Per exam key: how many trainees sat it, submitted attempts, trainees who passed, and running attempts. */
export function cohortExamCounts(db: Db, cohort: CohortScope): Map<string, ExamCounts> {
  const rows = db
    .select({
      examKey: examAttempts.examKey,
      trainees: sql<number>`count(distinct ${examAttempts.traineeId})`,
      submitted: sql<number>`sum(case when ${examAttempts.status} = 'submitted' then 1 else 0 end)`,
      passedTrainees: sql<number>`count(distinct case when ${examAttempts.passed} = 1 then ${examAttempts.traineeId} end)`,
      open: sql<number>`sum(case when ${examAttempts.status} = 'open' then 1 else 0 end)`,
    })
    .from(examAttempts)
    .where(and(eq(examAttempts.cohortId, cohort.id), eq(examAttempts.institutionId, cohort.institutionId), eq(examAttempts.mode, 'exam')))
    .groupBy(examAttempts.examKey)
    .all();
  return new Map(rows.map(({ examKey, ...counts }) => [examKey, counts]));
}
