import { localisedCourseTitle } from '../catalog/index.js';
// Small helpers shared by the exam routes: who may open an attempt, and what to call things.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { NOTEBOOK_KEY, resolveExamKey } from './attempts.js';
import { reachesTrainee } from './staff-scope.js';
import { attemptMeta, type AttemptMeta } from './store.js';

/**
 * The attempt named by `:id`, if the current user may see it: its own trainee, the admin of its
 * institution, or an instructor of the trainee's cohorts or of the cohort it was sat in
 * (staff-scope.ts). Everyone else gets 404, so attempt ids cannot be probed.
 */
export function attemptFor(c: Context<AppEnv>, opts: { ownerOnly?: boolean } = {}): AttemptMeta {
  const user = c.var.user;
  const id = Number(c.req.param('id'));
  if (!user || !Number.isSafeInteger(id)) throw new HTTPException(404);
  const meta = attemptMeta(c.var.deps.db, id);
  if (!meta) throw new HTTPException(404);
  const own = user.role === 'trainee' && meta.traineeId === user.id;
  const staff =
    !opts.ownerOnly &&
    (user.role === 'instructor' || user.role === 'admin') &&
    reachesTrainee(c.var.deps.db, user, { id: meta.traineeId, institutionId: meta.institutionId }, meta.cohortId);
  if (!own && !staff) throw new HTTPException(404);
  return meta;
}

export function courseTitle(c: Context<AppEnv>, slug: string): string {
  return localisedCourseTitle(c.var.deps.catalog, c.var.locale, slug);
}

export function examTitle(c: Context<AppEnv>, examKey: string): string {
  const t = c.var.t;
  if (examKey === NOTEBOOK_KEY) return t('exams.notebookPracticeTitle');
  const target = resolveExamKey(c.var.deps, examKey);
  if (!target) return examKey;
  if (target.kind === 'course') return t('exams.practiceOf', { course: courseTitle(c, target.course) });
  if (target.kind === 'notebook') return t('exams.notebookPracticeTitle');
  return c.var.locale === 'en' ? target.blueprint.title.en : target.blueprint.title.zh;
}

export type PendingSave = { q: string; a: string[]; f: boolean; s: number };

/** Unsaved answers the page sends along with "submit" (kept in the browser while offline). */
export function parsePending(raw: unknown): PendingSave[] {
  if (typeof raw !== 'string' || raw === '' || raw.length > 200_000) return [];
  try {
    const list: unknown = JSON.parse(raw);
    if (!Array.isArray(list)) return [];
    return list.slice(0, 1000).flatMap((e: unknown) => {
      const x = e as Partial<PendingSave> | null;
      if (!x || typeof x.q !== 'string' || !Array.isArray(x.a) || typeof x.s !== 'number') return [];
      return [{ q: x.q, a: x.a.filter((v): v is string => typeof v === 'string').slice(0, 6), f: x.f === true, s: x.s }];
    });
  } catch {
    return [];
  }
}
