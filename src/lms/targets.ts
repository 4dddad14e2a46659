import { lessonSummary, type Catalog } from '../catalog/index.js';
import type { Locale } from '../i18n/index.js';
import type { Blueprints } from '../exams/index.js';

// What an LMS placement opens here, how it is written in a deep-linking custom parameter
// ("lesson:bcm-intro/01-role-and-duties"), and the page it lands on.

export type Target =
  | { kind: 'level'; level: string }
  | { kind: 'course'; course: string }
  | { kind: 'lesson'; course: string; lesson: string }
  | { kind: 'exam'; examKey: string };

/** The custom parameter a deep-linked placement carries, so the link survives any URL change. */
export const TARGET_PARAM = 'bcm_target';

/**
 * Where a mock exam is started. The exams feature starts attempts with a POST from its home page,
 * so a launch lands there; the query names the exam (examKey = the blueprint id, as stored in
 * exam_attempts.exam_key) so each placement has its own URL. The one place that knows this address.
 */
export const examPath = (examKey: string) => `/exams?exam=${encodeURIComponent(examKey)}`;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function targetParam(t: Target): string {
  switch (t.kind) {
    case 'level':
      return `level:${t.level}`;
    case 'course':
      return `course:${t.course}`;
    case 'lesson':
      return `lesson:${t.course}/${t.lesson}`;
    case 'exam':
      return `exam:${t.examKey}`;
  }
}

export function parseTargetParam(value: unknown): Target | undefined {
  if (typeof value !== 'string') return undefined;
  const [kind, rest = ''] = value.split(/:(.*)/s);
  const parts = rest.split('/');
  if (!parts.every((p) => SLUG.test(p))) return undefined;
  if (kind === 'level' && parts.length === 1) return { kind, level: parts[0] };
  if (kind === 'course' && parts.length === 1) return { kind, course: parts[0] };
  if (kind === 'lesson' && parts.length === 2) return { kind, course: parts[0], lesson: parts[1] };
  if (kind === 'exam' && parts.length === 1) return { kind, examKey: parts[0] };
  return undefined;
}

/** A target_link_uri on our own origin that names one of our pages; anything else is ignored. */
export function targetFromUrl(uri: unknown, publicUrl: URL): Target | undefined {
  if (typeof uri !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.origin !== publicUrl.origin) return undefined;
  const seg = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (seg[0] === 'levels' && seg.length === 2) return parseTargetParam(`level:${seg[1]}`);
  if (seg[0] === 'courses' && seg.length === 2) return parseTargetParam(`course:${seg[1]}`);
  if (seg[0] === 'courses' && seg.length === 3) return parseTargetParam(`lesson:${seg[1]}/${seg[2]}`);
  if (seg[0] === 'exams' && seg.length === 1 && url.searchParams.has('exam')) return parseTargetParam(`exam:${url.searchParams.get('exam')}`);
  return undefined;
}

export function targetPath(t: Target): string {
  switch (t.kind) {
    case 'level':
      return `/levels/${t.level}`;
    case 'course':
      return `/courses/${t.course}`;
    case 'lesson':
      return `/courses/${t.course}/${t.lesson}`;
    case 'exam':
      return examPath(t.examKey);
  }
}

/** `blueprints`: the mock exams (the exams runtime's, as `deps.lms.blueprints` holds them). */
export function targetExists(catalog: Catalog, blueprints: Blueprints, t: Target): boolean {
  switch (t.kind) {
    case 'level':
      return catalog.level(t.level) !== undefined;
    case 'course':
      return catalog.course(t.course) !== undefined;
    case 'lesson':
      return catalog.lesson(t.course, t.lesson) !== undefined;
    case 'exam':
      return blueprints.byId.has(t.examKey);
  }
}

const pick = (b: { zh: string; en: string }, locale: Locale) => (locale === 'en' ? b.en : b.zh);

/** A human title for a target (deep-linking items, grade lists); the slug if unknown. */
export function targetTitle(catalog: Catalog | null, blueprints: Blueprints, t: Target, locale: Locale): string {
  switch (t.kind) {
    case 'level': {
      const level = catalog?.level(t.level);
      return level ? pick(level.name, locale) : t.level;
    }
    case 'course': {
      const course = catalog?.course(t.course);
      return course ? `${course.code} ${pick(course.title, locale)}` : t.course;
    }
    case 'lesson': {
      const found = catalog?.lesson(t.course, t.lesson);
      return found ? lessonSummary(found.lesson).title : t.lesson;
    }
    case 'exam': {
      const bp = blueprints.byId.get(t.examKey);
      return bp ? pick(bp.title, locale) : t.examKey;
    }
  }
}
