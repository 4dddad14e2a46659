import { randomUUID } from 'node:crypto';

// xAPI 1.0.3 statements for what happens here. Pure functions: the hooks in events.ts gather the
// facts and queue what these return.
//
// Actor: by default an account on our site (homePage = PUBLIC_URL, name = our user id), so no
// personal data (PIPL) leaves for the LRS; XAPI_ACTOR=mbox sends the e-mail address instead.
// Verbs are ADL's; activity ids are our page URLs; our own extensions are IRIs under PUBLIC_URL.

const ADL = 'http://adlnet.gov/expapi/verbs/';
const verb = (id: string, en: string, zh: string) => ({ id: `${ADL}${id}`, display: { 'en-US': en, 'zh-CN': zh } });
export const VERBS = {
  experienced: verb('experienced', 'experienced', '学习了'),
  completed: verb('completed', 'completed', '完成了'),
  attended: verb('attended', 'attended', '参加了'),
  attempted: verb('attempted', 'attempted', '开始了'),
  passed: verb('passed', 'passed', '通过了'),
  failed: verb('failed', 'failed', '未通过'),
} as const;

const ACTIVITY = 'http://adlnet.gov/expapi/activities/';
export const ACTIVITY_TYPES = {
  lesson: `${ACTIVITY}lesson`,
  course: `${ACTIVITY}course`,
  meeting: `${ACTIVITY}meeting`,
  assessment: `${ACTIVITY}assessment`,
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
export type Actor = { objectType: 'Agent'; account: { homePage: string; name: string } } | { objectType: 'Agent'; mbox: string };
export type Activity = { objectType: 'Activity'; id: string; definition: { type: string; name?: Record<string, string> } };
export type Result = {
  score?: { scaled: number; raw: number; min: number; max: number };
  success?: boolean;
  completion?: boolean;
  duration?: string;
};
export type Statement = {
  id: string;
  actor: Actor;
  verb: Verb;
  object: Activity;
  result?: Result;
  context: { platform: string; language?: string; contextActivities?: { parent?: Activity[] }; extensions?: Record<string, unknown> };
  timestamp: string;
};

/** ISO 8601 duration as xAPI wants it (PT45M, PT1H30M, PT12.5S), to the 0.01 s it keeps. */
export function isoDuration(ms: number): string {
  const cs = Math.round(Math.max(0, ms) / 10);
  const h = Math.floor(cs / 360_000);
  const m = Math.floor((cs % 360_000) / 6_000);
  const rest = cs % 6_000;
  let out = 'PT';
  if (h) out += `${h}H`;
  if (m) out += `${m}M`;
  if (rest || (!h && !m)) out += `${rest / 100}S`;
  return out;
}

export type Who = { id: number; email: string };

export type Ctx = { publicUrl: URL; actor: 'account' | 'mbox'; now: number };

export function actorOf(ctx: Ctx, who: Who): Actor {
  // A placeholder address (LMS users who shared none) is not a mailbox: use the account then too.
  if (ctx.actor === 'mbox' && !who.email.endsWith('.invalid')) return { objectType: 'Agent', mbox: `mailto:${who.email}` };
  return { objectType: 'Agent', account: { homePage: ctx.publicUrl.href, name: String(who.id) } };
}

const iri = (ctx: Ctx, path: string) => new URL(path, ctx.publicUrl).href;
export const extension = (ctx: Ctx, name: string) => iri(ctx, `/xapi/extensions/${name}`);
/** A name in both languages, or one text for both (lesson titles are written once). */
export type Title = string | { zh: string; en: string };
const named = (title: Title | undefined) =>
  title === undefined ? {} : { name: typeof title === 'string' ? { 'zh-CN': title, 'en-US': title } : { 'zh-CN': title.zh, 'en-US': title.en } };

function activity(ctx: Ctx, path: string, type: string, title?: Title): Activity {
  return { objectType: 'Activity', id: iri(ctx, path), definition: { type, ...named(title) } };
}

function statement(ctx: Ctx, who: Who, v: Verb, object: Activity, extra: Partial<Statement> = {}): Statement {
  return {
    id: extra.id ?? randomUUID(),
    actor: actorOf(ctx, who),
    verb: v,
    object,
    ...extra,
    context: { platform: 'BCM Academy', language: 'zh-CN', ...extra.context },
    timestamp: new Date(ctx.now).toISOString(),
  };
}

export type LessonFacts = { courseSlug: string; lessonSlug: string; lessonTitle?: Title; courseTitle?: Title; activeMs: number };

/** A lesson read to completion: experienced (time spent) and completed. */
export function lessonStatements(ctx: Ctx, who: Who, l: LessonFacts): Statement[] {
  const course = encodeURIComponent(l.courseSlug);
  const lesson = activity(ctx, `/courses/${course}/${encodeURIComponent(l.lessonSlug)}`, ACTIVITY_TYPES.lesson, l.lessonTitle);
  const context = { platform: 'BCM Academy', contextActivities: { parent: [activity(ctx, `/courses/${course}`, ACTIVITY_TYPES.course, l.courseTitle)] } };
  const duration = isoDuration(l.activeMs);
  return [
    statement(ctx, who, VERBS.experienced, lesson, { result: { duration }, context }),
    statement(ctx, who, VERBS.completed, lesson, { result: { completion: true, duration }, context }),
  ];
}

export type ClassFacts = { sessionId: number; title: string; mode: 'faceToFace' | 'remote'; courseSlug: string; minutes: number };

export function sessionStatement(ctx: Ctx, who: Who, s: ClassFacts, id?: string): Statement {
  return statement(ctx, who, VERBS.attended, activity(ctx, `/sessions/${s.sessionId}`, ACTIVITY_TYPES.meeting, s.title), {
    ...(id ? { id } : {}),
    result: { completion: true, duration: isoDuration(s.minutes * 60_000) },
    context: {
      platform: 'BCM Academy',
      contextActivities: { parent: [activity(ctx, `/courses/${encodeURIComponent(s.courseSlug)}`, ACTIVITY_TYPES.course)] },
      extensions: { [extension(ctx, 'mode')]: s.mode, [extension(ctx, 'minutes')]: s.minutes },
    },
  });
}

export type ExamFacts = {
  attemptId: number;
  examKey: string;
  title?: Title;
  mode: 'exam' | 'practice';
  startedAt: number;
  submittedAt?: number | null;
  score?: number | null;
  maxScore?: number | null;
  passed?: boolean | null;
};

function examActivity(ctx: Ctx, e: ExamFacts): Activity {
  return activity(ctx, `/exams/${encodeURIComponent(e.examKey)}`, ACTIVITY_TYPES.assessment, e.title);
}

const examContext = (ctx: Ctx, e: ExamFacts) => ({
  platform: 'BCM Academy',
  extensions: { [extension(ctx, 'attempt')]: e.attemptId, [extension(ctx, 'exam-mode')]: e.mode },
});

export function examStartedStatement(ctx: Ctx, who: Who, e: ExamFacts): Statement {
  return statement(ctx, who, VERBS.attempted, examActivity(ctx, e), { context: examContext(ctx, e) });
}

/** A submitted attempt: completed with its score, plus passed or failed when the exam decides it. */
export function examSubmittedStatements(ctx: Ctx, who: Who, e: ExamFacts): Statement[] {
  const result: Result = { completion: true };
  if (e.submittedAt) result.duration = isoDuration(e.submittedAt - e.startedAt);
  if (e.score != null && e.maxScore != null && e.maxScore > 0) {
    result.score = { scaled: Math.round((e.score / e.maxScore) * 10_000) / 10_000, raw: e.score, min: 0, max: e.maxScore };
  }
  if (e.passed != null) result.success = e.passed;
  const object = examActivity(ctx, e);
  const out = [statement(ctx, who, VERBS.completed, object, { result, context: examContext(ctx, e) })];
  if (e.passed != null) out.push(statement(ctx, who, e.passed ? VERBS.passed : VERBS.failed, object, { result, context: examContext(ctx, e) }));
  return out;
}

/** An attempt marked after submission (written answers): passed or failed, with the final score. */
export function examMarkedStatements(ctx: Ctx, who: Who, e: ExamFacts): Statement[] {
  if (e.passed == null) return [];
  const result: Result = { completion: true, success: e.passed };
  if (e.score != null && e.maxScore != null && e.maxScore > 0) {
    result.score = { scaled: Math.round((e.score / e.maxScore) * 10_000) / 10_000, raw: e.score, min: 0, max: e.maxScore };
  }
  return [statement(ctx, who, e.passed ? VERBS.passed : VERBS.failed, examActivity(ctx, e), { result, context: examContext(ctx, e) })];
}
