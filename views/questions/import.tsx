import type { ViewContext } from '../../src/http/view-context.js';
import type { TypeCounts } from '../../src/questions/index.js';
import { Layout } from '../layout.js';
import { CountsTable, QuestionTable, type CourseChoice, type ListedQuestion } from './list.js';

/** What an upload produced: every problem (nothing saved), or a preview of what would be saved. */
export type ImportOutcomeView =
  | { kind: 'errors'; messages: string[]; /** all the problems, when messages lists only the first ones */ count?: number }
  | {
      kind: 'preview';
      course: CourseChoice;
      counts: TypeCounts;
      total: number;
      questions: ListedQuestion[];
      more: number;
      warnings?: string[];
      warningCount?: number;
    };

/** The result panel; also the whole response to the form's htmx request, swapped in below it. */
export function ImportOutcome(props: { ctx: ViewContext; outcome?: ImportOutcomeView }) {
  const { t } = props.ctx;
  const o = props.outcome;
  if (!o) return null;
  if (o.kind === 'errors') {
    return (
      <div class="form-errors question-errors" role="alert" data-testid="import-errors">
        <p>{t('questions.import.failed', { count: o.count ?? o.messages.length })}</p>
        <ol>
          {o.messages.map((m) => (
            <li>{m}</li>
          ))}
        </ol>
      </div>
    );
  }
  return (
    <div class="question-preview" role="status" data-testid="import-preview">
      <p class="note">{t('questions.import.previewOk', { total: o.total })}</p>
      {o.warnings && o.warnings.length > 0 && (
        <div class="question-warnings" data-testid="import-warnings">
          <p>{t('questions.import.warnings', { count: o.warningCount ?? o.warnings.length })}</p>
          <ol>
            {o.warnings.map((m) => (
              <li>{m}</li>
            ))}
          </ol>
        </div>
      )}
      <CountsTable ctx={props.ctx} rows={[{ ...o.course, counts: o.counts, total: o.total }]} />
      <QuestionTable ctx={props.ctx} questions={o.questions} />
      {o.more > 0 && <p class="muted">{t('questions.import.moreRows', { count: o.more })}</p>}
    </div>
  );
}

export function ImportPage(props: { ctx: ViewContext; courses: CourseChoice[]; course?: string; outcome?: ImportOutcomeView }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('questions.import.title')} wide>
      <p>
        <a href="/questions">← {t('questions.import.back')}</a>
      </p>
      <h1>{t('questions.import.title')}</h1>
      <p>{t('questions.import.help')}</p>
      <p class="muted">{t('questions.import.formats')}</p>
      <p class="question-actions">
        <a href="/questions/template.xlsx" download>
          {t('questions.templateXlsx')}
        </a>
        <a href="/questions/template.csv" download>
          {t('questions.templateCsv')}
        </a>
      </p>
      {/* Without JavaScript the form posts normally and the whole page comes back; with htmx only
          the result panel is replaced, so the chosen file stays selected between preview and import. */}
      <form
        method="post"
        action="/questions/import"
        enctype="multipart/form-data"
        class="question-import"
        hx-post="/questions/import"
        hx-target="#import-outcome"
        hx-swap="innerHTML"
      >
        <label>
          {t('questions.import.course')}
          <select name="course" required>
            <option value="">{t('questions.import.chooseCourse')}</option>
            {props.courses.map((c) => (
              <option value={c.slug} selected={props.course === c.slug}>{`${c.code} ${c.title}`}</option>
            ))}
          </select>
        </label>
        <label>
          {t('questions.import.file')}
          <input
            type="file"
            name="file"
            accept=".csv,.xlsx,.gift,.txt,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
          />
        </label>
        <div class="question-buttons">
          <button type="submit" name="action" value="preview" class="secondary">
            {t('questions.import.preview')}
          </button>
          <button type="submit" name="action" value="import">
            {t('questions.import.submit')}
          </button>
        </div>
      </form>
      <div id="import-outcome" aria-live="polite">
        <ImportOutcome ctx={ctx} outcome={props.outcome} />
      </div>
    </Layout>
  );
}
