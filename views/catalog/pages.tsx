import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ViewContext } from '../../src/http/view-context.js';
import type { Course, CourseSummary, LessonFrontmatter, LessonOutline, LessonSummary, Level, LevelsOverview, LevelSyllabus } from '../../src/catalog/index.js';
import { Layout } from '../layout.js';
import { ScrollTable } from '../scroll-table.js';

const pick = (ctx: ViewContext, v: { zh: string; en: string }) => (ctx.locale === 'en' ? v.en : v.zh);

function Modes(props: { ctx: ViewContext; modes: string[] }) {
  return (
    <span class="modes">
      {props.modes.map((m) => (
        <span class={`mode mode-${m}`}>{props.ctx.t(`mode.${m}` as 'mode.remote')}</span>
      ))}
    </span>
  );
}

export function LevelsPage(props: { ctx: ViewContext; overview: LevelsOverview }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('catalog.levelsTitle')}>
      {levelsList(ctx, props.overview)}
    </Layout>
  );
}

// The overview is the same for every reader of a language: rendered once per translator and kept
// while the programme's levels and courses are the same objects (a dev reload replaces them).
const levelsLists = new WeakMap<ViewContext['t'], { locale: string; deps: unknown[]; html: HtmlEscapedString }>();

function levelsList(ctx: ViewContext, overview: LevelsOverview): HtmlEscapedString {
  const deps: unknown[] = [overview.coachingHours, ...overview.levels.flatMap((l) => [l.level, l.minimumHours, ...l.courses])];
  const cached = levelsLists.get(ctx.t);
  if (cached && cached.locale === ctx.locale && cached.deps.length === deps.length && cached.deps.every((d, i) => d === deps[i])) return cached.html;
  const html = raw(String(<LevelsList ctx={ctx} overview={overview} />));
  levelsLists.set(ctx.t, { locale: ctx.locale, deps, html });
  return html;
}

function LevelsList(props: { ctx: ViewContext; overview: LevelsOverview }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <>
      <h1>{t('catalog.levelsTitle')}</h1>
      <p>{t('catalog.levelsIntro', { coaching: props.overview.coachingHours })}</p>
      <ul class="cards levels">
        {props.overview.levels.map(({ level, courses, minimumHours }) => (
          <li class="card">
            <h2>
              <a href={`/levels/${level.id}`}>{pick(ctx, level.name)}</a>
            </h2>
            <p>
              <strong>{t('catalog.studyHours', { hours: level.studyHours })}</strong> · {t('catalog.coachingHours', { hours: level.examCoachingHours })}
            </p>
            <p class="muted">{t('catalog.days', { study: level.days.study, coaching: level.days.coaching })}</p>
            <p class="muted">{t('catalog.levelMinimum', { hours: minimumHours })}</p>
            <p class="muted">{t('catalog.courseCount', { count: courses.length })}</p>
            <ol class="compact">
              {courses.map((c) => (
                <li>
                  <a href={`/courses/${c.slug}`}>{pick(ctx, c.title)}</a>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </>
  );
}

function LessonTable(props: { ctx: ViewContext; courseSlug: string; lessons: LessonSummary[]; done: ReadonlySet<string> | null }) {
  const { t } = props.ctx;
  return (
    <ScrollTable label={t('catalog.syllabus')}>
      <table class="lessons">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('catalog.lesson')}</th>
            <th scope="col" class="num">
              {t('catalog.hours', { hours: '' }).trim()}
            </th>
            <th scope="col">{t('catalog.modes')}</th>
          </tr>
        </thead>
        <tbody>
          {props.lessons.map((l, i) => (
            <tr>
              <td>{i + 1}</td>
              <th scope="row">
                <a href={`/courses/${props.courseSlug}/${l.slug}`}>{l.title}</a>
                {l.status === 'outline' && <span class="badge">{t('catalog.status.outline')}</span>}
                {props.done?.has(`${props.courseSlug}/${l.slug}`) && (
                  <>
                    {' '}
                    <span class="done" data-testid="lesson-done">
                      <span aria-hidden="true">✓</span> {t('home.done')}
                    </span>
                  </>
                )}
              </th>
              <td class="num">{l.hours}</td>
              <td>
                <Modes ctx={props.ctx} modes={l.modes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function LevelPage(props: { ctx: ViewContext; syllabus: LevelSyllabus; creditFromName?: string; done?: ReadonlySet<string> | null }) {
  const { ctx, syllabus } = props;
  const { t } = ctx;
  const { level } = syllabus;
  return (
    <Layout ctx={ctx} title={pick(ctx, level.name)}>
      <p>
        <a href="/levels">← {t('catalog.levelsTitle')}</a>
      </p>
      <h1>{pick(ctx, level.name)}</h1>
      <p>
        <strong>{t('catalog.studyHours', { hours: level.studyHours })}</strong> · {t('catalog.coachingHours', { hours: level.examCoachingHours })} ·{' '}
        {t('catalog.days', { study: level.days.study, coaching: level.days.coaching })}
      </p>
      {syllabus.credit && (
        <p class="note" data-testid="credit">
          {t('catalog.credit', {
            hours: syllabus.credit.hours,
            courses: syllabus.credit.courses.map((c) => `《${pick(ctx, c.course.title)}》`).join(ctx.locale === 'en' ? ', ' : '、'),
          })}
        </p>
      )}
      <h2>{t('catalog.syllabus')}</h2>
      {syllabus.courses.map((c) => (
        <section class="course-block" aria-labelledby={`c-${c.course.slug}`}>
          <h3 id={`c-${c.course.slug}`}>
            <a href={`/courses/${c.course.slug}`}>{pick(ctx, c.course.title)}</a>{' '}
            <span class="muted">
              {c.course.code} · {t('catalog.hours', { hours: c.hours })}
            </span>
          </h3>
          <LessonTable ctx={ctx} courseSlug={c.course.slug} lessons={c.lessons} done={props.done ?? null} />
        </section>
      ))}
      <p class="total">
        <strong>
          {t('catalog.total')}
          {t('label.colon')}
          {t('catalog.hours', { hours: syllabus.hours })}
        </strong>
      </p>
      {syllabus.coaching && (
        <section class="course-block coaching" aria-labelledby="coaching-h" data-testid="coaching">
          <h2 id="coaching-h">{t('catalog.coaching')}</h2>
          <p class="note">{t('catalog.coachingNote', { hours: syllabus.coaching.hours })}</p>
          <h3 id={`c-${syllabus.coaching.course.slug}`}>
            <a href={`/courses/${syllabus.coaching.course.slug}`}>{pick(ctx, syllabus.coaching.course.title)}</a>{' '}
            <span class="muted">
              {syllabus.coaching.course.code} · {t('catalog.hours', { hours: syllabus.coaching.hours })}
            </span>
          </h3>
          <LessonTable ctx={ctx} courseSlug={syllabus.coaching.course.slug} lessons={syllabus.coaching.lessons} done={props.done ?? null} />
        </section>
      )}
    </Layout>
  );
}

export function CoursePage(props: { ctx: ViewContext; summary: CourseSummary; levels: Level[]; done?: ReadonlySet<string> | null }) {
  const { ctx } = props;
  const { t } = ctx;
  const { course } = props.summary;
  return (
    <Layout ctx={ctx} title={pick(ctx, course.title)}>
      <h1>{pick(ctx, course.title)}</h1>
      <p class="muted">
        {t('catalog.code')} {course.code} · {t('catalog.hours', { hours: props.summary.hours })} ·{' '}
        {t('catalog.lessonCount', { count: props.summary.lessons.length })}
      </p>
      <p>{pick(ctx, course.summary)}</p>
      <p class="muted">
        {t('catalog.includedIn')}:{' '}
        {props.levels.map((l, i) => (
          <>
            {i > 0 && ' · '}
            <a href={`/levels/${l.id}`}>{pick(ctx, l.name)}</a>
          </>
        ))}
      </p>
      <LessonTable ctx={ctx} courseSlug={course.slug} lessons={props.summary.lessons} done={props.done ?? null} />
    </Layout>
  );
}

type LessonLink = { slug: string; title: string } | undefined;

export function LessonPage(props: {
  ctx: ViewContext;
  course: Course;
  lessonSlug: string;
  frontmatter: LessonFrontmatter | undefined;
  /** The table of contents and the objectives to list above the body (none when the body has its own). */
  outline: LessonOutline;
  body: Child;
  prev: LessonLink;
  next: LessonLink;
  /** Extra content after the body (e.g. the self-study heartbeat), supplied by other features. */
  aside?: Child;
  /**
   * Names everything above besides ctx, body and aside (the compiled lesson's content hash, the
   * course title, the neighbours): the lesson's heading, outline and pager are then rendered once
   * per key and language and reused. Without it they are rendered on every request.
   */
  cacheKey?: string;
}) {
  const { ctx, course } = props;
  const title = props.frontmatter?.title ?? props.lessonSlug;
  const parts = props.cacheKey === undefined ? undefined : lessonParts(ctx, props.cacheKey, () => lessonPartsHtml(props));
  const { head, pager } = parts ?? lessonPartsHtml(props);
  return (
    <Layout ctx={ctx} title={title}>
      <article class="lesson" data-lesson-key={`${course.slug}/${props.lessonSlug}`}>
        {head}
        <div class="lesson-body">{props.body}</div>
        {props.aside}
        {pager}
      </article>
    </Layout>
  );
}

// The same for every reader of a language: per translator (one per language for the app's
// lifetime), per cache key. Bounded, since a dev server recompiles lessons under new hashes.
const lessonPartsCache = new WeakMap<ViewContext['t'], Map<string, { head: HtmlEscapedString; pager: HtmlEscapedString }>>();
const MAX_CACHED_LESSONS = 2000;

function lessonParts(ctx: ViewContext, key: string, render: () => { head: Child; pager: Child }) {
  let perT = lessonPartsCache.get(ctx.t);
  if (!perT) lessonPartsCache.set(ctx.t, (perT = new Map()));
  const fullKey = `${ctx.locale}\u0000${key}`;
  let parts = perT.get(fullKey);
  if (!parts) {
    if (perT.size >= MAX_CACHED_LESSONS) perT.clear();
    const { head, pager } = render();
    perT.set(fullKey, (parts = { head: raw(String(head)), pager: raw(String(pager)) }));
  }
  return parts;
}

function lessonPartsHtml(props: Parameters<typeof LessonPage>[0]): { head: Child; pager: Child } {
  const { ctx, course, frontmatter: fm } = props;
  const { t } = ctx;
  const title = fm?.title ?? props.lessonSlug;
  const base = `/courses/${course.slug}`;
  const head = (
    <>
      <p class="crumbs">
        <a href={base}>{pick(ctx, course.title)}</a>
      </p>
      <h1>{title}</h1>
      {fm && (
        <p class="muted">
          {t('catalog.hours', { hours: fm.hours })} · <Modes ctx={ctx} modes={[...fm.modes]} />
          {fm.status === 'outline' && <span class="badge">{t('catalog.status.outline')}</span>}
        </p>
      )}
      {props.outline.objectives.length > 0 && (
        <section class="objectives" aria-labelledby="objectives-h">
          <h2 id="objectives-h">{t('catalog.objectives')}</h2>
          <ul>
            {props.outline.objectives.map((o) => (
              <li>{o}</li>
            ))}
          </ul>
        </section>
      )}
      {props.outline.toc.length > 0 && (
        <nav class="toc" aria-labelledby="toc-h">
          <h2 id="toc-h">{t('catalog.toc')}</h2>
          <ol>
            {props.outline.toc.map((section) => (
              <li>
                {section.id !== undefined ? <a href={`#${section.id}`}>{section.text}</a> : null}
                {section.children.length > 0 && (
                  <ul>
                    {section.children.map((e) => (
                      <li>
                        <a href={`#${e.id}`}>{e.text}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
    </>
  );
  const pager = (
    <nav class="pager" aria-label={t('catalog.backToCourse')}>
      {props.prev ? (
        <a rel="prev" href={`${base}/${props.prev.slug}`}>
          ← {t('catalog.prev')}
          {t('label.colon')}
          {props.prev.title}
        </a>
      ) : (
        <span />
      )}
      <a href={base}>{t('catalog.backToCourse')}</a>
      {props.next ? (
        <a rel="next" href={`${base}/${props.next.slug}`}>
          {t('catalog.next')}
          {t('label.colon')}
          {props.next.title} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
  return { head, pager };
}
