import type { ViewContext } from '../../src/http/view-context.js';
import { QUESTION_TYPES, type Question, type TypeCounts } from '../../src/questions/index.js';
import { Layout } from '../layout.js';

export type CourseChoice = { slug: string; code: string; title: string };
/** A course's questions counted by type, and in all. */
export type CourseCounts = CourseChoice & { counts: TypeCounts; total: number };
export type ListedQuestion = { question: Question; importedAt?: number };

const excerpt = (s: string, max = 90) => ([...s].length > max ? `${[...s].slice(0, max).join('')}…` : s);

function plainAnswer(ctx: ViewContext, answer: string | boolean): string {
  return typeof answer === 'boolean' ? ctx.t(answer ? 'questions.answer.true' : 'questions.answer.false') : answer;
}

function answerText(ctx: ViewContext, q: Question): string {
  if (q.type === 'case') return q.parts.map((p, i) => `${i + 1}. ${plainAnswer(ctx, p.answer)}`).join('  ');
  if (q.type === 'written') return q.rubric.map((c) => c.criterion).join('、');
  return plainAnswer(ctx, q.answer);
}

/** Counts by type, one row per course (also used for an import preview's totals). */
export function CountsTable(props: { ctx: ViewContext; rows: CourseCounts[]; linkBase?: string }) {
  const { t, fmt } = props.ctx;
  return (
    <div class="table-wrap">
      <table class="question-counts" data-testid="question-counts">
        <thead>
          <tr>
            <th scope="col">{t('questions.col.course')}</th>
            {QUESTION_TYPES.map((k) => (
              <th scope="col" class="num">
                {t(`questions.type.${k}`)}
              </th>
            ))}
            <th scope="col" class="num">
              {t('questions.col.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr data-course={r.slug}>
              <th scope="row">
                {props.linkBase ? <a href={`${props.linkBase}${encodeURIComponent(r.slug)}`}>{`${r.code} ${r.title}`}</a> : `${r.code} ${r.title}`}
              </th>
              {QUESTION_TYPES.map((k) => (
                <td class="num" data-type={k}>
                  {fmt.number(r.counts[k])}
                </td>
              ))}
              <td class="num" data-type="total">
                {fmt.number(r.total)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function QuestionTable(props: { ctx: ViewContext; questions: ListedQuestion[] }) {
  const { t, fmt } = props.ctx;
  return (
    <div class="table-wrap">
      <table class="question-list" data-testid="question-list">
        <thead>
          <tr>
            <th scope="col">{t('questions.col.id')}</th>
            <th scope="col">{t('questions.col.type')}</th>
            <th scope="col">{t('questions.col.stem')}</th>
            <th scope="col">{t('questions.col.answer')}</th>
            <th scope="col" class="num">
              {t('questions.col.difficulty')}
            </th>
            <th scope="col">{t('questions.col.topic')}</th>
            {props.questions.some((q) => q.importedAt) && <th scope="col">{t('questions.col.importedAt')}</th>}
          </tr>
        </thead>
        <tbody>
          {props.questions.map(({ question: q, importedAt }) => (
            <tr data-question={q.id}>
              <td class="mono">
                {q.id}
                {q.title && <span class="question-title">{q.title}</span>}
              </td>
              <td>
                {t(`questions.type.${q.type}`)}
                {q.type === 'case' && <span class="badge">{t('questions.parts', { count: q.parts.length })}</span>}
              </td>
              <td class="question-stem">{excerpt(q.stem)}</td>
              <td class="mono">{answerText(props.ctx, q)}</td>
              <td class="num">{fmt.number(q.difficulty)}</td>
              <td>{q.topic}</td>
              {importedAt !== undefined && <td>{fmt.dateTime(importedAt)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `imported`: the courses this institution has imported questions into, with their counts. */
export function QuestionBankPage(props: {
  ctx: ViewContext;
  courses: CourseChoice[];
  imported: CourseCounts[];
  selected?: { course: CourseChoice; questions: ListedQuestion[] };
}) {
  const { ctx, imported } = props;
  const { t } = ctx;
  const sel = props.selected;
  return (
    <Layout ctx={ctx} title={t('questions.title')} wide>
      <h1>{t('questions.title')}</h1>
      <p class="muted">{t('questions.intro')}</p>
      <p class="question-actions">
        <a class="button" href={sel ? `/questions/import?course=${encodeURIComponent(sel.course.slug)}` : '/questions/import'}>
          {t('questions.importLink')}
        </a>
        <a href="/questions/template.xlsx" download>
          {t('questions.templateXlsx')}
        </a>
        <a href="/questions/template.csv" download>
          {t('questions.templateCsv')}
        </a>
      </p>
      <form method="get" action="/questions" class="question-filter">
        <label>
          {t('questions.filter.course')}
          <select name="course">
            <option value="">{t('questions.filter.all')}</option>
            {props.courses.map((c) => (
              <option value={c.slug} selected={sel?.course.slug === c.slug}>{`${c.code} ${c.title}`}</option>
            ))}
          </select>
        </label>
        <button type="submit" class="secondary">
          {t('questions.filter.submit')}
        </button>
      </form>
      {sel ? (
        <section aria-labelledby="course-questions-h">
          <h2 id="course-questions-h">{t('questions.courseHeading', { code: sel.course.code, title: sel.course.title, count: sel.questions.length })}</h2>
          {sel.questions.length ? <QuestionTable ctx={ctx} questions={sel.questions} /> : <p class="muted">{t('questions.none')}</p>}
        </section>
      ) : imported.length ? (
        <CountsTable ctx={ctx} rows={imported} linkBase="/questions?course=" />
      ) : (
        <p class="muted">{t('questions.noneAtAll')}</p>
      )}
    </Layout>
  );
}
